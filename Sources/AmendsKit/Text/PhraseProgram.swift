/// A matcher's phrases compiled to one program for a small backtracking machine, with every
/// word slot's alternatives as bit sets. Matching then walks integers: no enum payloads, no
/// recursion and no allocation per attempt, which is what made scoring a reply cost a
/// millisecond.
///
/// Instructions are triples (operation, a, b):
///
///     word c      consume one word of the sentence accepted by choice c
///     split a b   try a; if the match fails from there, try b (alternatives, optional slots)
///     jump a
///     gap n       skip 0…n words of the sentence, fewest first
///     end         matched; the last word consumed is the one before the current position
///
/// The order of `split` is the order the pattern is written in, so the first way that fits
/// wins, as if each group had been written out alternative by alternative.
struct PhraseProgram: Sendable {
  enum Operation: Int32 { case word, split, jump, gap, end }

  private(set) var code: [Int32] = []
  /// Per phrase, the index of its first instruction.
  private(set) var entries: [Int32] = []
  /// Per choice, five numbers: where its literal ids' bit set starts in `bits` and how many
  /// words it has, the same for its stems, and its word classes.
  private var choiceTable: [Int32] = []
  private var bits: [UInt64] = []
  /// The longest phrase's instruction count: the most a match can push or consume.
  private var longest = 0
  /// Each choice's index, while compiling: a choice shared by many phrases is stored once.
  private var choiceIndex: [ObjectIdentifier: Int32] = [:]
  /// The choices made by merging groups, kept alive while compiling so that no other choice
  /// can take one's `ObjectIdentifier`.
  private var merges: [WordChoice] = []

  init(_ phrases: [Phrase]) {
    for phrase in phrases {
      let entry = here
      entries.append(entry)
      emit(phrase.slots)
      append(.end)
      longest = max(longest, Int(here - entry))
    }
  }

  /// The index of a choice, compiling its bit sets the first time it is met.
  private mutating func index(of choice: WordChoice) -> Int32 {
    if let known = choiceIndex[ObjectIdentifier(choice)] { return known }
    let index = Int32(choiceIndex.count)
    choiceIndex[ObjectIdentifier(choice)] = index
    let words = PhraseProgram.appendBits(choice.wordIDs, to: &bits)
    let stems = PhraseProgram.appendBits(choice.stemIDs, to: &bits)
    choiceTable += [
      words.lowerBound, Int32(words.count), stems.lowerBound, Int32(stems.count), Int32(choice.classMask),
    ]
    return index
  }

  private static func appendBits(_ ids: [Int32], to bits: inout [UInt64]) -> Range<Int32> {
    guard let highest = ids.max() else { return 0..<0 }
    let start = bits.count
    bits += [UInt64](repeating: 0, count: Int(highest) / 64 + 1)
    for id in ids { bits[start + Int(id) / 64] |= UInt64(1) << UInt64(id % 64) }
    return Int32(start)..<Int32(bits.count)
  }

  private mutating func append(_ operation: Operation, _ a: Int32 = 0, _ b: Int32 = 0) {
    code += [operation.rawValue, a, b]
  }

  private var here: Int32 { Int32(code.count / 3) }

  private mutating func patch(_ instruction: Int32, b: Int32) { code[Int(instruction) * 3 + 2] = b }
  private mutating func patch(_ instruction: Int32, a: Int32) { code[Int(instruction) * 3 + 1] = a }

  private mutating func emit(_ slots: [Phrase.Slot]) {
    for slot in slots {
      switch slot {
      case .gap(let limit):
        append(.gap, Int32(limit))
      case .one(let choice, let optional):
        let c = index(of: choice)
        if optional {
          let split = here
          append(.split, split + 1)
          append(.word, c)
          patch(split, b: here)
        } else {
          append(.word, c)
        }
      case .group(let alternatives, let optional):
        // A group of single words, "(added|built|launched|…)", is one slot: whichever word
        // fits, it takes that one word, so a single test of all of them at once matches the
        // same, where a split per alternative tried them one by one.
        if let merged = PhraseProgram.singleWordChoice(alternatives) {
          merges.append(merged)
          emit([.one(merged, optional: optional)])
          continue
        }
        var exits: [Int32] = []
        for (k, alternative) in alternatives.enumerated() {
          let guarded = k < alternatives.count - 1 || optional
          let split = here
          if guarded { append(.split, split + 1) }
          emit(alternative)
          if guarded {
            exits.append(here)
            append(.jump)
            patch(split, b: here)
          }
        }
        for exit in exits { patch(exit, a: here) }
      }
    }
  }

  /// The alternatives of a group as one choice, when each is a single required word slot.
  private static func singleWordChoice(_ alternatives: [[Phrase.Slot]]) -> WordChoice? {
    var merged: [Phrase.Alternative] = []
    for alternative in alternatives {
      guard alternative.count == 1, case .one(let choice, false) = alternative[0] else { return nil }
      merged += choice.alternatives
    }
    return WordChoice(merged)
  }

  /// Runs `body` with a machine over `text`: the program and the text's words as raw buffers,
  /// and room for the longest phrase's backtracking, allocated once for every phrase tried.
  func withMachine<R>(over text: AnalyzedText, _ body: (inout Machine) -> R) -> R {
    code.withUnsafeBufferPointer { code in
      choiceTable.withUnsafeBufferPointer { choices in
        bits.withUnsafeBufferPointer { bits in
          text.wordTable.withUnsafeBufferPointer { words in
            text.stemIDs.withUnsafeBufferPointer { stems in
              text.firstPosition.withUnsafeBufferPointer { firstPosition in
                text.nextPosition.withUnsafeBufferPointer { nextPosition in
                  withUnsafeTemporaryAllocation(of: Frame.self, capacity: longest + 1) { stack in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: longest + 1) { consumed in
                      var machine = Machine(
                        code: code, choices: choices, bits: bits, words: words, stems: stems, count: text.words.count,
                        firstPosition: firstPosition, nextPosition: nextPosition,
                        stack: stack.baseAddress!, consumed: consumed.baseAddress!)
                      return body(&machine)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// A place to return to when the match fails further on: `split` pushes its second branch;
  /// `gap` pushes how many words it will skip next time.
  struct Frame {
    var instruction: Int32
    var position: Int32
    var consumed: Int32
    /// -1 for a `split`; for a `gap`, the next number of words to skip.
    var nextSkip: Int32
  }

  /// The program running over one text. Only valid inside `withMachine`.
  struct Machine {
    let code: UnsafeBufferPointer<Int32>
    let choices: UnsafeBufferPointer<Int32>
    let bits: UnsafeBufferPointer<UInt64>
    /// `AnalyzedText.wordTable`: `AnalyzedText.columns` numbers per word.
    let words: UnsafeBufferPointer<Int32>
    let stems: UnsafeBufferPointer<Int32>
    let count: Int
    /// `AnalyzedText.firstPosition` and `nextPosition`: where each word id stands.
    let firstPosition: UnsafeBufferPointer<Int32>
    let nextPosition: UnsafeBufferPointer<Int32>
    let stack: UnsafeMutablePointer<Frame>
    /// The positions the last successful run consumed: `consumed[0..<consumedCount]`.
    let consumed: UnsafeMutablePointer<Int32>
    private(set) var consumedCount = 0

    init(
      code: UnsafeBufferPointer<Int32>, choices: UnsafeBufferPointer<Int32>, bits: UnsafeBufferPointer<UInt64>,
      words: UnsafeBufferPointer<Int32>, stems: UnsafeBufferPointer<Int32>, count: Int,
      firstPosition: UnsafeBufferPointer<Int32>, nextPosition: UnsafeBufferPointer<Int32>,
      stack: UnsafeMutablePointer<Frame>, consumed: UnsafeMutablePointer<Int32>
    ) {
      self.code = code
      self.choices = choices
      self.bits = bits
      self.words = words
      self.stems = stems
      self.count = count
      self.firstPosition = firstPosition
      self.nextPosition = nextPosition
      self.stack = stack
      self.consumed = consumed
    }

    @inline(__always)
    func column(_ position: Int, _ column: Int) -> Int32 { words[position * AnalyzedText.columns + column] }

    @inline(__always)
    private func has(_ id: Int, start: Int32, words count: Int32) -> Bool {
      let word = id >> 6
      return word < Int(count) && bits[Int(start) + word] & (UInt64(1) << UInt64(id & 63)) != 0
    }

    /// Whether choice `c` accepts the word at `position`. Inlined: called from the mutating
    /// `run`, a call would copy the whole machine first (a memcpy per word tried).
    @inline(__always)
    func accepts(_ c: Int, _ position: Int) -> Bool {
      let row = position * AnalyzedText.columns
      let choice = c * 5
      let id = Int(words[row + AnalyzedText.idColumn])
      if id >= 0 && has(id, start: choices[choice], words: choices[choice + 1]) { return true }
      if choices[choice + 3] > 0 {
        for k in Int(words[row + AnalyzedText.stemStartColumn])..<Int(words[row + AnalyzedText.stemEndColumn]) {
          if has(Int(stems[k]), start: choices[choice + 2], words: choices[choice + 3]) { return true }
        }
      }
      return words[row + AnalyzedText.bitsColumn] & choices[choice + 4] != 0
    }

    @inline(__always)
    private func inSentence(_ position: Int, _ sentence: Int32) -> Bool {
      position < count && words[position * AnalyzedText.columns + AnalyzedText.sentenceColumn] == sentence
    }

    /// Runs the phrase whose first instruction is `entry` from word `start`, within
    /// `sentence`. Returns the last word consumed, and leaves in `consumed` the positions its
    /// word slots took (not its gaps).
    mutating func run(_ entry: Int32, from start: Int, sentence: Int32) -> Int? {
      var pc = Int(entry)
      var position = start
      var depth = 0
      var taken = 0
      defer { consumedCount = taken }
      while true {
        var failed = false
        let op = code[pc * 3]
        if op == Operation.word.rawValue {
          if inSentence(position, sentence) && accepts(Int(code[pc * 3 + 1]), position) {
            consumed[taken] = Int32(position)
            taken += 1
            position += 1
            pc += 1
          } else {
            failed = true
          }
        } else if op == Operation.split.rawValue {
          let first = Int(code[pc * 3 + 1])
          if code[first * 3] == Operation.word.rawValue
            && !(inSentence(position, sentence) && accepts(Int(code[first * 3 + 1]), position))
          {
            // The first way would fail at its first word and come straight back: take the
            // second at once, without a frame.
            pc = Int(code[pc * 3 + 2])
          } else {
            stack[depth] = Frame(
              instruction: code[pc * 3 + 2], position: Int32(position), consumed: Int32(taken), nextSkip: -1)
            depth += 1
            pc = first
          }
        } else if op == Operation.jump.rawValue {
          pc = Int(code[pc * 3 + 1])
        } else if op == Operation.gap.rawValue {
          if let skip = firstSkip(pc, from: 0, at: position, sentence: sentence) {
            stack[depth] = Frame(
              instruction: Int32(pc), position: Int32(position), consumed: Int32(taken), nextSkip: Int32(skip + 1))
            depth += 1
            pc += 1
            position += skip
          } else {
            failed = true
          }
        } else {
          return position - 1
        }
        guard failed else { continue }
        // Back to the latest place with another way to go.
        var resumed = false
        while depth > 0 {
          depth -= 1
          let frame = stack[depth]
          taken = Int(frame.consumed)
          if frame.nextSkip < 0 {
            pc = Int(frame.instruction)
            position = Int(frame.position)
            resumed = true
            break
          }
          if let skip = firstSkip(
            Int(frame.instruction), from: Int(frame.nextSkip), at: Int(frame.position), sentence: sentence)
          {
            stack[depth].nextSkip = Int32(skip + 1)
            depth += 1
            pc = Int(frame.instruction) + 1
            position = Int(frame.position) + skip
            resumed = true
            break
          }
        }
        if !resumed { return nil }
      }
    }

    /// The fewest words, from `skip` on, that gap instruction `gap` at `base` can skip with a way
    /// to go on: when a word slot follows, only where that slot accepts the word (elsewhere the
    /// slot would fail at once and come straight back here), which spares a push and a pop per
    /// word a gap passes over.
    @inline(__always)
    private func firstSkip(_ gap: Int, from skip: Int, at base: Int, sentence: Int32) -> Int? {
      let limit = Int(code[gap * 3 + 1])
      let next = gap + 1
      let wordFollows = code[next * 3] == Operation.word.rawValue
      var skip = skip
      while skip <= limit && inSentence(base + skip, sentence) {
        if !wordFollows || accepts(Int(code[next * 3 + 1]), base + skip) { return skip }
        skip += 1
      }
      return nil
    }

    /// Whether position `p` was consumed by the last successful run.
    func took(_ p: Int) -> Bool {
      for k in 0..<consumedCount where consumed[k] == Int32(p) { return true }
      return false
    }

    var consumedPositions: [Int] { (0..<consumedCount).map { Int(consumed[$0]) } }
  }
}

extension PhraseProgram {
  /// Writes what matching reads (not the compiling state) for the compiled cache.
  func encode(into writer: inout ByteWriter) {
    writer.write(code)
    writer.write(entries)
    writer.write(choiceTable)
    writer.write(bits)
  }

  /// Reads it back, checking what the machine trusts, since it walks these through unchecked
  /// buffers: each phrase's instructions end with `end`, every branch goes forward within its
  /// phrase (so a match ends, and never needs more room than its phrase has instructions), and
  /// every choice points inside the bit sets. `longest` is worked out again, not read.
  init(decoding reader: inout ByteReader) throws {
    code = try reader.readArray(of: Int32.self)
    entries = try reader.readArray(of: Int32.self)
    choiceTable = try reader.readArray(of: Int32.self)
    bits = try reader.readArray(of: UInt64.self)
    let instructions = Int32(code.count / 3), choices = Int32(choiceTable.count / 5)
    guard code.count % 3 == 0, choiceTable.count % 5 == 0, entries.first ?? 0 == 0,
      zip(entries, entries.dropFirst()).allSatisfy({ $0 < $1 }), (entries.last ?? -1) < instructions,
      entries.isEmpty == (instructions == 0)
    else { throw ByteReader.Malformed() }
    for (p, start) in entries.enumerated() {
      let end = p + 1 < entries.count ? entries[p + 1] : instructions
      guard code[Int(end - 1) * 3] == Operation.end.rawValue else { throw ByteReader.Malformed() }
      longest = max(longest, Int(end - start))
      for i in start..<end {
        guard let operation = Operation(rawValue: code[Int(i) * 3]) else { throw ByteReader.Malformed() }
        let a = code[Int(i) * 3 + 1], b = code[Int(i) * 3 + 2]
        let ahead = { (target: Int32) in target > i && target < end }
        switch operation {
        case .word: guard a >= 0 && a < choices else { throw ByteReader.Malformed() }
        case .split: guard ahead(a) && ahead(b) else { throw ByteReader.Malformed() }
        case .jump: guard ahead(a) else { throw ByteReader.Malformed() }
        case .gap: guard (1...12).contains(a) else { throw ByteReader.Malformed() }
        case .end: guard i == end - 1 else { throw ByteReader.Malformed() }
        }
      }
    }
    for c in stride(from: 0, to: choiceTable.count, by: 5) {
      for (start, count) in [(choiceTable[c], choiceTable[c + 1]), (choiceTable[c + 2], choiceTable[c + 3])] {
        guard start >= 0, count >= 0, Int(start) + Int(count) <= bits.count else { throw ByteReader.Malformed() }
      }
    }
  }
}
