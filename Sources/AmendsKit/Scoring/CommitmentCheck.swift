/// Commitment: hit when one sentence both promises an action ("I will", "we'll", "I've booked")
/// and anchors it in time or to a person ("by Friday", "within 24 hours", "at 3pm", "Dana from
/// billing"); or when an earlier turn made a commitment and this reply reports keeping it.
struct CommitmentCheck: Check {
  let promise: PhraseMatcher
  let anchor: PhraseMatcher
  let kept: PhraseMatcher
  let exclusions: PhraseMatcher
  let policy: MatchPolicy

  var patternSources: [String] { promise.sources + anchor.sources + kept.sources }

  func inspect(_ input: CheckInput) -> CheckFinding {
    var finding = CheckFinding()
    let promises = promise.matches(in: input.text, policy: policy, excluding: exclusions)
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
}
