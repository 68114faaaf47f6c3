/// What a `PhraseMatcher` works out once from its phrases: which phrases a reply's words make
/// worth trying, where each can begin, which wins a starting word, and the compiled program.
/// A class, so that a matcher passed around and copied costs one reference, not twenty arrays.
final class PhraseIndex: Sendable {
  let program: PhraseProgram
  /// Phrase indices by the ids of their key words: `keyPhrases[keyStarts[id]..<keyStarts[id + 1]]`.
  private let keyStarts: [Int32]
  private let keyPhrases: [Int32]
  /// The ids that have phrases filed under them, as bits like `AnalyzedText.presentWords`.
  private let keyBits: [UInt64]
  /// Phrases with no literal key word (only prefixes or word classes): always tried.
  private let keyless: [Int32]
  /// The words each phrase needs: a reply without them is not tried.
  let requirements: PhraseRequirements
  /// Per phrase, where a match can begin: at the literal words `startIDs[startWords[p]]`, at
  /// words starting with the stems `startStemIDs[startStems[p]]`, or at words of the classes
  /// `startClasses[p]` (`Phrase.WordClass` bits).
  let startWords: [Range<Int32>]
  let startIDs: [Int32]
  let startStems: [Range<Int32>]
  let startStemIDs: [Int32]
  let startClasses: [UInt8]
  /// Per phrase: true when its first words cannot be told in advance; it is tried everywhere.
  let startsAnywhere: [Bool]
  let anchored: [Bool]
  /// The order in which phrases claim a starting word when several match there.
  let precedence: [Int32]
  /// The vocabulary generation once every word of these patterns was registered.
  let generation: Int

  init(_ phrases: [Phrase]) {
    let program = PhraseProgram(phrases)
    var byKey: [Int32: [Int32]] = [:]
    var keyless: [Int32] = []
    var startWords: [Range<Int32>] = [], startIDs: [Int32] = []
    var startStems: [Range<Int32>] = [], startStemIDs: [Int32] = []
    var startClasses: [UInt8] = []
    var startsAnywhere: [Bool] = []
    var leading: [Bool] = []
    for (i, phrase) in phrases.enumerated() {
      let wordStart = Int32(startIDs.count), stemStart = Int32(startStemIDs.count)
      var classes: UInt8 = 0
      if let (choices, canBeEmpty) = PhraseIndex.firstChoices(phrase.slots[...]), !canBeEmpty {
        for choice in choices {
          startIDs += choice.wordIDs.filter { !startIDs[Int(wordStart)...].contains($0) }
          startStemIDs += choice.stemIDs.filter { !startStemIDs[Int(stemStart)...].contains($0) }
          classes |= choice.classMask
        }
        startsAnywhere.append(false)
      } else {
        startsAnywhere.append(true)
      }
      startWords.append(wordStart..<Int32(startIDs.count))
      startStems.append(stemStart..<Int32(startStemIDs.count))
      startClasses.append(classes)
      if let words = phrase.keyWords {
        for id in Set(words.map { Int32(Vocabulary.shared.register($0)) }) { byKey[id, default: []].append(Int32(i)) }
      } else {
        keyless.append(Int32(i))
      }
      leading.append(phrase.leadingWords != nil)
    }
    let highest = Int(byKey.keys.max() ?? -1)
    var keyStarts = [Int32](repeating: 0, count: highest + 2)
    var keyPhrases: [Int32] = []
    for id in 0..<(highest + 1) {
      keyStarts[id] = Int32(keyPhrases.count)
      keyPhrases += byKey[Int32(id)] ?? []
    }
    keyStarts[highest + 1] = Int32(keyPhrases.count)
    self.keyStarts = keyStarts
    self.keyPhrases = keyPhrases
    var keyBits = [UInt64](repeating: 0, count: (highest + 1) / 64 + 1)
    for id in byKey.keys { keyBits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
    self.keyBits = keyBits
    self.keyless = keyless
    requirements = PhraseRequirements(phrases)
    self.startWords = startWords
    self.startIDs = startIDs
    self.startStems = startStems
    self.startStemIDs = startStemIDs
    self.startClasses = startClasses
    self.startsAnywhere = startsAnywhere
    anchored = phrases.map(\.anchoredToSentence)
    self.program = program
    generation = Vocabulary.shared.generation
    // Phrases that can start anywhere come first, then those indexed by a leading word, each in
    // file order: the first that fits a starting word gives its evidence.
    let free = phrases.indices.filter { !leading[$0] }
    let indexed = phrases.indices.filter { leading[$0] }
    var rank = [Int32](repeating: 0, count: phrases.count)
    for (r, i) in (free + indexed).enumerated() { rank[i] = Int32(r) }
    precedence = rank
  }

  /// Writes the index for the compiled cache (`CompiledCache`).
  func encode(into writer: inout ByteWriter) {
    program.encode(into: &writer)
    requirements.encode(into: &writer)
    writer.write(keyStarts)
    writer.write(keyPhrases)
    writer.write(keyBits)
    writer.write(keyless)
    writer.write(startWords)
    writer.write(startIDs)
    writer.write(startStems)
    writer.write(startStemIDs)
    writer.write(startClasses)
    writer.write(startsAnywhere)
    writer.write(anchored)
    writer.write(precedence)
  }

  /// Reads an index of `phrases` phrases back, checking every list the matcher indexes
  /// through unchecked buffers against the others.
  init(decoding reader: inout ByteReader, phrases: Int) throws {
    program = try PhraseProgram(decoding: &reader)
    requirements = try PhraseRequirements(decoding: &reader, phrases: phrases)
    keyStarts = try reader.readArray(of: Int32.self)
    keyPhrases = try reader.readArray(of: Int32.self)
    keyBits = try reader.readArray(of: UInt64.self)
    keyless = try reader.readArray(of: Int32.self)
    startWords = try reader.readRanges()
    startIDs = try reader.readArray(of: Int32.self)
    startStems = try reader.readRanges()
    startStemIDs = try reader.readArray(of: Int32.self)
    startClasses = try reader.readArray(of: UInt8.self)
    startsAnywhere = try reader.readBools()
    anchored = try reader.readBools()
    precedence = try reader.readArray(of: Int32.self)
    // Word and stem ids index a text's tables, which are as long as the vocabulary was when the
    // text was read: an id the vocabulary does not have is refused, and a text read before now
    // is read again (`generation`), so that its tables hold every id here.
    let (words, stems) = Vocabulary.shared.counts
    generation = words + stems
    let isPhrase = { (p: Int32) in p >= 0 && Int(p) < phrases }
    let isWord = { (id: Int32) in id >= 0 && Int(id) < words }
    let highestKey = keyBits.indices.last { keyBits[$0] != 0 }.map { $0 * 64 + 63 - keyBits[$0].leadingZeroBitCount }
    guard program.entries.count == phrases, !keyStarts.isEmpty, keyStarts.first! == 0,
      zip(keyStarts, keyStarts.dropFirst()).allSatisfy({ $0 <= $1 }), Int(keyStarts.last!) == keyPhrases.count,
      (highestKey ?? -1) + 1 < keyStarts.count, (highestKey ?? -1) < words,
      keyPhrases.allSatisfy(isPhrase), keyless.allSatisfy(isPhrase),
      [startWords.count, startStems.count, startClasses.count, startsAnywhere.count, anchored.count, precedence.count]
        .allSatisfy({ $0 == phrases }),
      startWords.allSatisfy({ $0.lowerBound >= 0 && Int($0.upperBound) <= startIDs.count }),
      startStems.allSatisfy({ $0.lowerBound >= 0 && Int($0.upperBound) <= startStemIDs.count }),
      startIDs.allSatisfy(isWord), startStemIDs.allSatisfy({ $0 >= 0 && Int($0) < stems })
    else { throw ByteReader.Malformed() }
  }

  /// The word slots that can take the first word of a match: the first slots up to the first
  /// required one, looking through optional slots and into every alternative of a group; and
  /// whether the slots can match no word at all. Nil when a gap can come first.
  static func firstChoices(_ slots: ArraySlice<Phrase.Slot>) -> (choices: [WordChoice], canBeEmpty: Bool)? {
    var choices: [WordChoice] = []
    for slot in slots {
      switch slot {
      case .gap:
        return nil
      case .one(let choice, let optional):
        choices.append(choice)
        if !optional { return (choices, false) }
      case .group(let alternatives, let optional):
        var everyAlternativeTakesAWord = true
        for alternative in alternatives {
          guard let (found, canBeEmpty) = firstChoices(alternative[...]) else { return nil }
          choices += found
          if canBeEmpty { everyAlternativeTakesAWord = false }
        }
        if !optional && everyAlternativeTakesAWord { return (choices, false) }
      }
    }
    return (choices, true)
  }

  /// The phrases this text could match, in index order: those whose key words it contains, and
  /// those with no key word. Marked in a bit set and read back in order, which sorts and
  /// removes duplicates at once.
  func candidates(in text: AnalyzedText) -> [Int32] {
    var marks = [UInt64](repeating: 0, count: (precedence.count + 63) / 64)
    marks.withUnsafeMutableBufferPointer { marks in
      func mark(_ p: Int32) { marks[Int(p) >> 6] |= 1 << UInt64(p & 63) }
      for p in keyless { mark(p) }
      // The words these patterns are filed under that the reply holds, sixty-four at a time.
      let presentWords = text.presentWords
      for w in 0..<min(keyBits.count, presentWords.count) {
        var bits = keyBits[w] & presentWords[w]
        while bits != 0 {
          let id = w * 64 + bits.trailingZeroBitCount
          for k in Int(keyStarts[id])..<Int(keyStarts[id + 1]) { mark(keyPhrases[k]) }
          bits &= bits - 1
        }
      }
    }
    var chosen: [Int32] = []
    for (w, word) in marks.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        chosen.append(Int32(w * 64 + bits.trailingZeroBitCount))
        bits &= bits - 1
      }
    }
    return chosen
  }
}
