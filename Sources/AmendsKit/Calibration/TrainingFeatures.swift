import Foundation

/// What `Tools/scoring/train.py` learns from: for each dev item (never test or real), the
/// features of its reply as the scorer computes them, the phrase rubric's own verdicts, and the
/// labels. Written by `amends calibrate --features FILE`, one JSON object a line.
public enum TrainingFeatures {
  public static func jsonLines(_ items: [CorpusItem], rubric: Rubric) -> String {
    let rules = Scorer(rubric: rubric.withoutTrainedLayer())
    var lines: [String] = []
    for item in items where item.set.mayBeListed {
      var memory = ConversationMemory()
      for earlier in item.earlier { memory = rules.score(earlier, context: item.context, memory: memory).memory }
      let text = TextAnalyzer.analyze(item.reply)
      let findings = rules.inspect(text, context: item.context, memory: memory).0
      let assessment = rules.score(text, context: item.context, memory: memory)
      let hits = Set(zip(rubric.principles, findings).filter { $0.1.hit }.map(\.0.id))
      let weak = Set(zip(rubric.principles, findings).filter { $0.1.weakOnly }.map(\.0.id))
      let features = ReplyFeatures.extract(text, context: item.context, hits: hits, weak: weak)
      let writer = JSONWriter()
      writer.object {
        writer.field("id") { writer.string(item.id) }
        // Items of one situation go to the same cross-validation fold: new situations are
        // what a trainee will meet.
        writer.field("group") { writer.string(item.situation.isEmpty ? item.id : item.situation) }
        writer.field("quality") { if let q = item.quality { writer.number(q) } else { writer.number(nil as Double?) } }
        writer.field("features") { writer.array(features.names.sorted()) { writer.string($0) } }
        writer.field("labels") {
          writer.object { for (id, verdict) in item.verdicts.sorted(by: { $0.key < $1.key }) { writer.field(id) { writer.string(verdict.rawValue) } } }
        }
        writer.field("rules") {
          writer.object { for result in assessment.results { writer.field(result.id) { writer.string(result.verdict.rawValue) } } }
        }
        writer.field("score") { writer.number(assessment.score) }
      }
      lines.append(writer.text)
    }
    return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
  }
}
