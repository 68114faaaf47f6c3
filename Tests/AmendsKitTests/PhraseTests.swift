import Testing

@testable import AmendsKit

@Suite struct PhraseTests {
  func matches(_ pattern: String, _ text: String, policy: MatchPolicy = MatchPolicy()) -> [String] {
    let matcher = PhraseMatcher((try? Phrase.compile(pattern)) ?? [])
    let a = TextAnalyzer.analyze(text)
    return matcher.matches(in: a, policy: policy).map { a.excerpt($0.start, $0.end) }
  }

  @Test(arguments: [
    ("i|we am|are sorry", "I'm sorry", true),
    ("i|we am|are [so|very] sorry", "we are so sorry", true),
    ("refund*", "You'll be refunded", true),
    ("(going forward|from now on)", "From now on we check", true),
    ("(going forward|from now on)", "going on from now", false),
    ("sorry ...2 delay", "sorry about the delay", true),
    ("sorry ...2 delay", "sorry. The delay", false),
    ("^ unfortunately", "Unfortunately, no", true),
    ("^ unfortunately", "We unfortunately lost it", false),
    ("by <weekday>", "by Friday", true),
    ("at <time>", "at 3pm", true),
    ("<emoji>", "fine 👍", true),
    ("(really)? sorry", "sorry", true),
  ])
  func matchesWhatItSays(pattern: String, text: String, expected: Bool) {
    #expect(!matches(pattern, text).isEmpty == expected, "\(pattern) on \(text)")
  }

  @Test func respectsNegationUnlessThePatternSpellsIt() {
    #expect(matches("your fault", "This is not your fault").isEmpty)
    #expect(!matches("not your fault", "This is not your fault").isEmpty)
    #expect(!matches("your fault", "This is not your fault", policy: MatchPolicy(respectNegation: false)).isEmpty)
    // Negation does not cross a clause.
    #expect(!matches("your fault", "No, it was your fault").isEmpty)
  }

  @Test func prefixesMatchWordsThatSpellingFoldingRewrote() {
    #expect(!matches("rais*", "Thanks for raising it").isEmpty)
    #expect(!matches("apologis*", "We apologized at once").isEmpty)
    #expect(!matches("organis*", "I organised a courier").isEmpty)
  }

  @Test func amAndPmAreTimesOnlyAfterANumber() {
    #expect(!matches("at <num> <time>", "at 9 am").isEmpty)
    #expect(matches("<time>", "I am sorry").isEmpty)
  }

  @Test func capitalisedPronounsAreNotNames() {
    #expect(matches("<name> will", "THE REFUND IS DONE AND YOU WILL SEE IT").isEmpty)
    #expect(!matches("<name> will", "Tomorrow Dana will call").isEmpty)
  }

  @Test func negatorsInsideAQuotationDoNotNegateOurWords() {
    #expect(!matches("you were right", "You said \"nobody listens\" and you were right").isEmpty)
  }

  @Test func skipsQuotedWords() {
    #expect(matches("i am sorry", "You wrote \"I'm sorry I ever ordered\"").isEmpty)
  }

  @Test(arguments: [
    "going forward|", "...", "sorry ...", "5-star", "[sorry", "(a|b", "a)", "<nope>", "apo*gy", "(a (b))", "don't",
  ])
  func rejectsBadPatterns(_ pattern: String) {
    #expect(throws: Phrase.SyntaxError.self) { try Phrase.compile(pattern) }
  }

  @Test func evidenceSpansTheMatchedWords() {
    let text = "Hello. I’m really sorry we did this."
    let a = TextAnalyzer.analyze(text)
    let m = PhraseMatcher(try! Phrase.compile("i am [really] sorry")).matches(in: a)
    #expect(m.count == 1)
    #expect(a.excerpt(m[0].start, m[0].end) == "I’m really sorry")
  }
}
