/// Metric: hit when too many sentences (or too large a share of them) are of one sort — for
/// `excuses`, sentences that explain why the failure happened — or when a direct pattern
/// matches ("you don't know the trouble we went to").
struct MetricCheck: Check {
  let direct: PhraseMatcher
  let sentenceMarkers: PhraseMatcher
  let exclusions: PhraseMatcher
  let policy: MatchPolicy
  let maxSentences: Int
  let maxShare: Double
  let minSentences: Int
  let maxPerConversation: Int?
  let tallyKey: String?
  /// How many reasons one sentence can count for: "we were busy, two developers left and the
  /// team is exhausted" strings three reasons together in one sentence.
  let reasonsPerSentence: Int
  /// Burying the answer: hit when more than this share of the reply's sentences repeat an
  /// earlier one (nil: not checked).
  var maxRepeatedShare: Double? = nil

  var patternSources: [String] { direct.sources + sentenceMarkers.sources }
  var explainablePhrases: [Phrase] { direct.phrases + sentenceMarkers.phrases }

  func inspect(_ input: CheckInput) -> CheckFinding {
    var finding = CheckFinding()
    let directMatches = direct.matches(in: input.text, policy: policy, excluding: exclusions)
    let markers = sentenceMarkers.matches(in: input.text, policy: policy, excluding: exclusions)
    var firstPerSentence: [Int: PhraseMatch] = [:]
    var perSentence: [Int: Int] = [:]
    for m in markers {
      if firstPerSentence[m.sentence] == nil { firstPerSentence[m.sentence] = m }
      perSentence[m.sentence, default: 0] += 1
    }
    let marked = perSentence.values.reduce(0) { $0 + min($1, reasonsPerSentence) }
    let sentencesMarked = perSentence.count
    // Greetings and sign-offs are not sentences of the reply's substance.
    let total = max(
      1,
      input.text.sentenceWordRanges.indices.filter {
        !input.text.sentenceWordRanges[$0].isEmpty && !input.text.isSalutation($0)
      }.count)
    if let key = tallyKey { finding.tally = (key, marked) }
    let earlier = tallyKey.map { input.memory.tallies[$0] ?? 0 } ?? 0
    let share = Double(sentencesMarked) / Double(total)
    if !directMatches.isEmpty {
      finding.hit = true
      finding.matches = directMatches
    }
    if marked > maxSentences {
      finding.hit = true
      finding.note =
        sentencesMarked == marked
        ? "\(marked) of \(total) sentences explain why it happened."
        : "\(marked) reasons for what happened, in \(sentencesMarked) of \(total) sentences."
    } else if total >= minSentences && sentencesMarked >= 2 && share > maxShare {
      finding.hit = true
      finding.note = "\(sentencesMarked) of \(total) sentences explain why it happened."
    } else if let limit = maxPerConversation, marked > 0, earlier + marked > limit {
      finding.hit = true
      finding.note = "With earlier replies, \(earlier + marked) sentences of this conversation explain why it happened."
    }
    if finding.hit {
      let ordered = firstPerSentence.keys.sorted().compactMap { firstPerSentence[$0] }
      finding.matches += finding.note == nil ? [] : ordered
    }
    if let limit = maxRepeatedShare, !finding.hit {
      let repeated = input.text.repeatedSentences
      let share = Double(repeated.count) / Double(total)
      if repeated.count >= 2 && share > limit, let first = repeated.first {
        finding.hit = true
        finding.note =
          "\(repeated.count) of \(total) sentences say again what the reply already said: saying it again buries the answer."
        let range = input.text.sentenceWordRanges[first]
        if let a = range.first, let b = range.last {
          finding.matches.append(
            PhraseMatch(
              phrase: "(a repeated sentence)", firstWord: a, lastWord: b,
              start: input.text.tokens[input.text.words[a]].start,
              end: input.text.tokens[input.text.words[b]].end, sentence: first, consumed: []))
        }
      }
    }
    return finding
  }
}
