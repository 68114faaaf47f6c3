/// Reads a reply the way a person would before any rule looks at it: splits it into sentences,
/// clauses and tokens; expands contractions; marks quoted and reported words; and marks which
/// words fall under a negation.
public struct AnalyzedText: Sendable {
  public let text: String
  /// Every token, punctuation included, in text order.
  public let tokens: [Token]
  /// Indices into `tokens` of the words, numbers and emoji: what patterns walk over.
  public let words: [Int]
  public let sentenceCount: Int
  /// For each sentence, the indices into `words` of its first and one-past-last word.
  public let sentenceWordRanges: [Range<Int>]

  /// The original text between two UTF-8 offsets.
  public func excerpt(_ start: Int, _ end: Int) -> String {
    let bytes = Array(text.utf8)
    let lo = max(0, min(start, bytes.count)), hi = max(lo, min(end, bytes.count))
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }
}

public enum TextAnalyzer {
  static let negators: Set<String> = [
    "not", "never", "no", "nothing", "none", "nobody", "without", "neither", "nor", "hardly",
  ]
  static let reportingVerbs: Set<String> = [
    "said", "says", "told", "tells", "wrote", "writes", "claimed", "claims", "asked", "replied",
    "called", "posted", "tweeted", "shouted", "insisted",
  ]
  static let firstPerson: Set<String> = ["i", "we"]
  static let clauseWords: Set<String> = ["but", "however", "although", "though", "yet"]
  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "etc", "vs", "approx", "no", "jr", "sr",
  ]

  public static func analyze(_ text: String) -> AnalyzedText {
    var raw = RawScanner(text: text).scan()
    markQuotes(&raw)
    var tokens = expand(raw)
    assignSentences(&tokens)
    markReported(&tokens)
    let words = tokens.indices.filter { tokens[$0].isWordLike }
    var ranges: [Range<Int>] = []
    var current = -1
    var begin = 0
    for (position, index) in words.enumerated() {
      let sentence = tokens[index].sentence
      if sentence != current {
        if current >= 0 { ranges.append(begin..<position) }
        while ranges.count < sentence { ranges.append(position..<position) }
        current = sentence
        begin = position
      }
    }
    if current >= 0 { ranges.append(begin..<words.count) }
    let sentenceCount = (tokens.last?.sentence ?? -1) + 1
    while ranges.count < sentenceCount { ranges.append(words.count..<words.count) }
    return AnalyzedText(
      text: text, tokens: tokens, words: words, sentenceCount: sentenceCount,
      sentenceWordRanges: ranges)
  }

  /// Quotation marks toggle quoting; a straight single quote only opens at the start of a word
  /// and closes at the end of one, so apostrophes inside words are left alone.
  private static func markQuotes(_ raw: inout [RawToken]) {
    var doubleOpen = false
    var singleOpen = false
    for i in raw.indices {
      switch raw[i].text {
      case "\"":
        doubleOpen.toggle()
        raw[i].quoteMark = true
      case "\u{201C}":
        doubleOpen = true
        raw[i].quoteMark = true
      case "\u{201D}":
        doubleOpen = false
        raw[i].quoteMark = true
      case "\u{2018}":
        singleOpen = true
        raw[i].quoteMark = true
      case "'", "\u{2019}":
        raw[i].quoteMark = true
        if singleOpen { singleOpen = false } else if raw[i].opensWord { singleOpen = true }
      default:
        if raw[i].isNewline { singleOpen = false }
      }
      if doubleOpen || singleOpen || raw[i].inMailQuote { raw[i].quoted = true }
    }
  }

  private static func expand(_ raw: [RawToken]) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(raw.count + 8)
    for r in raw where !r.quoteMark {
      var token = Token(form: "", kind: r.kind, start: r.start, end: r.end)
      token.quoted = r.quoted
      token.capitalized = r.capitalized
      if r.isNewline { token.form = "\n" } else if r.kind != .word { token.form = r.text }
      if r.kind == .word {
        let lower = r.lowercased
        if let parts = Contractions.expand(lower) {
          for part in parts where !part.isEmpty {
            var piece = token
            piece.form = Spelling.fold(part)
            piece.isNegator = negators.contains(piece.form)
            tokens.append(piece)
          }
          continue
        }
        token.form = Spelling.fold(lower)
        token.isNegator = negators.contains(token.form)
      }
      tokens.append(token)
    }
    return tokens
  }

  private static func assignSentences(_ tokens: inout [Token]) {
    var sentence = 0
    var clause = 0
    var wordsInSentence = 0
    var blankLines = 0
    for i in tokens.indices {
      let form = tokens[i].form
      if tokens[i].kind == .punctuation {
        tokens[i].sentence = sentence
        tokens[i].clause = clause
        if form == "\n" {
          blankLines += 1
          // A line break ends a sentence when the line had no closing mark of its own
          // (greetings, sign-offs, bullet points).
          if wordsInSentence > 0 { sentence += 1; clause += 1; wordsInSentence = 0 }
          continue
        }
        blankLines = 0
        if form == "." || form == "!" || form == "?" || form == "…" {
          let previous = i > 0 ? tokens[i - 1].form : ""
          let isAbbreviation = form == "." && abbreviations.contains(previous)
          if !isAbbreviation && wordsInSentence > 0 {
            sentence += 1
            clause += 1
            wordsInSentence = 0
          }
        } else if [",", ";", ":", "—", "–", "(", ")"].contains(form) {
          clause += 1
        }
        continue
      }
      if clauseWords.contains(form) && wordsInSentence > 0 { clause += 1 }
      tokens[i].sentence = sentence
      tokens[i].clause = clause
      if wordsInSentence == 0 { tokens[i].startsSentence = true }
      wordsInSentence += 1
    }
    _ = blankLines
  }

  /// "They said sorry": the words after a reporting verb whose subject is not I or we belong
  /// to someone else.
  private static func markReported(_ tokens: inout [Token]) {
    var reportedSentence = -1
    for i in tokens.indices where tokens[i].isWordLike {
      if tokens[i].sentence == reportedSentence { tokens[i].reported = true; continue }
      guard reportingVerbs.contains(tokens[i].form) else { continue }
      var j = i - 1
      var seen = 0
      var subjectIsOther = false
      while j >= 0, seen < 3, tokens[j].sentence == tokens[i].sentence {
        if tokens[j].isWordLike {
          seen += 1
          if firstPerson.contains(tokens[j].form) { subjectIsOther = false; break }
          subjectIsOther = true
        }
        j -= 1
      }
      if subjectIsOther { reportedSentence = tokens[i].sentence }
    }
  }
}
