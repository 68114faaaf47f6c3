#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the fields of a log line that a report needs straight from its bytes, skipping the
/// rest (conversation state, evidence, rewrite reviews) without building it. A report over a
/// whole organisation reads a million lines a gigabyte; `JSONDecoder` made that several
/// hundred times slower than reading the files, and even a byte scanner that made strings of
/// what it kept spent most of its time allocating them.
///
/// Strict where it matters: a line that is not one well-formed JSON object, or whose fields
/// have the wrong types, gives nil, and the caller then asks `JSONDecoder` for the verdict.
struct ReportEventScanner {
  private let base: UnsafePointer<UInt8>
  private let end: Int
  private var i = 0

  /// The line's report fields; nil when the scanner cannot vouch for the line. Its reply refers
  /// to bytes of `line`.
  static func scan(_ line: UnsafeBufferPointer<UInt8>) -> ReportLine? {
    guard let base = line.baseAddress, !line.isEmpty else { return nil }
    var scanner = ReportEventScanner(base: base, end: line.count)
    return scanner.line()
  }

  /// The text of the raw bytes between a JSON string's quotes, escapes decoded; nil when they
  /// are not a valid JSON string's.
  static func decodeString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
    guard let base = raw.baseAddress, !raw.isEmpty else { return "" }
    var scanner = ReportEventScanner(base: base, end: raw.count)
    return scanner.decodedText(upTo: raw.count)
  }

  private init(base: UnsafePointer<UInt8>, end: Int) {
    self.base = base
    self.end = end
  }

  private mutating func line() -> ReportLine? {
    var schema: Int?, attempt: Int?, kind: LogEvent.Kind??, eventName: String?, day: CivilDate??
    var fields = ReportLine(schema: 0, kind: nil, eventName: "", attempt: 0)
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return nil }
    skipSpace()
    if !take(UInt8(ascii: "}")) {
      repeat {
        skipSpace()
        // Keys are compared as bytes; a key with escapes goes to the decoder instead.
        guard let key = string(), !key.escaped else { return nil }
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        switch Key(base + key.range.lowerBound, key.range.count) {
        case .schema: guard let v = integer() else { return nil }; schema = v
        case .attempt: guard let v = integer() else { return nil }; attempt = v
        case .event:
          guard let v = string() else { return nil }
          if v.escaped {
            guard let name = text(v) else { return nil }
            eventName = name
            kind = .some(LogEvent.Kind(rawValue: name))
          } else {
            let k = Self.kind(base + v.range.lowerBound, v.range.count)
            kind = .some(k)
            eventName = k?.rawValue ?? text(v)
          }
        case .at: guard let v = string() else { return nil }; day = .some(self.day(v))
        case .scenario: guard let v = optionalText() else { return nil }; fields.scenario = v
        case .mode: guard let v = optionalText() else { return nil }; fields.mode = v
        case .beat: guard let v = optionalText() else { return nil }; fields.beat = v
        case .reply:
          if takeLiteral("null") { fields.reply = nil; break }
          guard let v = string() else { return nil }
          fields.reply = .raw(v.range, escaped: v.escaped)
        case .turn: guard let v = optionalInteger() else { return nil }; fields.turn = v
        case .score: guard let v = optionalInteger() else { return nil }; fields.score = v
        case .retry: guard let v = optionalBool() else { return nil }; fields.retry = v
        case .verdicts: guard let v = verdicts() else { return nil }; fields.verdicts = v
        case nil: guard skipValue() else { return nil }
        }
        skipSpace()
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
    }
    skipSpace()
    guard i == end, let schema, let kind, let eventName, let attempt, let day else { return nil }
    fields.schema = schema
    fields.kind = kind
    fields.eventName = eventName
    fields.attempt = attempt
    fields.day = day
    return fields
  }

  /// The keys a report reads, told apart by length and then by their bytes.
  private enum Key {
    case schema, event, attempt, at, scenario, mode, beat, reply, turn, score, retry, verdicts

    init?(_ p: UnsafePointer<UInt8>, _ count: Int) {
      switch count {
      case 2: if spells(p, count, "at") { self = .at; return }
      case 4:
        if spells(p, count, "beat") { self = .beat; return }
        if spells(p, count, "turn") { self = .turn; return }
        if spells(p, count, "mode") { self = .mode; return }
      case 5:
        if spells(p, count, "score") { self = .score; return }
        if spells(p, count, "reply") { self = .reply; return }
        if spells(p, count, "event") { self = .event; return }
        if spells(p, count, "retry") { self = .retry; return }
      case 6: if spells(p, count, "schema") { self = .schema; return }
      case 7: if spells(p, count, "attempt") { self = .attempt; return }
      case 8:
        if spells(p, count, "verdicts") { self = .verdicts; return }
        if spells(p, count, "scenario") { self = .scenario; return }
      default: break
      }
      return nil
    }
  }

  private static func kind(_ p: UnsafePointer<UInt8>, _ count: Int) -> LogEvent.Kind? {
    switch count {
    case 11: return spells(p, count, "turn-scored") ? .turnScored : nil
    case 12: return spells(p, count, "turn-skipped") ? .turnSkipped : nil
    case 15: return spells(p, count, "attempt-started") ? .attemptStarted : nil
    case 16: return spells(p, count, "attempt-finished") ? .attemptFinished : nil
    case 17: return spells(p, count, "attempt-abandoned") ? .attemptAbandoned : nil
    default: return nil
    }
  }

  // MARK: - Values

  /// A JSON string: the range of the bytes between its quotes and whether they hold escapes,
  /// every escape checked.
  private typealias StringBytes = (range: Range<Int>, escaped: Bool)

  @inline(__always)
  private mutating func string() -> StringBytes? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    var escaped = false
    while true {
      skipPlainBytes()
      guard i < end else { return nil }
      let c = base[i]
      i += 1
      switch c {
      case UInt8(ascii: "\""): return (start..<(i - 1), escaped)
      case UInt8(ascii: "\\"):
        guard escape() != nil else { return nil }
        escaped = true
      default: return nil  // a control character
      }
    }
  }

  /// Moves past bytes that need no attention inside a string (anything but a quote, a
  /// backslash or a control character), eight at a time while it can.
  @inline(__always)
  private mutating func skipPlainBytes() {
    while i + 8 <= end {
      let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      let special = Self.zeroBytes(word ^ 0x2222_2222_2222_2222) | Self.zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
        | (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
      if special != 0 {
        // The lowest flagged byte is always a real one: a false flag needs a borrow from below.
        i += special.trailingZeroBitCount / 8
        return
      }
      i += 8
    }
    while i < end {
      let c = base[i]
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return }
      i += 1
    }
  }

  /// The high bit of every zero byte of `word` (and perhaps of bytes above one).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  private func text(_ s: StringBytes) -> String? {
    let bytes = UnsafeBufferPointer(start: base + s.range.lowerBound, count: s.range.count)
    return s.escaped ? Self.decodeString(bytes) : String(decoding: bytes, as: UTF8.self)
  }

  private mutating func optionalText() -> String?? {
    if takeLiteral("null") { return .some(nil) }
    guard let s = string(), let value = text(s) else { return nil }
    return .some(value)
  }

  /// The day a timestamp falls on, read from its first ten bytes when they are plain ASCII
  /// (as `CivilDate(timestamp:)` reads the first ten characters of the decoded text).
  private func day(_ s: StringBytes) -> CivilDate? {
    let count = s.range.count
    if !s.escaped, count >= 10, count == 10 || base[s.range.lowerBound + 10] < 0x80 {
      return CivilDate(bytes: UnsafeBufferPointer(start: base + s.range.lowerBound, count: 10))
    }
    return text(s).flatMap { CivilDate(timestamp: $0) }
  }

  private mutating func verdicts() -> TurnVerdicts?? {
    if takeLiteral("null") { return .some(nil) }
    guard take(UInt8(ascii: "{")) else { return nil }
    var result = TurnVerdicts()
    skipSpace()
    if take(UInt8(ascii: "}")) { return result }
    let keys = SortedVerdictKeys.shared
    var expected = 0
    repeat {
      // amends writes keys in sorted order without spaces: try the next one it would write.
      if let (index, verdict, length) = keys.match(base + i, end - i, expected: expected) {
        result[index] = verdict
        i += length
        expected = keys.position(ofPrinciple: index) + 1
        skipSpace()
        continue
      }
      skipSpace()
      // Keys and values are plain ASCII words; anything escaped goes to the decoder instead.
      guard let key = string(), !key.escaped else { return nil }
      skipSpace()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      guard let value = string(), !value.escaped,
        let verdict = Self.verdict(base + value.range.lowerBound, value.range.count)
      else { return nil }
      if let index = PrincipleKeys.index(base + key.range.lowerBound, key.range.count) {
        result[index] = verdict
        expected = keys.position(ofPrinciple: index) + 1
      }
      skipSpace()
    } while take(UInt8(ascii: ","))
    guard take(UInt8(ascii: "}")) else { return nil }
    return result
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

  private mutating func optionalInteger() -> Int?? {
    if takeLiteral("null") { return .some(nil) }
    return integer().map { .some($0) }
  }

  private mutating func optionalBool() -> Bool?? {
    if takeLiteral("null") { return .some(nil) }
    if takeLiteral("true") { return .some(true) }
    if takeLiteral("false") { return .some(false) }
    return nil
  }

  /// An integer as JSONDecoder reads into `Int`: optional minus, digits, no fraction.
  private mutating func integer() -> Int? {
    var negative = false
    if take(UInt8(ascii: "-")) { negative = true }
    var value = 0
    let start = i
    while i < end, base[i] &- 0x30 < 10 {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int(base[i] - 0x30))
      if o1 || o2 { return nil }
      value = sum
      i += 1
    }
    guard i > start else { return nil }
    if i < end, base[i] == UInt8(ascii: ".") || base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") { return nil }
    return negative ? -value : value
  }

  /// Decodes string bytes from here up to `stop` (the raw contents of one JSON string).
  private mutating func decodedText(upTo stop: Int) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(stop - i)
    while i < stop {
      let c = base[i]
      i += 1
      switch c {
      case UInt8(ascii: "\\"):
        guard let scalar = escape() else { return nil }
        out.append(contentsOf: String(Character(scalar)).utf8)
      case UInt8(ascii: "\""): return nil
      default:
        if c < 0x20 { return nil }
        out.append(c)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The character an escape stands for, read after its backslash; nil when it is not one JSON
  /// allows (a lone surrogate included).
  private mutating func escape() -> Unicode.Scalar? {
    guard i < end else { return nil }
    let e = base[i]
    i += 1
    switch e {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(e)
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      guard var code = hex4() else { return nil }
      if (0xD800...0xDBFF).contains(code) {
        guard takeLiteral("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      return Unicode.Scalar(code)
    default: return nil
    }
  }

  private mutating func hex4() -> UInt32? {
    guard i + 4 <= end else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let c = base[i]
      let digit: UInt32
      switch c {
      case 0x30...0x39: digit = UInt32(c - 0x30)
      case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
      default: return nil
      }
      value = value * 16 + digit
      i += 1
    }
    return value
  }

  /// Skips any JSON value, checking its syntax.
  private mutating func skipValue(depth: Int = 0) -> Bool {
    guard depth < 64, i < end else { return false }
    let c = base[i]
    switch c {
    case UInt8(ascii: "\""): return string() != nil
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
      i += 1
      skipSpace()
      if take(close) { return true }
      repeat {
        skipSpace()
        if close == UInt8(ascii: "}") {
          guard string() != nil else { return false }
          skipSpace()
          guard take(UInt8(ascii: ":")) else { return false }
          skipSpace()
        }
        guard skipValue(depth: depth + 1) else { return false }
        skipSpace()
      } while take(UInt8(ascii: ","))
      return take(close)
    case UInt8(ascii: "t"): return takeLiteral("true")
    case UInt8(ascii: "f"): return takeLiteral("false")
    case UInt8(ascii: "n"): return takeLiteral("null")
    default:
      // A number: sign, digits, fraction, exponent.
      let start = i
      var digits = false
      if take(UInt8(ascii: "-")) {}
      while i < end {
        let d = base[i]
        if d &- 0x30 < 10 {
          digits = true
        } else if d != UInt8(ascii: ".") && d != UInt8(ascii: "e") && d != UInt8(ascii: "E") && d != UInt8(ascii: "+") && d != UInt8(ascii: "-") {
          break
        }
        i += 1
      }
      return i > start && digits
    }
  }

  // MARK: - Bytes

  @inline(__always)
  private mutating func take(_ byte: UInt8) -> Bool {
    guard i < end, base[i] == byte else { return false }
    i += 1
    return true
  }

  private mutating func takeLiteral(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard i + count <= end, spells(base + i, count, literal) else { return false }
    i += count
    return true
  }

  @inline(__always)
  private mutating func skipSpace() {
    while i < end, base[i] == 0x20 || base[i] == 0x09 || base[i] == 0x0A || base[i] == 0x0D { i += 1 }
  }

}

/// Whether the `count` bytes at `p` spell `word`.
private func spells(_ p: UnsafePointer<UInt8>, _ count: Int, _ word: StaticString) -> Bool {
  count == word.utf8CodeUnitCount && memcmp(p, word.utf8Start, count) == 0
}

/// Principle ids as bytes, found by a small hash of their length and first and last bytes, so
/// that a verdict's key is placed without making a string of it.
private enum PrincipleKeys {
  private static let ids: [[UInt8]] = Rubric.principleIds.map { Array($0.utf8) }
  private static let bucketCount = 64
  private static let perBucket = 4
  /// `perBucket` slots per bucket: an index into `ids`, or -1.
  private static let buckets: [Int] = {
    var table = [Int](repeating: -1, count: bucketCount * perBucket)
    for (index, id) in ids.enumerated() {
      let first = bucket(id.count, id[0], id[id.count - 1]) * perBucket
      let free = (first..<(first + perBucket)).first { table[$0] < 0 }
      precondition(free != nil, "too many principle ids share a hash bucket")
      table[free!] = index
    }
    return table
  }()

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
      if id.count == count, id.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, count) }) == 0 { return index }
    }
    return nil
  }
}

/// Whether the `count` bytes at `a` and at `b` are the same, compared eight at a time.
@inline(__always)
private func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
  func word(_ p: UnsafePointer<UInt8>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
  guard count >= 8 else {
    for k in 0..<count where a[k] != b[k] { return false }
    return true
  }
  var k = 0
  while k + 8 < count {
    if word(a + k) != word(b + k) { return false }
    k += 8
  }
  return word(a + count - 8) == word(b + count - 8)
}

/// The verdicts object's pairs as amends writes them, `"apology":"met"`, in its sorted key
/// order, so that a well-formed line's verdicts are read with a comparison or two per pair and
/// anything else (spaces, other orders, unknown ids) goes the general way.
private final class SortedVerdictKeys: @unchecked Sendable {
  static let shared = SortedVerdictKeys()

  /// `"id":"` for each principle in sorted order, one after another.
  private let patterns: UnsafeMutablePointer<UInt8>
  private let starts: [Int]
  private let lengths: [Int]
  /// For each sorted position the principle's index in `Rubric.principleIds`, and back.
  private let principles: [Int]
  private let positions: [Int]

  private init() {
    let order = Rubric.principleIds.indices.sorted { Rubric.principleIds[$0] < Rubric.principleIds[$1] }
    let bytes = order.map { Array("\"\(Rubric.principleIds[$0])\":\"".utf8) }
    patterns = .allocate(capacity: bytes.reduce(0) { $0 + $1.count })
    var starts: [Int] = [], offset = 0
    for pattern in bytes {
      starts.append(offset)
      (patterns + offset).initialize(from: pattern, count: pattern.count)
      offset += pattern.count
    }
    self.starts = starts
    lengths = bytes.map(\.count)
    principles = order
    var positions = [Int](repeating: 0, count: order.count)
    for (position, principle) in order.enumerated() { positions[principle] = position }
    self.positions = positions
  }

  func position(ofPrinciple index: Int) -> Int { positions[index] }

  /// The pair at `p` (with `available` bytes left) when it is the key at sorted position
  /// `expected` with a verdict and its closing quote: the principle's index, the verdict and
  /// the pair's length.
  @inline(__always)
  func match(_ p: UnsafePointer<UInt8>, _ available: Int, expected: Int) -> (Int, Verdict, Int)? {
    guard expected < starts.count else { return nil }
    let length = lengths[expected]
    // The shortest verdict and its quote take four bytes.
    guard available >= length + 4, sameBytes(p, patterns + starts[expected], length) else { return nil }
    let value = p + length
    let rest = available - length
    let verdict: Verdict, count: Int
    switch value[0] {
    case UInt8(ascii: "m") where value[1] == UInt8(ascii: "e"): (verdict, count) = (.met, 4)
    case UInt8(ascii: "m"): (verdict, count) = (.missed, 7)
    case UInt8(ascii: "a"): (verdict, count) = (.avoided, 8)
    case UInt8(ascii: "v"): (verdict, count) = (.violated, 9)
    case UInt8(ascii: "n"): (verdict, count) = (.notApplicable, 15)
    default: return nil
    }
    guard rest >= count, sameBytes(value, spelling(verdict), count) else { return nil }
    return (principles[expected], verdict, length + count)
  }

  /// Each verdict's spelling followed by its closing quote.
  private func spelling(_ verdict: Verdict) -> UnsafePointer<UInt8> {
    switch verdict {
    case .met: return spellings
    case .missed: return spellings + 4
    case .avoided: return spellings + 11
    case .violated: return spellings + 19
    case .notApplicable: return spellings + 28
    }
  }

  private let spellings: UnsafePointer<UInt8> = {
    let bytes = Array("met\"missed\"avoided\"violated\"not-applicable\"".utf8)
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
    storage.initialize(from: bytes, count: bytes.count)
    return UnsafePointer(storage)
  }()
}
