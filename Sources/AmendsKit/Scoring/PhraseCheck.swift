/// Existence: the principle is hit when any pattern matches (outside negation and quotation,
/// and not overlapping an exclusion). Patterns may also come from the scenario's brief.
struct PhraseCheck: Check {
  enum BriefSource: String, CaseIterable, Sendable {
    case none
    /// The phrases that contradict the brief's facts and policy (`off-message`).
    case contradictions
    /// The promises the brief says cannot be kept (`overpromise`).
    case outOfReach = "out-of-reach"
    /// Sentences offering what the brief's `may-offer` lists, in any words (`remedy`).
    case mayOffer = "may-offer"
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
  /// Which clauses the main patterns may match in (who acts, what the clause does).
  var roles = RoleFilter()
  /// More patterns, each group with clauses of its own: "next time" counts as condescension
  /// only in an instruction to the customer.
  struct RoleGroup: Sendable {
    let patterns: PhraseMatcher
    let roles: RoleFilter
  }
  var roleGroups: [RoleGroup] = []
  /// Matches in a sentence that restates the brief's facts or offers do not count: saying
  /// what the brief says is never an overpromise.
  var allowBrief = false

  /// Whether the check reads the brief's facts or limits, so that saying what the brief says
  /// can never trigger it (see `Scorer`, which holds the trained layer to the same rule).
  var readsBriefLimits: Bool { briefSource == .contradictions || briefSource == .outOfReach }

  var explainablePhrases: [Phrase] {
    patterns.phrases + roleGroups.flatMap(\.patterns.phrases) + (ifMissed?.patterns.phrases ?? [])
  }

  var patternSources: [String] {
    patterns.sources + weak.sources + (ifMissed?.patterns.sources ?? []) + roleGroups.flatMap(\.patterns.sources)
  }

  func inspect(_ input: CheckInput) -> CheckFinding {
    var finding = CheckFinding()
    finding.matches = roles.filter(
      patterns.matches(in: input.text, policy: policy, excluding: exclusions), in: input.text)
    for group in roleGroups {
      finding.matches += group.roles.filter(
        group.patterns.matches(in: input.text, policy: policy, excluding: exclusions), in: input.text)
    }
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
    case .mayOffer:
      if !input.context.mayOffer.isEmpty, finding.matches.isEmpty {
        let text = input.text
        for sentence in input.context.briefOverlap.offerSentences(in: text) {
          let range = text.sentenceWordRanges[sentence]
          guard let first = range.first, let last = range.last else { continue }
          let match = PhraseMatch(
            phrase: "(what the brief allows you to offer)", firstWord: first, lastWord: last,
            start: text.tokens[text.words[first]].start, end: text.tokens[text.words[last]].end, sentence: sentence,
            consumed: [])
          if roles.allows(match, in: text) { finding.matches.append(match) }
        }
      }
    }
    if allowBrief && !finding.matches.isEmpty {
      let restated = input.context.restatesBrief(finding.matches.map(\.firstWord), in: input.text)
      finding.matches = zip(finding.matches, restated).filter { !$0.1 }.map(\.0)
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
