/// Reads a turn's `verdicts` object, `{"acknowledge":"met",…}`, into `TurnVerdicts`. Nineteen
/// pairs a turn make it the busiest part of a log line, so the pairs amends writes (its sorted
/// key order, no spaces) are each taken with two comparisons; anything else (spaces, another
/// order, an id this rubric does not know) is read pair by pair the general way.
extension TurnVerdicts {
  /// Why the report's packed verdicts cannot hold these principle ids, or nil when they can:
  /// checked once when the rubric loads, so the report never meets a rubric it cannot hold.
  static func limitProblem(for ids: [String]) -> String? {
    if ids.count > capacity {
      return
        "the rubric has \(ids.count) principles; the report's packed verdicts hold at most \(capacity) (TurnVerdicts.capacity)"
    }
    if PrincipleKeys.table(for: ids.map { Array($0.utf8) }) == nil {
      return
        "more than \(PrincipleKeys.perBucket) principle ids share a bucket of the report's verdict reader (PrincipleKeys)"
    }
    return nil
  }
}

extension JSONCursor {
  mutating func verdicts() -> TurnVerdicts?? {
    if takeLiteral("null") { return .some(nil) }
    guard take(UInt8(ascii: "{")) else { return nil }
    var result = TurnVerdicts()
    skipSpace()
    if take(UInt8(ascii: "}")) { return result }
    let keys = SortedVerdictKeys.shared
    var expected = 0
    // A repeated key keeps its first verdict, as JSONDecoder's dictionaries do; the decoder
    // never decodes a repeat, so its value need only be JSON.
    var unknownKeys: [Range<Int>] = []
    repeat {
      if let pair = keys.match(base + i, end - i, expected: expected) {
        if result[pair.principle] == nil { result.set(pair.principle, code: pair.code) }
        i &+= pair.length
        expected = keys.positionAfter(principle: pair.principle)
        skipSpace()
        continue
      }
      skipSpace()
      // Keys and values are plain ASCII words; anything escaped goes to the decoder instead.
      guard let key = string(), !key.escaped, isValidUTF8(key) else { return nil }
      skipSpace()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      let index = PrincipleKeys.index(base + key.range.lowerBound, key.range.count)
      let repeated = index.map { result[$0] != nil } ?? unknownKeys.contains { sameKey($0, key.range) }
      if repeated {
        guard skipValue() else { return nil }
      } else {
        guard let value = string(), !value.escaped,
          let verdict = Self.verdict(base + value.range.lowerBound, value.range.count)
        else { return nil }
        if let index {
          result[index] = verdict
          expected = keys.positionAfter(principle: index)
        } else {
          unknownKeys.append(key.range)
        }
      }
      skipSpace()
    } while take(UInt8(ascii: ","))
    guard take(UInt8(ascii: "}")) else { return nil }
    return result
  }

  private func sameKey(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
    a.count == b.count && sameBytes(base + a.lowerBound, base + b.lowerBound, a.count)
  }

  private static func verdict(_ p: UnsafePointer<UInt8>, _ count: Int) -> Verdict? {
    switch count {
    case 3: return spells(p, count, "met") ? .met : nil
    case 6: return spells(p, count, "missed") ? .missed : nil
    case 7: return spells(p, count, "avoided") ? .avoided : nil
    case 8: return spells(p, count, "violated") ? .violated : nil
    case 14: return spells(p, count, "not-applicable") ? .notApplicable : nil
    default: return nil
    }
  }
}

/// The verdicts object's pairs as amends writes them, `"apology":"met"`, in its sorted key
/// order. Kept in raw memory for the life of the process: the lookups on this path are the
/// report's hottest, and array bounds checks and class indirections showed in its profile.
/// Unchecked Sendable: the raw memory is written once, in `init`, and only read after.
private final class SortedVerdictKeys: @unchecked Sendable {
  static let shared = SortedVerdictKeys()

  private struct Entry {
    /// `"id":"`, and its length.
    var pattern: UnsafePointer<UInt8>
    var length: Int
    /// The principle's index in `Rubric.principleIds`.
    var principle: Int
  }

  private let entries: UnsafeMutablePointer<Entry>
  private let count: Int
  /// For each principle index, the sorted position that follows its own.
  private let following: UnsafeMutablePointer<Int>
  /// Each verdict's spelling followed by its closing quote, one after another.
  private let spellings: UnsafePointer<UInt8>

  private init() {
    // `TurnVerdicts.limitProblem` refused, at rubric load, any rubric that does not fit.
    precondition(
      Rubric.principleIds.count <= TurnVerdicts.capacity,
      "TurnVerdicts packs at most \(TurnVerdicts.capacity) principles")
    let order = Rubric.principleIds.indices.sorted { Rubric.principleIds[$0] < Rubric.principleIds[$1] }
    count = order.count
    entries = .allocate(capacity: count)
    following = .allocate(capacity: count)
    for (position, principle) in order.enumerated() {
      let pattern = Array("\"\(Rubric.principleIds[principle])\":\"".utf8)
      (entries + position).initialize(
        to: Entry(pattern: permanentBytes(pattern), length: pattern.count, principle: principle))
      (following + principle).initialize(to: position + 1)
    }
    spellings = permanentBytes(Array("met\"missed\"avoided\"violated\"not-applicable\"".utf8))
  }

  @inline(__always)
  func positionAfter(principle: Int) -> Int { following[principle] }

  /// The pair at `p` (with `available` bytes left) when it is the key at sorted position
  /// `expected` with a verdict and its closing quote: the principle's index, the verdict's
  /// code in `TurnVerdicts` and the pair's length.
  @inline(__always)
  func match(_ p: UnsafePointer<UInt8>, _ available: Int, expected: Int) -> (principle: Int, code: UInt64, length: Int)?
  {
    guard expected < count else { return nil }
    let entry = entries[expected]
    // The shortest verdict and its quote take four bytes.
    guard available >= entry.length + 4, sameBytes(p, entry.pattern, entry.length) else { return nil }
    let value = p + entry.length
    let code: UInt64, spelling: Int, length: Int
    switch value[0] {
    case UInt8(ascii: "m") where value[1] == UInt8(ascii: "e"):
      (code, spelling, length) = (TurnVerdicts.code(.met), 0, 4)
    case UInt8(ascii: "m"): (code, spelling, length) = (TurnVerdicts.code(.missed), 4, 7)
    case UInt8(ascii: "a"): (code, spelling, length) = (TurnVerdicts.code(.avoided), 11, 8)
    case UInt8(ascii: "v"): (code, spelling, length) = (TurnVerdicts.code(.violated), 19, 9)
    case UInt8(ascii: "n"): (code, spelling, length) = (TurnVerdicts.code(.notApplicable), 28, 15)
    default: return nil
    }
    guard available - entry.length >= length, sameBytes(value, spellings + spelling, length) else { return nil }
    return (entry.principle, code, entry.length + length)
  }
}

/// Principle ids as bytes, found by a small hash of their length and first and last bytes, so
/// that a verdict's key is placed without making a string of it (the general path).
private enum PrincipleKeys {
  private static let ids: [[UInt8]] = Rubric.principleIds.map { Array($0.utf8) }
  private static let bucketCount = 64
  static let perBucket = 4
  /// `perBucket` slots per bucket: an index into `ids`, or -1.
  private static let buckets: [Int] = table(for: ids)!  // fits: checked at rubric load (`TurnVerdicts.limitProblem`)

  /// The table for these ids, or nil when more than `perBucket` of them share a bucket.
  static func table(for ids: [[UInt8]]) -> [Int]? {
    var table = [Int](repeating: -1, count: bucketCount * perBucket)
    for (index, id) in ids.enumerated() where !id.isEmpty {
      let first = bucket(id.count, id[0], id[id.count - 1]) * perBucket
      guard let free = (first..<(first + perBucket)).first(where: { table[$0] < 0 }) else { return nil }
      table[free] = index
    }
    return table
  }

  private static func bucket(_ count: Int, _ first: UInt8, _ last: UInt8) -> Int {
    (count &* 31 &+ Int(first) &* 7 &+ Int(last)) & (bucketCount - 1)
  }

  static func index(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    guard count > 0 else { return nil }
    let first = bucket(count, p[0], p[count - 1]) * perBucket
    for slot in first..<(first + perBucket) {
      let index = buckets[slot]
      if index < 0 { return nil }
      let id = ids[index]
      if id.count == count, id.withUnsafeBufferPointer({ sameBytes($0.baseAddress!, p, count) }) { return index }
    }
    return nil
  }
}
