import Foundation

/// Scores replies against a rubric. Pure: the same reply, context and memory always give the
/// same assessment, so tests, `amends check`, the player and `amends test` agree.
public struct Scorer: Sendable {
  public let rubric: Rubric

  public init(rubric: Rubric) { self.rubric = rubric }

  /// Replies longer than this are refused rather than scored: nobody sends a customer more.
  public static let maximumReplyBytes = 256 * 1024

  public func score(_ reply: String, context: ScoringContext = ScoringContext(), memory: ConversationMemory = ConversationMemory()) -> Assessment {
    let text = TextAnalyzer.analyze(reply)
    return score(text, context: context, memory: memory)
  }

  public func score(_ text: AnalyzedText, context: ScoringContext, memory: ConversationMemory) -> Assessment {
    var input = CheckInput(text: text, context: context, memory: memory)
    // In rubric order, by index: a dictionary keyed by id cost more than some checks.
    var findings: [CheckFinding] = []
    findings.reserveCapacity(rubric.principles.count)
    var remedyOffered = false
    for principle in rubric.principles {
      let finding = principle.check.inspect(input)
      findings.append(finding)
      if finding.hit {
        input.earlierHits.insert(principle.id)
        if principle.id == "remedy" { remedyOffered = true }
      }
    }

    var results: [PrincipleResult] = []
    var points: [String: Double] = [:]
    var possible = 0.0, earned = 0.0, penalty = 0.0
    var nextMemory = memory
    nextMemory.turns += 1
    for (principle, finding) in zip(rubric.principles, findings) {
      if let tally = finding.tally { nextMemory.tallies[tally.key, default: 0] += tally.count }
      nextMemory.commitments += finding.commitments
      let applies = context.expected.contains(principle.id)
        || principle.applies.allSatisfy { $0.holds(context, remedyOffered: remedyOffered) }
      let verdict: Verdict
      if !applies {
        verdict = .notApplicable
      } else if principle.kind == .move {
        verdict = finding.hit ? .met : .missed
        possible += Double(principle.weight)
        if finding.hit { earned += Double(principle.weight) }
      } else {
        verdict = finding.hit ? .violated : .avoided
        if finding.hit {
          let cost = Double(principle.weight) * rubric.penaltyPerWeight
          penalty += cost
          points[principle.id] = -cost
        }
      }
      var message = principle.feedback.text(for: verdict, kind: principle.kind, weakOnly: finding.weakOnly)
      if verdict != .notApplicable, let note = finding.note, !verdict.isGood || principle.id == "commitment" { message += " " + note }
      let evidence = verdict == .notApplicable ? [] : finding.matches.map {
        Evidence(text: text.excerpt($0.start, $0.end), start: $0.start, end: $0.end)
      }
      results.append(PrincipleResult(id: principle.id, verdict: verdict, evidence: dedupe(evidence), feedback: message))
    }
    let movePart = possible > 0 ? 100 * earned / possible : 100
    for (principle, result) in zip(rubric.principles, results) where principle.kind == .move {
      if result.verdict == .met, possible > 0 {
        points[principle.id] = 100 * Double(principle.weight) / possible
      }
    }
    let score = Int((movePart - penalty).rounded()).clamped(to: 0...100)
    return Assessment(score: score, band: rubric.band(for: score), results: results, points: points, memory: nextMemory)
  }

  /// The evidence in text order, each span once. A principle has a handful of spans at most, so
  /// they are compared directly: a set per principle cost more than some checks.
  private func dedupe(_ evidence: [Evidence]) -> [Evidence] {
    guard evidence.count > 1 else { return evidence }
    var kept: [Evidence] = []
    kept.reserveCapacity(evidence.count)
    for span in evidence.sorted(by: { $0.start < $1.start }) where !kept.contains(where: { $0.start == span.start && $0.end == span.end }) {
      kept.append(span)
    }
    return kept
  }
}

extension Comparable {
  func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
