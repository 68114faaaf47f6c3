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

  /// For each word position, the `Vocabulary` id of its form (-1 when no pattern uses it), and
  /// the positions of each id: what matchers use to skip patterns that cannot match.
  let wordIDs: [Int]
  let positionsByID: [Int: [Int]]
  /// The vocabulary's size when the text was analysed.
  let vocabularySize: Int
  /// Each word's form and unfolded spelling as UTF-8, for stem (`refund*`) comparisons.
  let formBytes: [[UInt8]]
  let plainBytes: [[UInt8]]
  /// Each word's word classes (`<weekday>`, `<time>` …) as bits, worked out once per text.
  let classBits: [UInt8]

  init(text: String, tokens: [Token], words: [Int], sentenceCount: Int, sentenceWordRanges: [Range<Int>]) {
    self.text = text
    self.tokens = tokens
    self.words = words
    self.sentenceCount = sentenceCount
    self.sentenceWordRanges = sentenceWordRanges
    let (ids, size) = Vocabulary.shared.lookUp(words.map { tokens[$0].form })
    var positions: [Int: [Int]] = [:]
    for (position, id) in ids.enumerated() where id >= 0 { positions[id, default: []].append(position) }
    wordIDs = ids
    positionsByID = positions
    vocabularySize = size
    formBytes = words.map { tokens[$0].kind == .word ? Array(tokens[$0].form.utf8) : [] }
    plainBytes = words.map { tokens[$0].kind == .word && tokens[$0].plain != tokens[$0].form ? Array(tokens[$0].plain.utf8) : [] }
    classBits = words.map { index in
      Phrase.WordClass.allCases.reduce(UInt8(0)) { bits, c in WordClasses.accepts(c, tokens[index]) ? bits | c.bit : bits }
    }
  }

  /// The original text between two UTF-8 offsets.
  public func excerpt(_ start: Int, _ end: Int) -> String {
    let bytes = Array(text.utf8)
    let lo = max(0, min(start, bytes.count)), hi = max(lo, min(end, bytes.count))
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }
}

extension AnalyzedText {
  static let greetingWords: Set<String> = [
    "hi", "hello", "hey", "dear", "regards", "kind", "best", "warm", "warmest", "yours", "thanks",
    "cheers", "many", "sincerely", "love", "morning", "afternoon", "evening", "all",
  ]

  /// A greeting or sign-off line ("Hi Priya,", "Kind regards", "Dan, Customer Care"): at most
  /// four words, not closed by . ! or ?, and either opening with a greeting word or made of
  /// capitalised words only. Such lines say nothing, so shares of "sentences that …" skip them.
  public func isSalutation(_ sentence: Int) -> Bool {
    guard sentence >= 0, sentence < sentenceWordRanges.count else { return false }
    let range = sentenceWordRanges[sentence]
    guard let first = range.first, let last = range.last, range.count <= 4 else { return false }
    var next = words[last] + 1
    while next < tokens.count, tokens[next].kind == .punctuation, tokens[next].form != "\n" {
      if [".", "!", "?", "…"].contains(tokens[next].form) { return false }
      next += 1
    }
    if AnalyzedText.greetingWords.contains(tokens[words[first]].form) { return true }
    return range.allSatisfy { tokens[words[$0]].capitalized || tokens[words[$0]].kind != .word }
  }
}

public enum TextAnalyzer {
  static let negators: Set<String> = [
    "not", "never", "no", "nothing", "none", "nobody", "without", "neither", "nor", "hardly",
    // "non-refundable" reads "non refundable": no refund is on offer.
    "non",
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
        let readings = WordReadings.shared.readings(of: r.lowercased)
        if readings.count != 1 || readings[0].plain != r.lowercased {
          for reading in readings {
            var piece = token
            piece.plain = reading.plain
            piece.form = reading.form
            piece.isNegator = reading.isNegator
            tokens.append(piece)
          }
          continue
        }
        token.plain = readings[0].plain
        token.form = readings[0].form
        token.isNegator = readings[0].isNegator
      }
      if let previous = tokens.last, previous.kind == .number { token.afterNumber = true }
      tokens.append(token)
    }
    return tokens
  }

  private static func assignSentences(_ tokens: inout [Token]) {
    var sentence = 0
    var clause = 0
    var wordsInSentence = 0
    // The first word or number starts the sentence; a leading emoji ("🙂 Sorry for …") does not,
    // so `^ sorry` still finds the apology after it.
    var sentenceStarted = false
    func endSentence() {
      sentence += 1
      clause += 1
      wordsInSentence = 0
      sentenceStarted = false
    }
    for i in tokens.indices {
      let form = tokens[i].form
      if tokens[i].kind == .punctuation {
        tokens[i].sentence = sentence
        tokens[i].clause = clause
        if form == "\n" {
          // A line break ends a sentence when the line had no closing mark of its own
          // (greetings, sign-offs, bullet points).
          if wordsInSentence > 0 { endSentence() }
          continue
        }
        if form == "." || form == "!" || form == "?" || form == "…" {
          let previous = i > 0 ? tokens[i - 1].form : ""
          let isAbbreviation = form == "." && abbreviations.contains(previous)
          if !isAbbreviation && wordsInSentence > 0 { endSentence() }
        } else if [",", ";", ":", "—", "–", "(", ")"].contains(form) {
          clause += 1
        }
        continue
      }
      if clauseWords.contains(form) && wordsInSentence > 0 { clause += 1 }
      tokens[i].sentence = sentence
      tokens[i].clause = clause
      if !sentenceStarted && tokens[i].kind != .emoji {
        tokens[i].startsSentence = true
        sentenceStarted = true
      }
      wordsInSentence += 1
    }
  }

  /// "They said sorry": the words after a reporting verb whose subject is not I or we belong
  /// to someone else, up to the end of the clause ("you told us you'd be away, and our system
  /// still blocked the card": the part after the comma is ours again), or up to "and"/"so"
  /// when we pick the story back up ("you told us you'd be away and our system blocked it").
  private static func markReported(_ tokens: inout [Token]) {
    var reporting: (sentence: Int, clause: Int)?
    for i in tokens.indices where tokens[i].isWordLike {
      if let r = reporting {
        let resumesOurStory = resumers.contains(tokens[i].form) && nextWordIsFirstPerson(tokens, after: i)
        if tokens[i].sentence == r.sentence && tokens[i].clause == r.clause && !resumesOurStory {
          tokens[i].reported = true
          continue
        }
        reporting = nil
      }
      guard reportingVerbs.contains(tokens[i].form) else { continue }
      // `you said "nobody listens" and you were right`: the quotation marks already say whose
      // words those are, and what follows the quote is ours.
      if let next = tokens[(i + 1)...].first(where: \.isWordLike), next.quoted { continue }
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
      if subjectIsOther { reporting = (tokens[i].sentence, tokens[i].clause) }
    }
  }

  /// Words that hand the story back to the writer when "we", "our" … follow.
  static let resumers: Set<String> = ["and", "so", "then"]
  static let firstPersonWords: Set<String> = ["i", "we", "our", "my", "us"]

  private static func nextWordIsFirstPerson(_ tokens: [Token], after i: Int) -> Bool {
    var j = i + 1
    while j < tokens.count, !tokens[j].isWordLike { j += 1 }
    return j < tokens.count && tokens[j].sentence == tokens[i].sentence && firstPersonWords.contains(tokens[j].form)
  }
}
