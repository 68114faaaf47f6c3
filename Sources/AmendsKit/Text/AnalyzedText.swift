/// A reply as the analyser read it (see `TextAnalyzer`): its tokens, and for each word what
/// pattern matchers test, laid out flat so that matching one word against a slot is a few
/// integer loads and no reference counting. A class: every matcher of the rubric reads it,
/// and copying twenty arrays' references for each would cost more than the matching.
public final class AnalyzedText: Sendable {
  public let text: String
  /// Every token, punctuation included, in text order.
  public let tokens: [Token]
  /// Indices into `tokens` of the words, numbers and emoji: what patterns walk over.
  public let words: [Int]
  public let sentenceCount: Int
  /// For each sentence, the indices into `words` of its first and one-past-last word.
  public let sentenceWordRanges: [Range<Int>]
  /// Who acts and how, clause by clause (`ClauseRoleAnalyzer`).
  public let clauseRoles: [ClauseRole]

  /// The text's UTF-8, for excerpts.
  let bytes: [UInt8]
  /// The `Vocabulary` generation the ids below agree with.
  let generation: Int
  /// Per word position, `columns` numbers: its form's vocabulary id (-1 when no pattern uses
  /// it), sentence, clause, the range of `stemIDs` holding the ids of the pattern stems it starts
  /// with, its word classes (`Phrase.WordClass` bits), its flags, and its UTF-8 start and end. One flat table, so that a
  /// matcher reads a word with one buffer and no reference counting.
  let wordTable: [Int32]
  let stemIDs: [Int32]
  /// The first position of each vocabulary id (-1 when absent), and per position the next
  /// position of the same id: every place a word stands, without a dictionary.
  let firstPosition: [Int32]
  let nextPosition: [Int32]
  /// The vocabulary ids present: bit `id % 64` of word `id / 64`. A matcher ANDs them with
  /// the ids it files patterns under, sixty-four ids at a time.
  let presentWords: [UInt64]
  /// The same for stems, by entry of `stemIDs`: the first entry of each stem id (-1 when
  /// absent), the next entry of the same stem, and each entry's word position.
  let firstStemEntry: [Int32]
  let nextStemEntry: [Int32]
  let stemEntryPosition: [Int32]
  /// The positions of the words of each word class: class bit `b`'s are
  /// `classPositions[classStarts[b]..<classStarts[b + 1]]`, in text order.
  let classStarts: [Int32]
  let classPositions: [Int32]
  /// Per sentence, `SentenceSignature.words` bits: which word and stem ids it may hold (a bit
  /// per id, shared by many ids). A pattern whose required word has no bit here cannot match
  /// in the sentence, and is not run there.
  let sentenceSignatures: [UInt64]

  static let columns = 9
  static let idColumn = 0, sentenceColumn = 1, clauseColumn = 2, stemStartColumn = 3, stemEndColumn = 4
  static let bitsColumn = 5, flagsColumn = 6, startColumn = 7, endColumn = 8

  /// Flags of a word.
  static let othersWords: Int32 = 1  // quoted or reported
  static let startsSentence: Int32 = 2
  static let negator: Int32 = 4
  static let quoted: Int32 = 8

  func sentence(_ position: Int) -> Int32 { wordTable[position * AnalyzedText.columns + AnalyzedText.sentenceColumn] }
  func clause(_ position: Int) -> Int32 { wordTable[position * AnalyzedText.columns + AnalyzedText.clauseColumn] }
  func flags(_ position: Int) -> Int32 { wordTable[position * AnalyzedText.columns + AnalyzedText.flagsColumn] }

  init(
    text: String, bytes: [UInt8], tokens: [Token], words: [Int], sentenceCount: Int, sentenceWordRanges: [Range<Int>],
    stemList: [Int32], generation: Int, wordCount: Int
  ) {
    self.text = text
    self.bytes = bytes
    self.tokens = tokens
    self.words = words
    self.sentenceCount = sentenceCount
    self.sentenceWordRanges = sentenceWordRanges
    self.clauseRoles = ClauseRoleAnalyzer.roles(tokens: tokens, words: words)
    self.generation = generation
    let n = words.count
    var table = [Int32](repeating: 0, count: n * AnalyzedText.columns)
    var stems: [Int32] = []
    var first = [Int32](repeating: -1, count: wordCount)
    var next = [Int32](repeating: -1, count: n)
    var presentWords = [UInt64](repeating: 0, count: wordCount / 64 + 1)
    var entryPosition: [Int32] = []
    stems.reserveCapacity(n)
    entryPosition.reserveCapacity(n)
    // Through raw buffers: writing the table element by element checked its uniqueness each time.
    tokens.withUnsafeBufferPointer { tokens in
      table.withUnsafeMutableBufferPointer { table in
        for position in 0..<n {
          let index = words[position]
          let row = position * AnalyzedText.columns
          let id = tokens[index].id
          table[row + AnalyzedText.idColumn] = id >= 0 && Int(id) < wordCount ? id : -1
          table[row + AnalyzedText.sentenceColumn] = Int32(tokens[index].sentence)
          table[row + AnalyzedText.clauseColumn] = Int32(tokens[index].clause)
          table[row + AnalyzedText.stemStartColumn] = Int32(stems.count)
          for k in tokens[index].stems {
            stems.append(stemList[Int(k)])
            entryPosition.append(Int32(position))
          }
          table[row + AnalyzedText.stemEndColumn] = Int32(stems.count)
          table[row + AnalyzedText.startColumn] = Int32(tokens[index].start)
          table[row + AnalyzedText.endColumn] = Int32(tokens[index].end)
          table[row + AnalyzedText.bitsColumn] = Int32(AnalyzedText.classBits(of: tokens[index]))
          var f: Int32 = 0
          if tokens[index].quoted || tokens[index].reported { f |= AnalyzedText.othersWords }
          if tokens[index].startsSentence { f |= AnalyzedText.startsSentence }
          if tokens[index].isNegator { f |= AnalyzedText.negator }
          if tokens[index].quoted { f |= AnalyzedText.quoted }
          table[row + AnalyzedText.flagsColumn] = f
        }
      }
    }
    // Linked from the end, so each id's positions come in text order.
    for position in (0..<n).reversed() {
      let id = table[position * AnalyzedText.columns + AnalyzedText.idColumn]
      guard id >= 0 else { continue }
      presentWords[Int(id) >> 6] |= 1 << UInt64(id & 63)
      next[position] = first[Int(id)]
      first[Int(id)] = Int32(position)
    }
    let stemCount = max(0, generation - wordCount)
    var firstStem = [Int32](repeating: -1, count: stemCount)
    var nextStem = [Int32](repeating: -1, count: stems.count)
    for k in stems.indices.reversed() where Int(stems[k]) < stemCount {
      nextStem[k] = firstStem[Int(stems[k])]
      firstStem[Int(stems[k])] = Int32(k)
    }
    let classCount = Phrase.WordClass.allCases.count
    var starts = [Int32](repeating: 0, count: classCount + 1)
    var classPositions: [Int32] = []
    for bit in 0..<classCount {
      starts[bit] = Int32(classPositions.count)
      for position in 0..<n where table[position * AnalyzedText.columns + AnalyzedText.bitsColumn] & (1 << bit) != 0 {
        classPositions.append(Int32(position))
      }
    }
    starts[classCount] = Int32(classPositions.count)
    var signatures = [UInt64](repeating: 0, count: max(1, sentenceCount) * SentenceSignature.words)
    signatures.withUnsafeMutableBufferPointer { signatures in
      for position in 0..<n {
        let row = position * AnalyzedText.columns
        let base = Int(table[row + AnalyzedText.sentenceColumn]) * SentenceSignature.words
        guard base >= 0, base < signatures.count else { continue }
        let id = table[row + AnalyzedText.idColumn]
        if id >= 0 { SentenceSignature.set(SentenceSignature.bit(word: id), in: signatures, at: base) }
        for k in Int(table[row + AnalyzedText.stemStartColumn])..<Int(table[row + AnalyzedText.stemEndColumn]) {
          SentenceSignature.set(SentenceSignature.bit(stem: stems[k]), in: signatures, at: base)
        }
      }
    }
    sentenceSignatures = signatures
    classStarts = starts
    self.classPositions = classPositions
    firstStemEntry = firstStem
    nextStemEntry = nextStem
    stemEntryPosition = entryPosition
    wordTable = table
    stemIDs = stems
    firstPosition = first
    nextPosition = next
    self.presentWords = presentWords
  }

  /// The word classes a token belongs to, as bits.
  static func classBits(of t: borrowing Token) -> UInt8 {
    var bits: UInt8 = 0
    func set(_ c: Phrase.WordClass) { bits |= c.bit }
    let facts = t.facts
    if t.kind == .word || t.kind == .number { set(.any) }
    if t.kind == .number || facts.contains(.numberWord) { set(.num) }
    if t.kind == .emoji { set(.emoji) }
    if facts.contains(.weekday) { set(.weekday) }
    if facts.contains(.monthName) && (!facts.contains(.may) || t.capitalized) { set(.month) }
    if t.kind == .number && t.form.utf8.contains(UInt8(ascii: ":")) {
      set(.time)
    } else if facts.contains(.meridiem) {
      if t.afterNumber { set(.time) }
    } else if facts.contains(.clockWord) || (t.kind == .word && facts.contains(.hourWithMeridiem)) {
      set(.time)
    }
    // A capital alone does not make a name: in a reply typed in capitals "YOU'LL" is not one.
    if t.kind == .word && t.capitalized && !t.startsSentence && !facts.contains(.notName) { set(.name) }
    return bits
  }

  /// The same text with its ids looked up again: for a matcher whose patterns registered words
  /// after this text was analysed.
  func reindexed() -> AnalyzedText {
    let ((tokens, stemList, wordCount), generation) = Vocabulary.shared.withLexicon { _, reader in
      var tokens = self.tokens
      var stemList: [Int32] = []
      for i in tokens.indices where tokens[i].kind == .word || tokens[i].kind == .number {
        tokens[i].id = reader.wordIDs[tokens[i].form] ?? -1
        let start = Int32(stemList.count)
        if tokens[i].kind == .word {
          stemList += reader.stemsStarting(tokens[i].form, tokens[i].plain.isEmpty ? tokens[i].form : tokens[i].plain)
        }
        tokens[i].stems = start..<Int32(stemList.count)
      }
      return (tokens, stemList, reader.wordIDs.count)
    }
    return AnalyzedText(
      text: text, bytes: bytes, tokens: tokens, words: words, sentenceCount: sentenceCount,
      sentenceWordRanges: sentenceWordRanges, stemList: stemList, generation: generation, wordCount: wordCount)
  }

  /// The original text between two UTF-8 offsets.
  public func excerpt(_ start: Int, _ end: Int) -> String {
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
    while next < tokens.count, tokens[next].kind == .punctuation, tokens[next].mark != "\n" {
      if TextAnalyzer.endsSentence(tokens[next].mark) { return false }
      next += 1
    }
    if tokens[words[first]].facts.contains(.greeting) { return true }
    return range.allSatisfy { tokens[words[$0]].capitalized || tokens[words[$0]].kind != .word }
  }
}
