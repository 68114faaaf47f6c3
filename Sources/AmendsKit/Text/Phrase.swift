import Foundation

/// A compiled phrase pattern: a short sequence of slots matched against the words of a reply.
///
/// The pattern language is small and made for people writing rubric and scenario files:
///
///     i|we am|are [so|truly|very] sorry for     alternatives with |, an optional slot in [ ]
///     apologi* ...3 delay                       a prefix with *, a gap of up to 3 words with ...N
///     ^ unfortunately                           ^ first: the match must start a sentence
///     <weekday> <month> <num> <time> <emoji> <name> <any>    word classes
///     (going forward|from now on) we            a group of whole alternatives; (…)? is optional
///
/// Patterns are folded exactly like replies (lower case, contractions expanded, British and
/// American spelling), so `i am sorry` matches "I'm sorry", "Im sorry" and "I am SORRY".
public struct Phrase: Sendable, CustomStringConvertible {
  public let source: String
  let anchoredToSentence: Bool
  let slots: [Slot]
  /// `Vocabulary.serial(ofPattern:)` of `source`.
  let serial: Int32

  public var description: String { source }

  enum WordClass: String, Sendable, CaseIterable {
    case weekday, month, num, time, emoji, name, any

    /// Its bit in a word's class bits (see `AnalyzedText.classBits(of:)`).
    var bit: UInt8 {
      switch self {
      case .weekday: 1
      case .month: 2
      case .num: 4
      case .time: 8
      case .emoji: 16
      case .name: 32
      case .any: 64
      }
    }
  }

  enum Alternative: Sendable, Equatable {
    /// A literal word and its `Vocabulary` id, so matching compares integers.
    case word(String, id: Int)
    /// A stem, and its spelling-folded form when that differs ("organis" and "organiz").
    case prefix(String, folded: String?)
    case wordClass(WordClass)
  }

  enum Slot: Sendable {
    case one(WordChoice, optional: Bool)
    case gap(Int)
    /// `(a b|c)`: alternatives of whole word sequences, matched in order; `(…)?` is optional.
    case group([[Slot]], optional: Bool)
  }

  public struct SyntaxError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
  }

  /// Compiles a pattern. Groups stay groups (`(a b|c) d` is one phrase whose first slot is a
  /// choice of sequences): expanding them into every combination made hundreds of phrases of
  /// some patterns, each compiled and tried on its own. Returns one phrase; an array so that
  /// callers can collect the phrases of many patterns.
  public static func compile(_ source: String) throws -> [Phrase] {
    [try Phrase(source, source: source)]
  }

  /// A pattern may stand for at most this many word sequences (the product of its groups'
  /// sizes): beyond that it is too broad to review, and should be split.
  static let maximumExpansions = 256

  /// Compiles one pattern.
  public init(_ text: String) throws {
    try self.init(text, source: text)
  }

  init(_ text: String, source: String) throws {
    self.source = source
    var body = Substring(text)
    while body.first == " " || body.first == "\t" { body = body.dropFirst() }
    anchoredToSentence = body.hasPrefix("^ ") || body == "^"
    if anchoredToSentence { body = body.dropFirst() }
    let slots = try Phrase.parseSequence(body, source: source, allowGroups: true)
    var expansions = 1
    for slot in slots {
      if case .group(let alternatives, let optional) = slot { expansions *= alternatives.count + (optional ? 1 : 0) }
      if expansions > Phrase.maximumExpansions {
        throw SyntaxError(message: "'\(source)' expands to more than \(Phrase.maximumExpansions) phrases; split it")
      }
    }
    guard Phrase.requiresAWord(slots) else {
      throw SyntaxError(message: "pattern '\(source)' has no word that must be present")
    }
    if Phrase.canBeginWithGap(slots) { throw SyntaxError(message: "pattern '\(source)' cannot start with a gap") }
    if Phrase.canBeginWithGap(Phrase.reversed(slots)) {
      throw SyntaxError(message: "pattern '\(source)' cannot end with a gap")
    }
    self.slots = slots
    serial = Vocabulary.shared.serial(ofPattern: source)
  }

  /// A phrase read back from the compiled cache, its serial from the restored vocabulary.
  init(decoded source: String, anchoredToSentence: Bool, slots: [Slot], serial: Int32) {
    self.source = source
    self.anchoredToSentence = anchoredToSentence
    self.slots = slots
    self.serial = serial
  }

  // The parser steps through UTF-8, not Characters: its syntax is ASCII, and walking grapheme
  // clusters was half of a rubric's load time (thousands of patterns, every `amends` start).

  /// Parses words and, at the top level, groups: `a (b c|d)? e`.
  private static func parseSequence(_ text: Substring, source: String, allowGroups: Bool) throws -> [Slot] {
    var slots: [Slot] = []
    var rest = text
    while !rest.isEmpty {
      guard let open = rest.utf8.firstIndex(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) else {
        slots += try parseWords(rest, source: source)
        break
      }
      if rest.utf8[open] == UInt8(ascii: ")") { throw SyntaxError(message: "')' without '(' in '\(source)'") }
      guard allowGroups else { throw SyntaxError(message: "groups cannot nest, in '\(source)'") }
      slots += try parseWords(rest[..<open], source: source)
      guard let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: ")")) else {
        throw SyntaxError(message: "'(' without ')' in '\(source)'")
      }
      let inner = rest[rest.utf8.index(after: open)..<close]
      if inner.utf8.contains(UInt8(ascii: "(")) { throw SyntaxError(message: "groups cannot nest, in '\(source)'") }
      var after = rest.utf8.index(after: close)
      var optional = false
      if after < rest.endIndex, rest.utf8[after] == UInt8(ascii: "?") {
        optional = true
        after = rest.utf8.index(after: after)
      }
      var alternatives: [[Slot]] = []
      for choice in split(inner, at: UInt8(ascii: "|")) {
        let words = try parseSequence(choice, source: source, allowGroups: false)
        if words.isEmpty { throw SyntaxError(message: "empty alternative in group '(\(inner))'") }
        alternatives.append(words)
      }
      slots.append(.group(alternatives, optional: optional))
      rest = rest[after...]
    }
    return slots
  }

  /// Parses space-separated words, gaps and optional slots.
  private static func parseWords(_ text: Substring, source: String) throws -> [Slot] {
    var slots: [Slot] = []
    for piece in text.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
      let part = String(Substring(piece))
      // Word slots repeat across thousands of patterns ("i|we", "[so|very]"); each is compiled
      // once and shared (a `WordChoice` is immutable).
      if let known = compiledSlots.lookUp(part) {
        slots.append(known)
        continue
      }
      if part.hasPrefix("...") {
        let digits = part.dropFirst(3)
        guard let n = digits.isEmpty ? 3 : Int(digits), n >= 1, n <= 12 else {
          throw SyntaxError(message: "gap '\(part)' must be '...' or '...N' with N from 1 to 12")
        }
        slots.append(.gap(n))
        continue
      }
      var body = part
      var optional = false
      if body.hasPrefix("[") {
        guard body.hasSuffix("]"), body.count > 2 else {
          throw SyntaxError(message: "optional slot '\(part)' must close with ']'")
        }
        body = String(body.dropFirst().dropLast())
        optional = true
      }
      var alternatives: [Alternative] = []
      for choice in split(Substring(body), at: UInt8(ascii: "|")) {
        alternatives.append(try Phrase.alternative(String(choice), in: part))
      }
      let slot = Slot.one(WordChoice(alternatives), optional: optional)
      compiledSlots.remember(part, slot)
      slots.append(slot)
    }
    return slots
  }

  private static let compiledSlots = CompiledMemory<Slot>()

  /// The pieces of `text` between the ASCII `separator`, empty ones kept (`a||b` has three).
  private static func split(_ text: Substring, at separator: UInt8) -> [Substring] {
    text.utf8.split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
  }

  /// Whether every way of matching the slots consumes at least one required word.
  private static func requiresAWord(_ slots: [Slot]) -> Bool {
    slots.contains { slot in
      switch slot {
      case .one(_, let optional): return !optional
      case .gap: return false
      case .group(let alternatives, let optional): return !optional && alternatives.allSatisfy(requiresAWord)
      }
    }
  }

  /// Whether a gap can come before any word: the first slots, looking through optional ones and
  /// into every alternative of a group.
  private static func canBeginWithGap(_ slots: [Slot]) -> Bool {
    for slot in slots {
      switch slot {
      case .gap: return true
      case .one(_, let optional):
        if !optional { return false }
      case .group(let alternatives, let optional):
        if alternatives.contains(where: canBeginWithGap) { return true }
        if !optional && alternatives.allSatisfy(requiresAWord) { return false }
      }
    }
    return false
  }

  private static func reversed(_ slots: [Slot]) -> [Slot] {
    slots.reversed().map { slot in
      if case .group(let alternatives, let optional) = slot {
        return .group(alternatives.map { $0.reversed() }, optional: optional)
      }
      return slot
    }
  }

  /// Alternatives already compiled, by their text: patterns repeat the same words thousands of
  /// times across the rubric and the scenarios, and loading must stay well under the time a
  /// person notices.
  private static let compiled = CompiledMemory<Alternative>()

  private static func alternative(_ choice: String, in part: String) throws -> Alternative {
    if let known = compiled.lookUp(choice) { return known }
    let made = try compileAlternative(choice, in: part)
    compiled.remember(choice, made)
    return made
  }

  private static func compileAlternative(_ choice: String, in part: String) throws -> Alternative {
    if choice.isEmpty { throw SyntaxError(message: "empty alternative in '\(part)'") }
    if choice.hasPrefix("<") {
      guard choice.hasSuffix(">"), let wordClass = WordClass(rawValue: String(choice.dropFirst().dropLast())) else {
        throw SyntaxError(
          message: "unknown word class '\(choice)' (known: <weekday> <month> <num> <time> <emoji> <name> <any>)")
      }
      return .wordClass(wordClass)
    }
    if choice.utf8.contains(where: { byte in
      switch byte {
      case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"),
        UInt8(ascii: ">"), UInt8(ascii: "{"), UInt8(ascii: "}"):
        true
      default: false
      }
    }) {
      throw SyntaxError(message: "unexpected bracket in '\(part)'")
    }
    var lower = RawScanner.lowercased(choice)
    if lower.unicodeScalars.contains("\u{2019}") { lower = String(lower.map { $0 == "\u{2019}" ? "'" : $0 }) }
    if lower.hasSuffix("*") {
      let stem = String(lower.dropLast())
      guard !stem.isEmpty, stem.allSatisfy({ $0.isLetter || $0.isNumber }) else {
        throw SyntaxError(message: "bad prefix '\(choice)': only letters and digits may come before '*'")
      }
      let folded = Spelling.foldStem(stem)
      return .prefix(stem, folded: folded == stem ? nil : folded)
    }
    if lower.utf8.contains(UInt8(ascii: "*")) { throw SyntaxError(message: "'*' may only end a word, in '\(part)'") }
    // Most words are plain ASCII letters; only others need Unicode's letter and number tests.
    let plain = lower.utf8.allSatisfy {
      ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "'")
    }
    if !plain, let bad = lower.first(where: { !($0.isLetter || $0.isNumber || $0 == "'") }) {
      throw SyntaxError(
        message:
          "'\(bad)' cannot match: replies are read as words, so write '\(choice)' as separate words without punctuation"
      )
    }
    if lower == "'s" { return .word(lower, id: Vocabulary.shared.register(lower)) }
    if let expanded = Contractions.expand(lower), expanded.count > 1 {
      throw SyntaxError(
        message: "write the contraction '\(choice)' as separate words ('\(expanded.joined(separator: " "))')")
    }
    let folded = Spelling.fold(lower)
    return .word(folded, id: Vocabulary.shared.register(folded))
  }

  /// Words of which a match must contain at least one: a required slot made only of literal
  /// words, or a required group each of whose alternatives has such a slot. A reply without one
  /// of them cannot match, so the matcher files the pattern under them. Of several such slots,
  /// the one least likely to be in any reply: "we ...3 (messed|screwed) up" is filed under
  /// "messed" and "screwed", not under "we", which nearly every reply holds. Nil when no slot
  /// gives such a set.
  var keyWords: [String]? { Phrase.keyWords(of: slots)?.words }

  private static func keyWords(of slots: [Slot]) -> (words: [String], commonness: Int)? {
    var best: (words: [String], commonness: Int)?
    func consider(_ words: [String]) {
      let commonness = words.reduce(0) { $0 + (BriefOverlap.functionWords.contains($1) ? 100 : 1) }
      if best == nil || commonness < best!.commonness { best = (words, commonness) }
    }
    for slot in slots {
      switch slot {
      case .one(let choice, false):
        if let words = literalWords(choice.alternatives) { consider(words) }
      case .group(let alternatives, false):
        var words: [String] = []
        for alternative in alternatives {
          guard let found = keyWords(of: alternative) else {
            words = []
            break
          }
          words += found.words
        }
        if !words.isEmpty { consider(words) }
      default: continue
      }
    }
    return best
  }

  /// The literal words that can start a match, when the first slot is a required literal one
  /// or a required group whose every alternative starts so; the matcher tries this pattern only
  /// where one of them stands.
  var leadingWords: [String]? { Phrase.leadingWords(of: slots) }

  private static func leadingWords(of slots: [Slot]) -> [String]? {
    switch slots.first {
    case .one(let choice, false)?:
      return literalWords(choice.alternatives)
    case .group(let alternatives, false)?:
      var words: [String] = []
      for alternative in alternatives {
        guard let found = leadingWords(of: alternative) else { return nil }
        words += found
      }
      return words
    default:
      return nil
    }
  }

  private static func literalWords(_ alternatives: [Alternative]) -> [String]? {
    var words: [String] = []
    for alternative in alternatives {
      guard case .word(let w, _) = alternative else { return nil }
      words.append(w)
    }
    return words
  }
}

/// A lock-guarded memory of compiled pattern pieces by their text (see `Phrase.alternative`
/// and `Phrase.parseWords`). Only what compiled without error is remembered.
/// Unchecked Sendable: `known` is read and written only under `lock`.
final class CompiledMemory<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var known: [String: Value]

  /// Room for the distinct pieces of the rubric and the bundled scenarios (about 2,500 of
  /// each kind): growing the table rehashed it under the lock while the other loader waited,
  /// a twentieth of compiling the patterns. (Sixteen tables with a lock each instead of one
  /// made no difference that could be measured.)
  init(capacity: Int = 4096) { known = Dictionary(minimumCapacity: capacity) }

  func lookUp(_ text: String) -> Value? {
    lock.lock()
    defer { lock.unlock() }
    return known[text]
  }

  func remember(_ text: String, _ value: Value) {
    lock.lock()
    defer { lock.unlock() }
    known[text] = value
  }
}
