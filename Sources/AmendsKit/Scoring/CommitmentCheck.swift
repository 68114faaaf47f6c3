/// Commitment: hit when one sentence both promises an action ("I will", "we'll", "I've booked")
/// and anchors it in time or to a person ("by Friday", "within 24 hours", "at 3pm", "Dana from
/// billing"); or when an earlier turn made a commitment and this reply reports keeping it; or
/// when the reply reports the fix as already done ("I've refunded the £40 to your card"): a
/// commitment made and kept in the same breath.
struct CommitmentCheck: Check {
  let promise: PhraseMatcher
  let anchor: PhraseMatcher
  let kept: PhraseMatcher
  let done: PhraseMatcher
  let exclusions: PhraseMatcher
  let policy: MatchPolicy

  var patternSources: [String] { promise.sources + anchor.sources + kept.sources + done.sources }
  var explainablePhrases: [Phrase] { promise.phrases }

  func inspect(_ input: CheckInput) -> CheckFinding {
    var finding = CheckFinding()
    // A promise the brief says cannot be kept ("back online today" when the repair is Thursday)
    // is not a keepable commitment, however specific it sounds.
    let unkeepable = Set(unkeepableMatches(input).map(\.sentence))
    let promises = promise.matches(in: input.text, policy: policy, excluding: exclusions).filter {
      !unkeepable.contains($0.sentence)
    }
    let anchors = anchor.matches(in: input.text, policy: MatchPolicy(respectNegation: false, skipOthersWords: true))
    for p in promises {
      guard let a = anchors.first(where: { $0.sentence == p.sentence }) else { continue }
      finding.hit = true
      finding.matches.append(p)
      finding.matches.append(a)
      let range = input.text.sentenceWordRanges[p.sentence]
      if let first = range.first, let last = range.last {
        let start = input.text.tokens[input.text.words[first]].start
        let end = input.text.tokens[input.text.words[last]].end
        finding.commitments.append(input.text.excerpt(start, end))
      }
    }
    if !finding.hit {
      let completed = done.matches(in: input.text, policy: policy, excluding: exclusions).filter {
        !unkeepable.contains($0.sentence)
      }
      if !completed.isEmpty {
        finding.hit = true
        finding.matches = completed
        finding.note = "It reports the fix as already done."
      }
    }
    if !finding.hit && !promises.isEmpty {
      finding.matches = promises
      finding.weakOnly = true
    }
    if !input.memory.commitments.isEmpty {
      let keeping = kept.matches(in: input.text, policy: policy)
      if !keeping.isEmpty {
        finding.hit = true
        finding.weakOnly = false
        finding.matches += keeping
        finding.note = "It follows through on what an earlier reply promised."
      }
    }
    return finding
  }

  private func unkeepableMatches(_ input: CheckInput) -> [PhraseMatch] {
    if let compiled = input.context.briefMatchers { return compiled.unkeepable.matches(in: input.text, policy: policy) }
    let phrases = input.context.outOfReach + input.context.facts.flatMap(\.contradictions)
    guard !phrases.isEmpty else { return [] }
    return PhraseMatcher(phrases).matches(in: input.text, policy: policy)
  }
}
