import Testing

@testable import AmendsKit

/// The compiled matcher: where phrases may begin, which words they need, the order alternatives
/// and gaps are tried in, and texts read before a pattern's words existed.
@Suite struct PhraseMachineTests {
  func spans(_ patterns: [String], _ text: AnalyzedText) -> [String] {
    let matcher = PhraseMatcher(patterns.flatMap { (try? Phrase.compile($0)) ?? [] })
    return matcher.matches(in: text).map { text.excerpt($0.start, $0.end) }
  }

  func spans(_ pattern: String, _ text: String) -> [String] { spans([pattern], TextAnalyzer.analyze(text)) }

  @Test func aTextReadBeforeItsPatternsWereCompiledStillMatches() {
    // These words and this stem are registered only when the patterns compile, after reading.
    let text = TextAnalyzer.analyze("We waived the qzxv fee and sent a vrblorped parcel.")
    #expect(spans(["qzxv fee"], text) == ["qzxv fee"])
    #expect(spans(["vrblorp* parcel"], text) == ["vrblorped parcel"])
  }

  @Test func phrasesMayBeginWithAStemAWordClassOrAnOptionalSlot() {
    #expect(spans("refund* (is|was) on its way", "Your REFUND is on its way") == ["REFUND is on its way"])
    #expect(spans("<weekday> morning", "I'll call on Tuesday morning") == ["Tuesday morning"])
    // One match per starting word: "sorry" alone also starts a match, so both are reported.
    #expect(spans("[so|very] sorry", "We are very sorry") == ["very sorry", "sorry"])
    #expect(spans("[so|very] sorry", "Sorry.") == ["Sorry"])
  }

  @Test func alternativesAreTriedInTheOrderWritten() {
    // The first alternative that lets the rest match wins, so the evidence is the longer span.
    #expect(spans("(sorry about|sorry) the wait", "sorry about the wait") == ["sorry about the wait"])
    #expect(spans("(sorry about|sorry) the wait", "sorry the wait") == ["sorry the wait"])
    #expect(spans("sorry (for|about)? the wait", "sorry for the wait") == ["sorry for the wait"])
  }

  @Test func gapsSkipTheFewestWordsThatLetTheRestMatch() {
    #expect(spans("sorry ...3 wait", "sorry for the long wait") == ["sorry for the long wait"])
    #expect(spans("sorry ...1 wait", "sorry for the long wait").isEmpty)
    // A gap never crosses a sentence.
    #expect(spans("sorry ...3 wait", "Sorry. The wait is over").isEmpty)
  }

  @Test func aRequiredGroupNeedsAllTheWordsOfOneAlternative() {
    let pattern = "(are|were) (flat out|run ragged)"
    #expect(spans(pattern, "we were run ragged") == ["were run ragged"])
    #expect(spans(pattern, "we were run over and ragged").isEmpty)
    #expect(spans(pattern, "we were flat broke, out of luck").isEmpty)
  }

  @Test func oneMatchPerStartingWordAndEveryStartingWordCounts() {
    let text = TextAnalyzer.analyze("Sorry for the wait. Sorry again for the mix-up.")
    #expect(spans(["sorry"], text) == ["Sorry", "Sorry"])
    #expect(spans(["sorry for", "sorry"], text) == ["Sorry for", "Sorry"])
  }

  @Test func wordsAreReadTheSameWhateverTheirSpellingOrCase() {
    let first = TextAnalyzer.analyze("I'm sorry we CANCELLED it")
    let again = TextAnalyzer.analyze("im sorry we canceled it")
    #expect(first.words.map { first.tokens[$0].form } == again.words.map { again.tokens[$0].form })
    #expect(spans(["i am sorry we canceled"], first) == ["I'm sorry we CANCELLED"])
  }

  @Test func aGroupOfSingleWordsMatchesAsOneSlot() {
    // Compiled as one word slot, not a split per word: any of its words, stems or classes
    // takes exactly one word, and an optional group may take none.
    let pattern = "i|we (added|built|refund*|<weekday>) it"
    #expect(spans(pattern, "We built it") == ["We built it"])
    #expect(spans(pattern, "we refunded it") == ["we refunded it"])
    #expect(spans(pattern, "I Tuesday it") == ["I Tuesday it"])
    #expect(spans(pattern, "we built and added it").isEmpty)
    #expect(spans("sorry (so|very)? much", "sorry very much") == ["sorry very much"])
    #expect(spans("sorry (so|very)? much", "sorry much") == ["sorry much"])
    #expect(spans("sorry (so|very)? much", "sorry so very much").isEmpty)
    // The words a merged slot took count as the pattern's own, so a "not" among them is not a
    // negation of the match.
    #expect(spans("we (not|never) sent", "we never sent it") == ["we never sent"])
  }

  @Test func aGapPassesOverWordsTheNextSlotRefusesAndStillBacktracks() {
    // The first "for" after the gap does not let the rest match; the machine comes back to the
    // gap and tries the next place the slot accepts.
    #expect(
      spans("sorry ...4 for the wait", "sorry, and for once, for the wait") == ["sorry, and for once, for the wait"])
    // Two words are too few to reach the second "for".
    #expect(spans("sorry ...2 for the wait", "sorry, and for once, for the wait").isEmpty)
    #expect(
      spans("sorry ...5 for the wait", "sorry, truly for you, for the wait") == ["sorry, truly for you, for the wait"])
    #expect(spans("sorry ...2 (for|about) the wait", "sorry again about the wait") == ["sorry again about the wait"])
  }

  @Test func aPatternIsTriedOnlyInSentencesThatMayHoldItsWords() {
    // "we" stands in both sentences and "messed" only in the second: the first is passed over
    // by its signature, and the match is found where all the words are.
    let text = TextAnalyzer.analyze("We called you. Honestly, we messed up the order.")
    #expect(spans(["we ...3 (messed|screwed) up"], text) == ["we messed up"])
    #expect(spans(["we ...3 (messed|screwed) up"], TextAnalyzer.analyze("We messed. Up it went.")).isEmpty)
  }
}
