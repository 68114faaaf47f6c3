/// Where a pattern matched: word positions (indices into `AnalyzedText.words`), the UTF-8
/// span it covers, and the positions its literal slots consumed.
public struct PhraseMatch: Sendable {
  public let phrase: String
  public let firstWord: Int
  public let lastWord: Int
  public let start: Int
  public let end: Int
  public let sentence: Int
  /// Word positions consumed by the pattern's own slots (not by gaps).
  let consumed: [Int]
}

/// How a matcher treats the context of a match.
public struct MatchPolicy: Sendable {
  /// Skip matches under a negation the pattern does not itself spell out.
  public var respectNegation = true
  /// Skip matches inside quotations or reported speech.
  public var skipOthersWords = true
  public init(respectNegation: Bool = true, skipOthersWords: Bool = true) {
    self.respectNegation = respectNegation
    self.skipOthersWords = skipOthersWords
  }
}

/// Finds every match of a set of patterns in an analysed text. Patterns are indexed by the
/// words they can start with, so each reply is walked once whatever the rubric's size.
public struct PhraseMatcher: Sendable {
  public let phrases: [Phrase]
  private let byLeadingWord: [String: [Int]]
  private let unindexed: [Int]

  public init(_ phrases: [Phrase]) {
    self.phrases = phrases
    var index: [String: [Int]] = [:]
    var rest: [Int] = []
    for (i, phrase) in phrases.enumerated() {
      if let words = phrase.leadingWords {
        for w in Set(words) { index[w, default: []].append(i) }
      } else {
        rest.append(i)
      }
    }
    byLeadingWord = index
    unindexed = rest
  }

  public init(patterns: [String]) throws {
    self.init(try patterns.map(Phrase.init))
  }

  public var isEmpty: Bool { phrases.isEmpty }

  public func matches(in text: AnalyzedText, policy: MatchPolicy = MatchPolicy()) -> [PhraseMatch] {
    var found: [PhraseMatch] = []
    var seenStarts = Set<Int>()
    for position in text.words.indices {
      let token = text.tokens[text.words[position]]
      if policy.skipOthersWords && (token.quoted || token.reported) { continue }
      var candidates = unindexed
      if let indexed = byLeadingWord[token.form] { candidates += indexed }
      for p in candidates {
        let phrase = phrases[p]
        if phrase.anchoredToSentence && !token.startsSentence { continue }
        var consumed: [Int] = []
        guard let last = match(phrase.slots, 0, position, text, token.sentence, &consumed) else { continue }
        let m = PhraseMatch(
          phrase: phrase.source, firstWord: position, lastWord: last,
          start: token.start, end: text.tokens[text.words[last]].end,
          sentence: token.sentence, consumed: consumed)
        if policy.skipOthersWords && consumed.contains(where: { isOthers(text, $0) }) { continue }
        if policy.respectNegation && isNegated(m, in: text) { continue }
        // One match per starting word: the first pattern that fits is enough evidence.
        if seenStarts.insert(position).inserted { found.append(m) }
      }
    }
    return found
  }

  private func isOthers(_ text: AnalyzedText, _ position: Int) -> Bool {
    let t = text.tokens[text.words[position]]
    return t.quoted || t.reported
  }

  /// Matches `slots[s...]` starting at word `position`; returns the last word consumed.
  private func match(
    _ slots: [Phrase.Slot], _ s: Int, _ position: Int, _ text: AnalyzedText, _ sentence: Int,
    _ consumed: inout [Int]
  ) -> Int? {
    guard s < slots.count else { return position - 1 }
    switch slots[s] {
    case .gap(let limit):
      for skip in 0...limit {
        let next = position + skip
        guard next < text.words.count, text.tokens[text.words[next]].sentence == sentence else { break }
        let mark = consumed.count
        if let last = match(slots, s + 1, next, text, sentence, &consumed) { return last }
        consumed.removeSubrange(mark...)
      }
      return nil
    case .one(let alternatives, let optional):
      if position < text.words.count {
        let token = text.tokens[text.words[position]]
        if token.sentence == sentence, alternatives.contains(where: { accepts($0, token) }) {
          consumed.append(position)
          if let last = match(slots, s + 1, position + 1, text, sentence, &consumed) { return last }
          consumed.removeLast()
        }
      }
      if optional { return match(slots, s + 1, position, text, sentence, &consumed) }
      return nil
    }
  }

  private func accepts(_ alternative: Phrase.Alternative, _ token: Token) -> Bool {
    switch alternative {
    case .word(let w): return token.form == w
    case .prefix(let stem): return token.kind == .word && token.form.hasPrefix(stem)
    case .wordClass(let c): return WordClasses.accepts(c, token)
    }
  }

  /// A match is negated when a negator stands among the three words before it, or inside it,
  /// in the same clause, and the pattern did not itself ask for that word.
  private func isNegated(_ m: PhraseMatch, in text: AnalyzedText) -> Bool {
    let clause = text.tokens[text.words[m.firstWord]].clause
    let from = max(0, m.firstWord - 3)
    for position in from...m.lastWord where !m.consumed.contains(position) {
      let token = text.tokens[text.words[position]]
      if token.isNegator && token.clause == clause { return true }
    }
    return false
  }
}

enum WordClasses {
  static let weekdays: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  ]
  static let months: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
  ]
  static let clockWords: Set<String> = ["am", "pm", "noon", "midday", "midnight", "o'clock"]

  static func accepts(_ c: Phrase.WordClass, _ token: Token) -> Bool {
    switch c {
    case .any: return token.kind == .word || token.kind == .number
    case .num: return token.kind == .number || numberWords.contains(token.form)
    case .emoji: return token.kind == .emoji
    case .weekday: return weekdays.contains(token.form)
    case .month: return months.contains(token.form) && (token.form != "may" || token.capitalized)
    case .time:
      if token.kind == .number && token.form.contains(":") { return true }
      if clockWords.contains(token.form) { return true }
      // "3pm", "10am"
      if token.kind == .word, token.form.hasSuffix("am") || token.form.hasSuffix("pm") {
        return token.form.dropLast(2).allSatisfy(\.isNumber) && token.form.count > 2
      }
      return false
    case .name:
      return token.kind == .word && token.capitalized && !token.startsSentence && token.form != "i"
    }
  }

  static let numberWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "a", "an",
  ]
}
