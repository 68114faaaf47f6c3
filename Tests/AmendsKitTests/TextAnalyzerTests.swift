import Testing

@testable import AmendsKit

@Suite struct TextAnalyzerTests {
  func forms(_ text: String) -> [String] {
    let a = TextAnalyzer.analyze(text)
    return a.words.map { a.tokens[$0].form }
  }

  @Test func expandsContractionsAndTheirTypos() {
    #expect(forms("I'm sorry, we won't") == ["i", "am", "sorry", "we", "will", "not"])
    #expect(forms("Im sorry, we cant") == ["i", "am", "sorry", "we", "can", "not"])
    #expect(forms("That’s on us") == ["that", "is", "on", "us"])
    #expect(forms("the courier's van") == ["the", "courier", "'s", "van"])
  }

  @Test func foldsBritishAndAmericanSpelling() {
    #expect(forms("We apologise") == forms("we apologize"))
    #expect(forms("colour cancelled") == ["color", "canceled"])
    #expect(forms("our hour") == ["our", "hour"])
  }

  @Test func splitsSentencesAndLines() {
    let a = TextAnalyzer.analyze("Hi Dana\nI'm sorry. It was us! Really? Mr. Park said so.")
    #expect(a.sentenceCount == 5)
  }

  @Test func keepsDecimalsTimesAndAmountsWhole() {
    #expect(forms("£3.50 at 10:30 or 3pm") == ["3.50", "at", "10:30", "or", "3pm"])
  }

  @Test func marksQuotedAndMailQuotedWords() {
    let a = TextAnalyzer.analyze("You wrote \"this is a joke\" and > not mine\n> I'm sorry\nThanks")
    let quoted = a.words.filter { a.tokens[$0].quoted }.map { a.tokens[$0].form }
    #expect(quoted == ["this", "is", "a", "joke", "i", "am", "sorry"])
  }

  @Test func apostrophesInsideWordsDoNotOpenQuotes() {
    let a = TextAnalyzer.analyze("It's Dana's order and we're on it")
    #expect(a.words.allSatisfy { !a.tokens[$0].quoted })
  }

  @Test func marksReportedSpeechOfOthersOnly() {
    let a = TextAnalyzer.analyze("The agent said sorry. I said sorry.")
    let reported = a.words.filter { a.tokens[$0].reported }.map { a.tokens[$0].form }
    #expect(reported == ["sorry"])
  }

  @Test func reportedSpeechEndsWithItsClauseOrWhenWeTakeTheStoryBack() {
    func reported(_ text: String) -> [String] {
      let a = TextAnalyzer.analyze(text)
      return a.words.filter { a.tokens[$0].reported }.map { a.tokens[$0].form }
    }
    #expect(reported("You told us you'd be away, and our system blocked it") == ["us", "you", "would", "be", "away"])
    #expect(reported("You told us you'd be away and our system blocked it") == ["us", "you", "would", "be", "away"])
    #expect(reported("They said sorry and then did nothing") == ["sorry", "and", "then", "did", "nothing"])
    // A quotation already marks whose words they are; what follows it is ours.
    #expect(reported("You said \"nobody listens\" and you were right").isEmpty)
  }

  @Test func aLeadingEmojiDoesNotStartTheSentence() {
    let a = TextAnalyzer.analyze("🙂 Sorry for the mix-up")
    let starts = a.words.filter { a.tokens[$0].startsSentence }.map { a.tokens[$0].form }
    #expect(starts == ["sorry"])
  }

  @Test func keepsTheUnfoldedFormForPrefixes() {
    let a = TextAnalyzer.analyze("Thanks for raising it")
    let raising = a.tokens.first { $0.plain == "raising" }
    #expect(raising?.form == "raizing")
  }

  @Test func expandsModalHaveTypos() {
    #expect(forms("i shouldve checked") == ["i", "should", "have", "checked"])
  }

  @Test func readsNonAsANegator() {
    let a = TextAnalyzer.analyze("Basic fares are non-refundable")
    #expect(a.tokens.first { $0.form == "non" }?.isNegator == true)
  }

  @Test func recognisesGreetingAndSignOffLines() {
    let a = TextAnalyzer.analyze("Hi Priya,\n\nI'm sorry. We sent the wrong size.\n\nKind regards\nDan, Customer Care")
    let salutations = (0..<a.sentenceWordRanges.count).filter { a.isSalutation($0) }
    #expect(salutations == [0, 3, 4])
    #expect(!TextAnalyzer.analyze("Sorry!").isSalutation(0))
  }

  @Test func readsEmojiAndEmoticons() {
    let a = TextAnalyzer.analyze("Oops 😅 sorry :) note:3")
    let emoji = a.words.filter { a.tokens[$0].kind == .emoji }.map { a.tokens[$0].form }
    #expect(emoji == ["😅", ":)"])
  }

  @Test func offsetsAreUTF8Bytes() {
    let text = "Café — I’m sorry"
    let a = TextAnalyzer.analyze(text)
    let sorry = a.tokens.first { $0.form == "sorry" }!
    #expect(a.excerpt(sorry.start, sorry.end) == "sorry")
    #expect(sorry.start == Array(text.utf8).count - 5)
  }

  @Test func survivesHostileText() {
    let nasty = String(repeating: "\u{0}\u{1B}[2J\u{FFFD}😀' \"", count: 2000)
    let a = TextAnalyzer.analyze(nasty)
    #expect(a.tokens.count > 0)
    #expect(TextAnalyzer.analyze("").words.isEmpty)
  }
}

/// The 256 KB limit is kept inside the public entry points, not only by their callers.
@Suite struct ReplyLimitTests {
  @Test func theAnalyserReadsNoFurtherThanTheLimit() {
    let huge = String(repeating: "I'm sorry we lost your parcel. ", count: 40_000)
    let text = TextAnalyzer.analyze(huge)
    #expect(huge.utf8.count > TextAnalyzer.maximumBytes)
    #expect(text.bytes.count <= TextAnalyzer.maximumBytes)
    #expect(text.bytes.count > TextAnalyzer.maximumBytes - 64)
  }

  @Test func theCutNeverSplitsACharacter() {
    for padding in 0..<4 {
      let huge =
        String(repeating: "a", count: TextAnalyzer.maximumBytes - 8 + padding) + String(repeating: "👩🏽‍💻é", count: 20)
      let text = TextAnalyzer.analyze(huge).text
      #expect(text.utf8.count <= TextAnalyzer.maximumBytes)
      #expect(huge.hasPrefix(text), "a prefix of whole characters, padding \(padding)")
      #expect(!text.contains("\u{FFFD}"))
    }
  }

  @Test func aReplyWithinTheLimitIsReadWhole() {
    let reply = String(repeating: "é", count: TextAnalyzer.maximumBytes / 2)
    #expect(TextAnalyzer.analyze(reply).text == reply)
  }

  @Test func theScorerScoresAnOverlongReplyWithoutReadingItAll() {
    let huge = String(repeating: "I'm sorry we lost your parcel. ", count: 40_000)
    let assessment = Scorer(rubric: Fixtures.rubric).score(huge)
    #expect(assessment.verdict("apology") == .met)
    #expect(assessment.results.allSatisfy { $0.evidence.allSatisfy { $0.end <= TextAnalyzer.maximumBytes } })
  }
}
