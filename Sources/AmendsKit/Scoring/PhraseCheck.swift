/// Existence: the principle is hit when any pattern matches (outside negation and quotation,
/// and not overlapping an exclusion). Patterns may also come from the scenario's brief.
struct PhraseCheck: Check {
  enum BriefSource: String, CaseIterable, Sendable {
    case none
    /// The phrases that contradict the brief's facts and policy (`off-message`).
    case contradictions
    /// The promises the brief says cannot be kept (`overpromise`).
    case outOfReach = "out-of-reach"
  }

  let patterns: PhraseMatcher
  let exclusions: PhraseMatcher
  let weak: PhraseMatcher
  let briefSource: BriefSource
  let policy: MatchPolicy
  /// Patterns that count only when another principle (inspected earlier) found nothing:
  /// "our courier had a van breakdown" is blame when the reply never owns the failure.
  struct Conditional: Sendable {
    let principle: String
    let patterns: PhraseMatcher
  }
  var ifMissed: Conditional?

  var patternSources: [String] { patterns.sources + weak.sources + (ifMissed?.patterns.sources ?? []) }

  func inspect(_ input: CheckInput) -> CheckFinding {
    var finding = CheckFinding()
    finding.matches = patterns.matches(in: input.text, policy: policy, excluding: exclusions)
    if let conditional = ifMissed, !input.earlierHits.contains(conditional.principle) {
      finding.matches += conditional.patterns.matches(in: input.text, policy: policy, excluding: exclusions)
    }
    switch briefSource {
    case .none: break
    case .contradictions:
      let compiled = input.context.briefMatchers?.contradictions
      for (k, fact) in input.context.facts.enumerated() {
        let matcher = compiled?[k] ?? PhraseMatcher(fact.contradictions)
        let found = matcher.matches(in: input.text, policy: policy)
        if !found.isEmpty {
          finding.matches += found
          finding.note = "The brief says: \(fact.text)"
        }
      }
    case .outOfReach:
      if !input.context.outOfReach.isEmpty {
        let matcher = input.context.briefMatchers?.outOfReach ?? PhraseMatcher(input.context.outOfReach)
        finding.matches += matcher.matches(in: input.text, policy: policy)
      }
    }
    finding.hit = !finding.matches.isEmpty
    if !finding.hit && !weak.isEmpty {
      let weakMatches = weak.matches(in: input.text, policy: policy)
      if !weakMatches.isEmpty {
        finding.matches = weakMatches
        finding.weakOnly = true
      }
    }
    return finding
  }
}
