/// Occurrence: hit when a pattern matches more often than allowed in one reply, or when this
/// reply pushes the conversation's running count past its limit (apologising again and again).
struct OccurrenceCheck: Check {
  let patterns: PhraseMatcher
  let exclusions: PhraseMatcher
  let policy: MatchPolicy
  let maxPerReply: Int
  let maxPerConversation: Int?
  let tallyKey: String?

  var patternSources: [String] { patterns.sources }
  var explainablePhrases: [Phrase] { patterns.phrases }

  func inspect(_ input: CheckInput) -> CheckFinding {
    var finding = CheckFinding()
    let found = patterns.matches(in: input.text, policy: policy, excluding: exclusions)
    let count = found.count
    if let key = tallyKey { finding.tally = (key, count) }
    let earlier = tallyKey.map { input.memory.tallies[$0] ?? 0 } ?? 0
    if count > maxPerReply {
      finding.hit = true
      finding.note = "This reply says it \(count) times."
    } else if let limit = maxPerConversation, count > 0, earlier + count > limit {
      finding.hit = true
      finding.note = "Earlier replies in this conversation already said it \(earlier) time\(earlier == 1 ? "" : "s")."
    }
    if finding.hit { finding.matches = found }
    return finding
  }
}
