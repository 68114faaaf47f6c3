import Foundation

/// What `Tools/scoring/train.py` learns from: for each dev item (never test or real), the
/// features of its reply as the scorer computes them, the phrase rubric's own verdicts, and the
/// labels. Written by `amends calibrate --features FILE`, one JSON object a line.
public enum TrainingFeatures {
  /// Also each rubric example (`Scoring/<id>.yaml`), labelled for its own principle only: the
  /// phrases' authors wrote them with the rubric in view, so they are training data, never a
  /// measure.
  /// And each scenario sample, labelled with the verdicts its author gave it.
  public static func jsonLines(_ items: [CorpusItem], rubric: Rubric, scenarios: [Scenario] = []) -> String {
    let rules = Scorer(rubric: rubric.withoutTrainedLayer())
    var lines: [String] = []
    for scenario in scenarios {
      for beat in scenario.beats {
        let context = ScenarioPlayer.context(for: beat, in: scenario)
        for (i, sample) in beat.samples.enumerated() where !sample.verdicts.isEmpty {
          var labels: [String: Verdict] = [:]
          for (id, verdict) in sample.verdicts { labels[id] = verdict }
          lines.append(
            line(
              id: "sample-\(scenario.id)-\(beat.id)-\(i + 1)", group: "scenario-\(scenario.id)", quality: nil,
              reply: sample.reply,
              context: context, memory: ConversationMemory(), labels: labels, rules: rules))
        }
      }
    }
    for principle in rubric.principles {
      for example in principle.examples {
        var memory = ConversationMemory()
        for earlier in example.earlier {
          memory = rules.score(earlier, context: example.context, memory: memory).memory
        }
        lines.append(
          line(
            id: "rubric-\(principle.id)-\(example.line)", group: "rubric-\(principle.id)", quality: nil,
            reply: example.reply,
            context: example.context, memory: memory, labels: [principle.id: example.expected], rules: rules))
      }
    }
    for item in items where item.set == .dev {
      var memory = ConversationMemory()
      for earlier in item.earlier { memory = rules.score(earlier, context: item.context, memory: memory).memory }
      // Items of one situation go to the same cross-validation fold: new situations are what a
      // trainee will meet.
      lines.append(
        line(
          id: item.id, group: item.situation.isEmpty ? item.id : item.situation, quality: item.quality,
          reply: item.reply,
          context: item.context, memory: memory, labels: item.verdicts, rules: rules))
    }
    return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
  }

  private static func line(
    id: String, group: String, quality: Int?, reply: String, context: ScoringContext, memory: ConversationMemory,
    labels: [String: Verdict], rules: Scorer
  ) -> String {
    let text = TextAnalyzer.analyze(reply)
    let findings = rules.inspect(text, context: context, memory: memory).0
    let assessment = rules.score(text, context: context, memory: memory)
    let features = ReplyFeatures.extract(text, context: context, rubric: rules.rubric, findings: findings)
    let writer = JSONWriter()
    writer.object {
      writer.field("id") { writer.string(id) }
      writer.field("group") { writer.string(group) }
      writer.field("quality") { if let q = quality { writer.number(q) } else { writer.number(nil as Double?) } }
      writer.field("features") { writer.array(features.names.sorted()) { writer.string($0) } }
      writer.field("labels") {
        writer.object {
          for (id, verdict) in labels.sorted(by: { $0.key < $1.key }) {
            writer.field(id) { writer.string(verdict.rawValue) }
          }
        }
      }
      writer.field("rules") {
        writer.object {
          for result in assessment.results { writer.field(result.id) { writer.string(result.verdict.rawValue) } }
        }
      }
      writer.field("score") { writer.number(assessment.score) }
    }
    return writer.text
  }
}
