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

  public var description: String { source }

  enum WordClass: String, Sendable {
    case weekday, month, num, time, emoji, name, any
  }

  enum Alternative: Sendable, Equatable {
    case word(String)
    case prefix(String)
    case wordClass(WordClass)
  }

  enum Slot: Sendable {
    case one([Alternative], optional: Bool)
    case gap(Int)
  }

  public struct SyntaxError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
  }

  /// Compiles a pattern, expanding its groups: `(a b|c) d` gives the phrases `a b d` and `c d`.
  public static func compile(_ source: String) throws -> [Phrase] {
    try expandGroups(source).map { try Phrase($0, source: source) }
  }

  static let maximumExpansions = 256

  /// Replaces the first `( … | … )` group by each of its alternatives, recursively.
  static func expandGroups(_ source: String) throws -> [String] {
    guard let open = source.firstIndex(of: "(") else {
      if source.contains(")") { throw SyntaxError(message: "')' without '(' in '\(source)'") }
      return [source]
    }
    guard let close = source[open...].firstIndex(of: ")") else {
      throw SyntaxError(message: "'(' without ')' in '\(source)'")
    }
    let inner = source[source.index(after: open)..<close]
    if inner.contains("(") { throw SyntaxError(message: "groups cannot nest, in '\(source)'") }
    var after = source.index(after: close)
    var optional = false
    if after < source.endIndex, source[after] == "?" {
      optional = true
      after = source.index(after: after)
    }
    var choices = inner.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    if choices.contains(where: \.isEmpty) { throw SyntaxError(message: "empty alternative in group '(\(inner))'") }
    if optional { choices.append("") }
    var results: [String] = []
    for choice in choices {
      let variant = String(source[..<open]) + " " + choice + " " + String(source[after...])
      results += try expandGroups(variant)
      if results.count > maximumExpansions {
        throw SyntaxError(message: "'\(source)' expands to more than \(maximumExpansions) phrases; split it")
      }
    }
    return results
  }

  /// Compiles one pattern that has no groups.
  public init(_ text: String) throws {
    try self.init(text, source: text)
  }

  init(_ text: String, source: String) throws {
    self.source = source
    if text.contains("(") || text.contains(")") { throw SyntaxError(message: "unexpected bracket in '\(source)'") }
    var parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    anchoredToSentence = parts.first == "^"
    if anchoredToSentence { parts.removeFirst() }
    var slots: [Slot] = []
    for part in parts {
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
      for choice in body.split(separator: "|", omittingEmptySubsequences: false).map(String.init) {
        alternatives.append(try Phrase.alternative(choice, in: part))
      }
      slots.append(.one(alternatives, optional: optional))
    }
    guard slots.contains(where: { if case .one(_, false) = $0 { return true } else { return false } }) else {
      throw SyntaxError(message: "pattern '\(source)' has no word that must be present")
    }
    if case .gap = slots.first { throw SyntaxError(message: "pattern '\(source)' cannot start with a gap") }
    if case .gap = slots.last { throw SyntaxError(message: "pattern '\(source)' cannot end with a gap") }
    self.slots = slots
  }

  private static func alternative(_ choice: String, in part: String) throws -> Alternative {
    if choice.isEmpty { throw SyntaxError(message: "empty alternative in '\(part)'") }
    if choice.hasPrefix("<") {
      guard choice.hasSuffix(">"), let wordClass = WordClass(rawValue: String(choice.dropFirst().dropLast())) else {
        throw SyntaxError(message: "unknown word class '\(choice)' (known: <weekday> <month> <num> <time> <emoji> <name> <any>)")
      }
      return .wordClass(wordClass)
    }
    if choice.contains(where: { "[]()<>{}".contains($0) }) {
      throw SyntaxError(message: "unexpected bracket in '\(part)'")
    }
    let lower = choice.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
    if lower.hasSuffix("*") {
      let stem = String(lower.dropLast())
      guard !stem.isEmpty, stem.allSatisfy({ $0.isLetter || $0.isNumber }) else { throw SyntaxError(message: "bad prefix '\(choice)': only letters and digits may come before '*'") }
      return .prefix(stem)
    }
    if lower.contains("*") { throw SyntaxError(message: "'*' may only end a word, in '\(part)'") }
    if let bad = lower.first(where: { !($0.isLetter || $0.isNumber || $0 == "'") }) {
      throw SyntaxError(message: "'\(bad)' cannot match: replies are read as words, so write '\(choice)' as separate words without punctuation")
    }
    if lower == "'s" { return .word(lower) }
    if let expanded = Contractions.expand(lower), expanded.count > 1 {
      throw SyntaxError(message: "write the contraction '\(choice)' as separate words ('\(expanded.joined(separator: " "))')")
    }
    return .word(Spelling.fold(lower))
  }

  /// The literal words that can start a match, when the first slot is a plain required one;
  /// the matcher uses them to try this pattern only where it can begin.
  var leadingWords: [String]? {
    guard case .one(let alternatives, false)? = slots.first else { return nil }
    var words: [String] = []
    for alternative in alternatives {
      guard case .word(let w) = alternative else { return nil }
      words.append(w)
    }
    return words
  }
}
