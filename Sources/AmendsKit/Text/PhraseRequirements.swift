/// The words a reply must contain for a phrase to have any chance, worked out when the phrase
/// is compiled: every required slot of words and stems (`sorry`, `i|we`, `refund*`) needs one
/// of them, and every required group (`(flat out|run ragged)`) needs all the required words of
/// one alternative.
/// Most phrases of a rubric fail this test on most replies, and are never run. Those that pass
/// are tried only in sentences whose signature (`SentenceSignature`) may hold the words of their
/// required slots.
///
/// Both tests are flat lists of numbers, read in the matcher's inner loop through raw buffers:
///
///     requirements   per phrase: clauses, then per clause: options, then per option:
///                    slots, then per slot: ids, then the ids (a stem id s as -1 - s)
///     sentence tests per phrase: tests, then per test: bits, then the bits (one per id of a
///                    slot of a clause with a single option)
struct PhraseRequirements: Sendable {
  /// Where each phrase's requirements and sentence tests start.
  private var requirementStart: [Int32] = []
  private var requirements: [Int32] = []
  private var testStart: [Int32] = []
  private var tests: [UInt16] = []

  init(_ phrases: [Phrase]) {
    for phrase in phrases {
      // Each clause: its options; each option: its slots' ids.
      var clauses: [[[[Int32]]]] = []
      for slot in phrase.slots {
        switch slot {
        case .one(let choice, false) where choice.isIndexed:
          clauses.append([[PhraseRequirements.ids(of: choice)]])
        case .group(let alternatives, false):
          let options = alternatives.map { alternative in
            alternative.compactMap { slot -> [Int32]? in
              if case .one(let choice, false) = slot, choice.isIndexed { return PhraseRequirements.ids(of: choice) }
              return nil
            }
          }
          // An alternative that needs no particular word makes the whole group possible anywhere.
          if options.allSatisfy({ !$0.isEmpty }) { clauses.append(options) }
        default:
          continue
        }
      }
      requirementStart.append(Int32(requirements.count))
      requirements.append(Int32(clauses.count))
      for options in clauses {
        requirements.append(Int32(options.count))
        for slots in options {
          requirements.append(Int32(slots.count))
          for ids in slots {
            requirements.append(Int32(ids.count))
            requirements += ids
          }
        }
      }
      testStart.append(Int32(tests.count))
      let single = clauses.filter { $0.count == 1 }.flatMap { $0[0] }
      tests.append(UInt16(single.count))
      for ids in single {
        tests.append(UInt16(ids.count))
        tests += ids.map { $0 >= 0 ? SentenceSignature.bit(word: $0) : SentenceSignature.bit(stem: -1 - $0) }
      }
    }
  }

  private static func ids(of choice: WordChoice) -> [Int32] { choice.wordIDs + choice.stemIDs.map { -1 - $0 } }

  /// Runs `body` with the requirements as raw buffers over `text`.
  func withChecker<R>(over text: AnalyzedText, _ body: (Checker) -> R) -> R {
    requirementStart.withUnsafeBufferPointer { requirementStart in
      requirements.withUnsafeBufferPointer { requirements in
        testStart.withUnsafeBufferPointer { testStart in
          tests.withUnsafeBufferPointer { tests in
            text.firstPosition.withUnsafeBufferPointer { firstPosition in
              text.firstStemEntry.withUnsafeBufferPointer { firstStemEntry in
                text.sentenceSignatures.withUnsafeBufferPointer { signatures in
                  body(
                    Checker(
                      requirementStart: requirementStart, requirements: requirements, testStart: testStart,
                      tests: tests, firstPosition: firstPosition, firstStemEntry: firstStemEntry,
                      signatures: signatures))
                }
              }
            }
          }
        }
      }
    }
  }

  /// The requirements over one text, valid inside `withChecker`.
  struct Checker {
    let requirementStart: UnsafeBufferPointer<Int32>
    let requirements: UnsafeBufferPointer<Int32>
    let testStart: UnsafeBufferPointer<Int32>
    let tests: UnsafeBufferPointer<UInt16>
    /// `AnalyzedText.firstPosition`, `firstStemEntry` and `sentenceSignatures`.
    let firstPosition: UnsafeBufferPointer<Int32>
    let firstStemEntry: UnsafeBufferPointer<Int32>
    let signatures: UnsafeBufferPointer<UInt64>

    @inline(__always)
    private func contains(_ id: Int32) -> Bool {
      if id >= 0 { return Int(id) < firstPosition.count && firstPosition[Int(id)] >= 0 }
      let stem = Int(-1 - id)
      return stem < firstStemEntry.count && firstStemEntry[stem] >= 0
    }

    /// Whether the text has the words phrase `p` needs.
    func allows(_ p: Int) -> Bool {
      var at = Int(requirementStart[p])
      let clauses = requirements[at]
      at += 1
      for _ in 0..<clauses {
        let options = requirements[at]
        at += 1
        var satisfied = false
        for _ in 0..<options {
          let slots = requirements[at]
          at += 1
          var optionHolds = true
          for _ in 0..<slots {
            let count = Int(requirements[at])
            at += 1
            if optionHolds {
              var present = false
              for k in at..<(at + count) where contains(requirements[k]) {
                present = true
                break
              }
              optionHolds = present
            }
            at += count
          }
          if optionHolds { satisfied = true }
        }
        if !satisfied { return false }
      }
      return true
    }

    /// Whether sentence `sentence` may hold the words phrase `p` needs: false means it certainly
    /// does not (a signature bit stands for many ids, so true is only a maybe).
    @inline(__always)
    func mayMatch(_ p: Int, inSentence sentence: Int) -> Bool {
      let signature = sentence * SentenceSignature.words
      var at = Int(testStart[p])
      var remaining = tests[at]
      at += 1
      while remaining > 0 {
        let count = Int(tests[at])
        var found = false
        for k in (at + 1)..<(at + 1 + count) {
          let bit = Int(tests[k])
          if signatures[signature + bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
            found = true
            break
          }
        }
        if !found { return false }
        at += 1 + count
        remaining -= 1
      }
      return true
    }
  }
}

/// A sentence's words, folded into `words` × 64 bits: each word id and stem id sets one bit.
enum SentenceSignature {
  static let words = 4

  static func bit(word id: Int32) -> UInt16 {
    UInt16(truncatingIfNeeded: (UInt32(bitPattern: id) &* 0x9E37_79B1) >> 24)
  }

  static func bit(stem id: Int32) -> UInt16 {
    UInt16(truncatingIfNeeded: ((UInt32(bitPattern: id) &+ 0x5BD1_E995) &* 0x85EB_CA6B) >> 24)
  }

  @inline(__always)
  static func set(_ bit: UInt16, in signatures: UnsafeMutableBufferPointer<UInt64>, at base: Int) {
    signatures[base + Int(bit) >> 6] |= 1 << UInt64(bit & 63)
  }
}

extension PhraseRequirements {
  /// Writes the requirements for the compiled cache.
  func encode(into writer: inout ByteWriter) {
    writer.write(requirementStart)
    writer.write(requirements)
    writer.write(testStart)
    writer.write(tests)
  }

  /// Reads them back for `phrases` phrases, walking every phrase's lists as the checker will:
  /// it reads them through unchecked buffers, trusting each count.
  init(decoding reader: inout ByteReader, phrases: Int) throws {
    requirementStart = try reader.readArray(of: Int32.self)
    requirements = try reader.readArray(of: Int32.self)
    testStart = try reader.readArray(of: Int32.self)
    tests = try reader.readArray(of: UInt16.self)
    guard requirementStart.count == phrases, testStart.count == phrases else { throw ByteReader.Malformed() }
    func count(_ list: [Int32], at: inout Int) throws -> Int {
      guard at >= 0, at < list.count, list[at] >= 0 else { throw ByteReader.Malformed() }
      defer { at += 1 }
      return Int(list[at])
    }
    for start in requirementStart {
      var at = Int(start)
      for _ in 0..<(try count(requirements, at: &at)) {
        for _ in 0..<(try count(requirements, at: &at)) {
          for _ in 0..<(try count(requirements, at: &at)) {
            at += try count(requirements, at: &at)
            guard at <= requirements.count else { throw ByteReader.Malformed() }
          }
        }
      }
    }
    let bits = SentenceSignature.words * 64
    for start in testStart {
      var at = Int(start)
      guard at >= 0, at < tests.count else { throw ByteReader.Malformed() }
      var remaining = tests[at]
      at += 1
      while remaining > 0 {
        guard at < tests.count else { throw ByteReader.Malformed() }
        let count = Int(tests[at])
        guard at + 1 + count <= tests.count, tests[(at + 1)..<(at + 1 + count)].allSatisfy({ Int($0) < bits }) else {
          throw ByteReader.Malformed()
        }
        at += 1 + count
        remaining -= 1
      }
    }
  }

}
