import Foundation

/// Scores replies against a rubric. Pure: the same reply, context and memory always give the
/// same assessment, so tests, `amends check`, the player and `amends test` agree.
public struct Scorer: Sendable {
  public let rubric: Rubric

  public init(rubric: Rubric) { self.rubric = rubric }

  /// Replies longer than this are refused rather than scored: nobody sends a customer more.
  /// Callers refuse them with a message; `score` itself reads no further (`TextAnalyzer`).
  public static let maximumReplyBytes = TextAnalyzer.maximumBytes

  public func score(
    _ reply: String, context: ScoringContext = ScoringContext(), memory: ConversationMemory = ConversationMemory()
  ) -> Assessment {
    let text = TextAnalyzer.analyze(reply)
    return score(text, context: context, memory: memory)
  }

  public func score(_ text: AnalyzedText, context: ScoringContext, memory: ConversationMemory) -> Assessment {
    var findings = inspect(text, context: context, memory: memory).0
    // The trained layer: a paraphrase the phrases missed becomes a verdict, with the words that
    // weighed most as its evidence; an implausible phrase hit is overruled.
    if let model = rubric.model {
      let features = ModelFeatures.extract(text, context: context, rubric: rubric, findings: findings, model: model)
      let probabilities = model.probabilities(features)
      for (index, principle) in rubric.principles.enumerated() {
        guard let column = model.column(of: principle.id) else { continue }
        let decided = model.decide(column, ruleHit: findings[index].hit, probability: probabilities[column])
        findings[index].probability = probabilities[column]
        if decided && !findings[index].hit {
          // The words that weighed most are the verdict's evidence. A verdict no words of the
          // reply pushed towards (only its length or context) would show nothing a trainee
          // could act on, so it is not added.
          let words = model.contributions(features, column: column, withWordsOnly: true).map(\.span)
          guard !words.isEmpty else { continue }
          // Saying what the brief says never contradicts it or promises beyond it: a learned
          // verdict of a check that reads the brief, whose words all stand in clauses that
          // restate the brief, is not added (the phrases' own matches are dropped the same way).
          if (principle.check as? PhraseCheck)?.readsBriefLimits == true,
            Scorer.allRestateBrief(words, in: text, context: context)
          {
            continue
          }
          findings[index].hit = true
          findings[index].learned = true
          findings[index].weakOnly = false
          findings[index].matches = []
          findings[index].learnedEvidence = words
        } else if !decided && findings[index].hit {
          findings[index].hit = false
          findings[index].overruled = true
        }
      }
    }
    let remedyOffered = findings.indices.contains { rubric.principles[$0].offersRemedy && findings[$0].hit }
    var results: [PrincipleResult] = []
    var scoring: [ScoreMap.Input] = []
    var nextMemory = memory
    nextMemory.turns += 1
    for (principle, finding) in zip(rubric.principles, findings) {
      if let tally = finding.tally { nextMemory.tallies[tally.key, default: 0] += tally.count }
      nextMemory.commitments += finding.commitments
      let applies =
        context.expected.contains(principle.id)
        || principle.applies.allSatisfy { $0.holds(context, remedyOffered: remedyOffered) }
      let verdict: Verdict
      if !applies {
        verdict = .notApplicable
      } else if principle.kind == .move {
        verdict = finding.hit ? .met : .missed
      } else {
        verdict = finding.hit ? .violated : .avoided
      }
      scoring.append(ScoreMap.Input(principle: principle, verdict: verdict, probability: finding.probability))
      var message = principle.feedback.text(for: verdict, kind: principle.kind, weakOnly: finding.weakOnly)
      if verdict != .notApplicable, let note = finding.note, !verdict.isGood || principle.noteWhenMet {
        message += " " + note
      }
      var evidence =
        verdict == .notApplicable || finding.overruled
        ? []
        : finding.matches.map {
          Evidence(text: text.excerpt($0.start, $0.end), start: $0.start, end: $0.end)
        }
      if verdict != .notApplicable && finding.learned {
        evidence = finding.learnedEvidence.map {
          Evidence(text: text.excerpt($0.lowerBound, $0.upperBound), start: $0.lowerBound, end: $0.upperBound)
        }
      }
      results.append(PrincipleResult(id: principle.id, verdict: verdict, evidence: dedupe(evidence), feedback: message))
    }
    let (score, points) = ScoreMap(rubric: rubric).score(scoring, greetsAfterContent: text.greetsAfterContent)
    return Assessment(score: score, band: rubric.band(for: score), results: results, points: points, memory: nextMemory)
  }

  /// What the phrase rubric finds, principle by principle in rubric order, before any trained
  /// layer: the checks' findings, and the input they saw.
  public func inspect(
    _ text: AnalyzedText, context: ScoringContext, memory: ConversationMemory
  ) -> ([CheckFinding], CheckInput) {
    var input = CheckInput(text: text, context: context, memory: memory)
    // In rubric order, by index: a dictionary keyed by id cost more than some checks.
    var findings: [CheckFinding] = []
    findings.reserveCapacity(rubric.principles.count)
    for principle in rubric.principles {
      let finding = principle.check.inspect(input)
      findings.append(finding)
      if finding.hit { input.earlierHits.append(principle.id) }
    }
    return (findings, input)
  }

  /// Whether every span of evidence starts in a clause that restates the brief.
  private static func allRestateBrief(_ spans: [Range<Int>], in text: AnalyzedText, context: ScoringContext) -> Bool {
    let positions = spans.compactMap { span in text.words.firstIndex { text.tokens[$0].end > span.lowerBound } }
    return positions.count == spans.count && context.restatesBrief(positions, in: text).allSatisfy { $0 }
  }

  /// The evidence in text order, each span once. A principle has a handful of spans at most, so
  /// they are compared directly: a set per principle cost more than some checks.
  private func dedupe(_ evidence: [Evidence]) -> [Evidence] {
    guard evidence.count > 1 else { return evidence }
    var kept: [Evidence] = []
    kept.reserveCapacity(evidence.count)
    // Sorted by start, a duplicate can only be among the last spans kept with the same start:
    // looking only there keeps a reply of eight thousand apologies linear, and a usual reply's
    // few spans free of a set's allocation.
    for span in evidence.sorted(by: { $0.start < $1.start }) {
      let duplicate = kept.reversed().prefix { $0.start == span.start }.contains { $0.end == span.end }
      if !duplicate { kept.append(span) }
    }
    return kept
  }
}

extension Comparable {
  func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
