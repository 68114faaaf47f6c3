/// Reads a reply the way a person would before any rule looks at it: splits it into sentences,
/// clauses and tokens; expands contractions; marks quoted and reported words; and marks which
/// words fall under a negation.
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

  /// The most of a reply that is ever read. Nobody sends a customer more, and the callers that
  /// show a result (`check`, play) refuse a longer reply with its size before it gets here;
  /// past it, only the first bytes up to the limit are read (cut before a character), so no
  /// caller can make the analysis's time or memory grow without bound.
  public static let maximumBytes = 256 * 1024

  public static func analyze(_ whole: String) -> AnalyzedText {
    let text = bounded(whole)
    let bytes = Array(text.utf8)
    var raw = RawScanner(text: text, bytes: bytes).scan()
    markQuotes(&raw.tokens)
    // One trip to the lexicon for the whole reply: a lock per word would cost more than reading it.
    let ((expanded, stemList, wordCount), generation) = Vocabulary.shared.withLexicon { lexicon, reader in
      let (tokens, stems) = expand(raw, bytes: bytes, lexicon: &lexicon, reader: reader)
      return (tokens, stems, reader.wordIDs.count)
    }
    var tokens = expanded
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
      text: text, bytes: bytes, tokens: tokens, words: words, sentenceCount: sentenceCount,
      sentenceWordRanges: ranges, stemList: stemList, generation: generation, wordCount: wordCount)
  }

  /// The text, or its longest prefix within `maximumBytes` that ends before a character.
  static func bounded(_ text: String) -> String {
    guard text.utf8.count > maximumBytes else { return text }
    let bytes = Array(text.utf8.prefix(maximumBytes + 4))
    var cut = maximumBytes
    // A UTF-8 continuation byte (10xxxxxx) never starts a scalar; step back to one that does.
    while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
    let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
    // Then back to a character boundary, so a cut never leaves half an emoji or accent.
    return prefix.count > 1 ? String(prefix.dropLast()) : prefix
  }

  /// . ! ? …
  static func endsSentence(_ mark: Unicode.Scalar) -> Bool {
    switch mark {
    case ".", "!", "?", "…": true
    default: false
    }
  }

  /// , ; : — – ( )
  static func endsClause(_ mark: Unicode.Scalar) -> Bool {
    switch mark {
    case ",", ";", ":", "—", "–", "(", ")": true
    default: false
    }
  }

  /// Quotation marks toggle quoting; a straight single quote only opens at the start of a word
  /// and closes at the end of one, so apostrophes inside words are left alone.
  private static func markQuotes(_ raw: inout [RawToken]) {
    var doubleOpen = false
    var singleOpen = false
    for i in raw.indices {
      if raw[i].kind == .punctuation {
        switch raw[i].mark {
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
      }
      if doubleOpen || singleOpen || raw[i].inMailQuote { raw[i].quoted = true }
    }
  }

  /// Tokens from raw tokens: each word as the lexicon reads it, contractions as two words.
  private static func expand(
    _ raw: RawScanner.Result, bytes: [UInt8], lexicon: inout Lexicon, reader: WordReader
  ) -> ([Token], [Int32]) {
    // First every word's lexicon entry, then the tokens from the lexicon's readings.
    lexicon.makeRoom(for: raw.tokens.count)
    var entries: [Lexicon.Entry] = []
    entries.reserveCapacity(raw.tokens.count)
    raw.keys.withUnsafeBufferPointer { keys in
      for r in raw.tokens where !r.quoteMark && (r.kind == .word || r.kind == .number) {
        let key = UnsafeBufferPointer(rebasing: keys[r.key])
        entries.append(
          lexicon.entry(key) {
            let spelling = String(decoding: UnsafeBufferPointer(rebasing: key.dropFirst()), as: UTF8.self)
            return r.kind == .word ? reader.word(spelling) : reader.number(spelling)
          })
      }
    }
    var tokens: [Token] = []
    tokens.reserveCapacity(raw.tokens.count + 8)
    var stemList: [Int32] = []
    var nextEntry = 0
    lexicon.readings.withUnsafeBufferPointer { readings in
      lexicon.stems.withUnsafeBufferPointer { lexiconStems in
        var lastKind: Token.Kind?
        for r in raw.tokens where !r.quoteMark {
          let afterNumber = lastKind == .number
          lastKind = r.kind
          switch r.kind {
          case .punctuation:
            tokens.append(makeToken(r, form: r.isNewline ? "\n" : String(r.mark), afterNumber: afterNumber))
          case .emoji:
            tokens.append(
              makeToken(r, form: String(decoding: bytes[r.start..<r.end], as: UTF8.self), afterNumber: afterNumber))
          case .word, .number:
            let entry = entries[nextEntry]
            nextEntry += 1
            if entry.readings.isEmpty { lastKind = tokens.last?.kind }
            // A contraction's words ("won't" → will, not) are never read as after a number.
            for index in entry.readings {
              let reading = readings[Int(index)]
              let start = Int32(stemList.count)
              for k in reading.stems { stemList.append(lexiconStems[Int(k)]) }
              // Built whole in the call that appends it: a token kept in a variable first was
              // copied into the array (its two strings retained) and then destroyed.
              tokens.append(
                makeToken(
                  r, form: reading.form, plain: reading.plain, afterNumber: entry.isPlain && afterNumber,
                  facts: reading.facts, id: reading.id, stems: start..<Int32(stemList.count)))
            }
          }
        }
      }
    }
    return (tokens, stemList)
  }

  /// A token of raw token `r`, built whole at once: copying tokens (two strings each) was
  /// what reading a reply cost.
  private static func makeToken(
    _ r: RawToken, form: String, plain: String = "", afterNumber: Bool, facts: WordFacts = [], id: Int32 = -1,
    stems: Range<Int32> = 0..<0
  ) -> Token {
    var token = Token(form: form, plain: plain, kind: r.kind, start: r.start, end: r.end)
    token.quoted = r.quoted
    token.capitalized = r.capitalized
    token.mark = r.mark
    token.afterNumber = afterNumber
    token.facts = facts
    token.id = id
    token.isNegator = r.kind == .word && facts.contains(.negator)
    token.stems = stems
    return token
  }

  private static func assignSentences(_ tokens: inout [Token]) {
    // Through a buffer: writing each token through the array checks its uniqueness every time.
    tokens.withUnsafeMutableBufferPointer { tokens in
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
        if tokens[i].kind == .punctuation {
          let mark = tokens[i].mark
          tokens[i].sentence = sentence
          tokens[i].clause = clause
          if mark == "\n" {
            // A line break ends a sentence when the line had no closing mark of its own
            // (greetings, sign-offs, bullet points).
            if wordsInSentence > 0 { endSentence() }
            continue
          }
          if endsSentence(mark) {
            let isAbbreviation = mark == "." && i > 0 && tokens[i - 1].facts.contains(.abbreviation)
            if !isAbbreviation && wordsInSentence > 0 { endSentence() }
          } else if endsClause(mark) {
            clause += 1
          }
          continue
        }
        if tokens[i].facts.contains(.clauseWord) && wordsInSentence > 0 { clause += 1 }
        tokens[i].sentence = sentence
        tokens[i].clause = clause
        if !sentenceStarted && tokens[i].kind != .emoji {
          tokens[i].startsSentence = true
          sentenceStarted = true
        }
        wordsInSentence += 1
      }
    }
  }

  /// "They said sorry": the words after a reporting verb whose subject is not I or we belong
  /// to someone else, up to the end of the clause ("you told us you'd be away, and our system
  /// still blocked the card": the part after the comma is ours again), or up to "and"/"so"
  /// when we pick the story back up ("you told us you'd be away and our system blocked it").
  private static func markReported(_ tokens: inout [Token]) {
    // Through a buffer: writing each token through the array checks its uniqueness every time.
    tokens.withUnsafeMutableBufferPointer { tokens in
      var reporting: (sentence: Int, clause: Int)?
      for i in tokens.indices where tokens[i].isWordLike {
        if let r = reporting {
          let resumesOurStory = tokens[i].facts.contains(.resumer) && nextWordIsFirstPerson(tokens, after: i)
          if tokens[i].sentence == r.sentence && tokens[i].clause == r.clause && !resumesOurStory {
            tokens[i].reported = true
            continue
          }
          reporting = nil
        }
        guard tokens[i].facts.contains(.reportingVerb) else { continue }
        // `you said "nobody listens" and you were right`: the quotation marks already say whose
        // words those are, and what follows the quote is ours.
        if let next = tokens[(i + 1)...].first(where: \.isWordLike), next.quoted { continue }
        var j = i - 1
        var seen = 0
        var subjectIsOther = false
        while j >= 0, seen < 3, tokens[j].sentence == tokens[i].sentence {
          if tokens[j].isWordLike {
            seen += 1
            if tokens[j].facts.contains(.firstPersonSubject) { subjectIsOther = false; break }
            subjectIsOther = true
          }
          j -= 1
        }
        if subjectIsOther { reporting = (tokens[i].sentence, tokens[i].clause) }
      }
    }
  }

  /// Words that hand the story back to the writer when "we", "our" … follow.
  static let resumers: Set<String> = ["and", "so", "then"]
  static let firstPersonWords: Set<String> = ["i", "we", "our", "my", "us"]

  private static func nextWordIsFirstPerson(_ tokens: UnsafeMutableBufferPointer<Token>, after i: Int) -> Bool {
    var j = i + 1
    while j < tokens.count, !tokens[j].isWordLike { j += 1 }
    return j < tokens.count && tokens[j].sentence == tokens[i].sentence && tokens[j].facts.contains(.firstPersonWord)
  }
}
