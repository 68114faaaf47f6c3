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

/// Finds every match of a set of patterns in an analysed text. Each pattern is filed under the
/// words of its first literal slot (`Vocabulary` ids), so a reply only meets the patterns whose
/// key words it contains, and a pattern that must begin with a literal word is tried only where
/// one of those words stands. A rubric of hundreds of patterns costs a few lookups per reply.
public struct PhraseMatcher: Sendable {
  public let phrases: [Phrase]
  /// Phrase indices by the ids of their key words.
  private let byKeyWord: [Int: [Int]]
  /// Phrases with no literal key word (only prefixes or word classes): always tried.
  private let keyless: [Int]
  /// Per phrase, the ids of the words it must start with, or nil when its first slot is not
  /// made of literal words.
  private let leadingIDs: [[Int]?]
  /// First slots that are required but not literal (`thank*`, `<weekday>|<month>`), shared by
  /// every phrase a group expanded into, so their start positions are found once per reply.
  private let startSlots: [WordChoice]
  /// Per phrase, the indices in `startSlots` of the word slots it can begin with, or nil when
  /// it can begin anywhere.
  private let startSlotOf: [[Int]?]
  /// Per phrase, the ids of each of its required literal slots: a reply lacking every word of
  /// any one of them cannot match, and is not tried.
  private let requiredIDs: [[[Int]]]
  /// The vocabulary's size once every word of these patterns was registered.
  private let vocabularySize: Int
  /// The order in which phrases claim a starting word when several match there.
  private let precedence: [Int]

  public init(_ phrases: [Phrase]) {
    self.phrases = phrases
    var index: [Int: [Int]] = [:]
    var keyless: [Int] = []
    var leading: [[Int]?] = []
    var startSlots: [WordChoice] = []
    var startSlotOf: [[Int]?] = []
    var required: [[[Int]]] = []
    for (i, phrase) in phrases.enumerated() {
      required.append(phrase.slots.compactMap { slot in
        guard case .one(let choice, false) = slot else { return nil }
        var ids: [Int] = []
        for alternative in choice.alternatives {
          guard case .word(_, let id) = alternative else { return nil }
          ids.append(id)
        }
        return ids
      })
      if phrase.leadingWords == nil, let choices = PhraseMatcher.firstChoices(phrase.slots) {
        startSlotOf.append(choices.map { choice in
          if let known = startSlots.firstIndex(of: choice) { return known }
          startSlots.append(choice)
          return startSlots.count - 1
        })
      } else {
        startSlotOf.append(nil)
      }
      if let words = phrase.keyWords {
        for id in Set(words.map { Vocabulary.shared.register($0) }) { index[id, default: []].append(i) }
      } else {
        keyless.append(i)
      }
      leading.append(phrase.leadingWords.map { words in Array(Set(words.map { Vocabulary.shared.register($0) })) })
    }
    byKeyWord = index
    self.keyless = keyless
    leadingIDs = leading
    self.startSlots = startSlots
    self.startSlotOf = startSlotOf
    requiredIDs = required
    vocabularySize = Vocabulary.shared.count
    // Phrases that can start anywhere come first, then those indexed by a leading word, each in
    // file order: the first that fits a starting word gives its evidence.
    let free = phrases.indices.filter { leading[$0] == nil }
    let anchored = phrases.indices.filter { leading[$0] != nil }
    var rank = [Int](repeating: 0, count: phrases.count)
    for (r, i) in (free + anchored).enumerated() { rank[i] = r }
    precedence = rank
  }

  /// The word slots a match of `slots` can begin with: the first slot when it is a required
  /// word slot, or the first slot of each alternative of a required group. Nil when a match
  /// could begin with an optional slot or a gap.
  static func firstChoices(_ slots: [Phrase.Slot]) -> [WordChoice]? {
    switch slots.first {
    case .one(let choice, false)?:
      return [choice]
    case .group(let alternatives, false)?:
      var choices: [WordChoice] = []
      for alternative in alternatives {
        guard let found = firstChoices(alternative) else { return nil }
        choices += found
      }
      return choices
    default:
      return nil
    }
  }

  public init(patterns: [String]) throws {
    self.init(try patterns.flatMap { try Phrase.compile($0) })
  }

  public var isEmpty: Bool { phrases.isEmpty }

  public func matches(in text: AnalyzedText, policy: MatchPolicy = MatchPolicy()) -> [PhraseMatch] {
    guard !phrases.isEmpty, !text.words.isEmpty else { return [] }
    var bestRank = [Int](repeating: Int.max, count: text.words.count)
    var best: [Int: PhraseMatch] = [:]
    let indexed = text.vocabularySize >= vocabularySize
    var consumed: [Int] = []
    consumed.reserveCapacity(16)
    var slotStarts = [[Int]?](repeating: nil, count: startSlots.count)
    for p in candidates(in: text) {
      if indexed && !requiredIDs[p].allSatisfy({ slot in slot.contains { text.positionsByID[$0] != nil } }) { continue }
      let slots = phrases[p].slots
      let starts: [Int]
      if let ids = leadingIDs[p], text.vocabularySize >= vocabularySize {
        starts = ids.count == 1 ? (text.positionsByID[ids[0]] ?? []) : ids.flatMap { text.positionsByID[$0] ?? [] }
      } else if let slots = startSlotOf[p] {
        for slot in slots where slotStarts[slot] == nil {
          let choice = startSlots[slot]
          slotStarts[slot] = text.words.indices.filter { choice.accepts(text, $0) }
        }
        starts = slots.count == 1 ? (slotStarts[slots[0]] ?? []) : Array(Set(slots.flatMap { slotStarts[$0] ?? [] })).sorted()
      } else {
        starts = Array(text.words.indices)
      }
      for position in starts {
        if bestRank[position] < precedence[p] { continue }
        let tokenIndex = text.words[position]
        if policy.skipOthersWords && (text.tokens[tokenIndex].quoted || text.tokens[tokenIndex].reported) { continue }
        if phrases[p].anchoredToSentence && !text.tokens[tokenIndex].startsSentence { continue }
        let sentence = text.tokens[tokenIndex].sentence
        consumed.removeAll(keepingCapacity: true)
        guard let last = match(slots, 0, position, text, sentence, &consumed) else { continue }
        let m = PhraseMatch(
          phrase: phrases[p].source, firstWord: position, lastWord: last,
          start: text.tokens[tokenIndex].start, end: text.tokens[text.words[last]].end,
          sentence: sentence, consumed: consumed)
        if policy.skipOthersWords && consumed.contains(where: { isOthers(text, $0) }) { continue }
        if policy.respectNegation && isNegated(m, in: text) { continue }
        // One match per starting word: the first pattern that fits is enough evidence.
        bestRank[position] = precedence[p]
        best[position] = m
      }
    }
    return best.keys.sorted().compactMap { best[$0] }
  }

  /// The phrases this text could match, in index order: those whose key words it contains, and
  /// those with no key word. A text analysed before these patterns were compiled may lack ids
  /// for their words; then every phrase is a candidate.
  private func candidates(in text: AnalyzedText) -> [Int] {
    guard text.vocabularySize >= vocabularySize else { return Array(phrases.indices) }
    var chosen = [Bool](repeating: false, count: phrases.count)
    for p in keyless { chosen[p] = true }
    if text.positionsByID.count < byKeyWord.count {
      for id in text.positionsByID.keys { if let found = byKeyWord[id] { for p in found { chosen[p] = true } } }
    } else {
      for (id, found) in byKeyWord where text.positionsByID[id] != nil { for p in found { chosen[p] = true } }
    }
    return chosen.indices.filter { chosen[$0] }
  }

  private func isOthers(_ text: AnalyzedText, _ position: Int) -> Bool {
    let t = text.tokens[text.words[position]]
    return t.quoted || t.reported
  }

  /// What follows a group's alternative: the rest of the enclosing sequence.
  private final class Continuation {
    let slots: [Phrase.Slot]
    let index: Int
    let next: Continuation?
    init(_ slots: [Phrase.Slot], _ index: Int, _ next: Continuation?) {
      self.slots = slots
      self.index = index
      self.next = next
    }
  }

  /// Matches `slots[s...]`, then whatever `then` continues with, starting at word `position`;
  /// returns the last word consumed. Alternatives and gaps are tried in order, so the first
  /// way that fits wins, as if the pattern's groups had been written out one by one.
  private func match(
    _ slots: [Phrase.Slot], _ s: Int, _ position: Int, _ text: AnalyzedText, _ sentence: Int,
    _ consumed: inout [Int], then: Continuation? = nil
  ) -> Int? {
    guard s < slots.count else {
      guard let then else { return position - 1 }
      return match(then.slots, then.index, position, text, sentence, &consumed, then: then.next)
    }
    switch slots[s] {
    case .gap(let limit):
      for skip in 0...limit {
        let next = position + skip
        guard next < text.words.count, text.tokens[text.words[next]].sentence == sentence else { break }
        let mark = consumed.count
        if let last = match(slots, s + 1, next, text, sentence, &consumed, then: then) { return last }
        consumed.removeSubrange(mark...)
      }
      return nil
    case .one(let choice, let optional):
      if position < text.words.count {
        if text.tokens[text.words[position]].sentence == sentence, choice.accepts(text, position) {
          consumed.append(position)
          if let last = match(slots, s + 1, position + 1, text, sentence, &consumed, then: then) { return last }
          consumed.removeLast()
        }
      }
      if optional { return match(slots, s + 1, position, text, sentence, &consumed, then: then) }
      return nil
    case .group(let alternatives, let optional):
      let rest = Continuation(slots, s + 1, then)
      for alternative in alternatives {
        let mark = consumed.count
        if let last = match(alternative, 0, position, text, sentence, &consumed, then: rest) { return last }
        consumed.removeSubrange(mark...)
      }
      if optional { return match(slots, s + 1, position, text, sentence, &consumed, then: then) }
      return nil
    }
  }

  /// A match is negated when a negator stands among the three words before it, or inside it,
  /// in the same clause, and the pattern did not itself ask for that word.
  private func isNegated(_ m: PhraseMatch, in text: AnalyzedText) -> Bool {
    let clause = text.tokens[text.words[m.firstWord]].clause
    let from = max(0, m.firstWord - 3)
    for position in from...m.lastWord where !m.consumed.contains(position) {
      let token = text.tokens[text.words[position]]
      // A "nobody" inside the customer's quoted words does not negate what we say after it.
      if token.isNegator && token.clause == clause && !token.quoted { return true }
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
      if token.form == "am" || token.form == "pm" { return token.afterNumber }
      if clockWords.contains(token.form) { return true }
      // "3pm", "10am"
      if token.kind == .word, token.form.hasSuffix("am") || token.form.hasSuffix("pm") {
        return token.form.dropLast(2).allSatisfy(\.isNumber) && token.form.count > 2
      }
      return false
    case .name:
      // A capital alone does not make a name: in a reply typed in capitals "YOU'LL" is not one.
      return token.kind == .word && token.capitalized && !token.startsSentence && !notNames.contains(token.form)
    }
  }

  static let notNames: Set<String> = [
    "i", "you", "we", "they", "he", "she", "it", "me", "us", "them", "my", "your", "our", "their",
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "by", "for", "with", "is",
    "are", "was", "were", "be", "been", "will", "would", "have", "has", "had", "not", "this", "that",
  ]

  static let numberWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "a", "an",
  ]
}
