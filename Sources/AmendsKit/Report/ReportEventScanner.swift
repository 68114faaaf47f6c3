/// Reads the fields of a log line that a report needs straight from its bytes, skipping the
/// rest (conversation state, evidence, rewrite reviews) without building it. A report over a
/// whole organisation reads millions of lines; Foundation's `JSONDecoder` made that several
/// hundred times slower than reading the files.
///
/// Strict where it matters: a line that is not one well-formed JSON object, or whose fields
/// have the wrong types, gives nil, and the caller then asks `JSONDecoder` for the verdict.
struct ReportEventScanner {
  private let bytes: ArraySlice<UInt8>
  private var i: Int

  static func scan(_ line: [UInt8]) -> ReportEvent? { scan(line[...]) }

  static func scan(_ line: ArraySlice<UInt8>) -> ReportEvent? {
    var scanner = ReportEventScanner(bytes: line)
    return scanner.event()
  }

  private init(bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    i = bytes.startIndex
  }

  private mutating func event() -> ReportEvent? {
    var schema: Int?, kind: String?, attempt: Int?, at: String?
    var event = ReportEvent(schema: 0, event: "", attempt: 0, at: "")
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return nil }
    skipSpace()
    if !take(UInt8(ascii: "}")) {
      repeat {
        skipSpace()
        // Keys are compared as bytes; a key with escapes goes to the decoder instead.
        guard let keyRange = plainString() else { return nil }
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        switch knownKey(keyRange) {
        case .schema: guard let v = integer() else { return nil }; schema = v
        case .event: guard let v = string() else { return nil }; kind = v
        case .attempt: guard let v = integer() else { return nil }; attempt = v
        case .at: guard let v = string() else { return nil }; at = v
        case .scenario: guard let v = optionalString() else { return nil }; event.scenario = v
        case .mode: guard let v = optionalString() else { return nil }; event.mode = v
        case .beat: guard let v = optionalString() else { return nil }; event.beat = v
        case .reply: guard let v = optionalString() else { return nil }; event.reply = v
        case .turn: guard let v = optionalInteger() else { return nil }; event.turn = v
        case .score: guard let v = optionalInteger() else { return nil }; event.score = v
        case .retry: guard let v = optionalBool() else { return nil }; event.retry = v
        case .verdicts: guard let v = verdicts() else { return nil }; event.verdicts = v
        case nil: guard skipValue() else { return nil }
        }
        skipSpace()
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
    }
    skipSpace()
    guard i == bytes.endIndex, let schema, let kind, let attempt, let at else { return nil }
    event.schema = schema
    event.event = kind
    event.attempt = attempt
    event.at = at
    return event
  }

  /// The keys a report reads.
  private enum Key: String, CaseIterable {
    case schema, event, attempt, at, scenario, mode, beat, reply, turn, score, retry, verdicts
  }

  private static let keys: [(bytes: [UInt8], key: Key)] = Key.allCases.map { (Array($0.rawValue.utf8), $0) }

  /// The key spelt by the bytes in `range` when the report reads it; nil for any other (skipped).
  private func knownKey(_ range: Range<Int>) -> Key? {
    Self.keys.first { spells(range, $0.bytes) }?.key
  }

  // MARK: - Values

  private mutating func verdicts() -> TurnVerdicts?? {
    if takeLiteral("null") { return .some(nil) }
    guard take(UInt8(ascii: "{")) else { return nil }
    var result = TurnVerdicts()
    skipSpace()
    if take(UInt8(ascii: "}")) { return result }
    repeat {
      skipSpace()
      // Keys and values are plain ASCII words; anything escaped goes to the decoder instead.
      guard let key = plainString() else { return nil }
      skipSpace()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      guard let raw = plainString(), let verdict = verdict(raw) else { return nil }
      if let index = principleIndex(key) { result.slots[index] = verdict }
      skipSpace()
    } while take(UInt8(ascii: ","))
    guard take(UInt8(ascii: "}")) else { return nil }
    return result
  }

  /// A string without escapes, as the range of its bytes; nil for anything else.
  private mutating func plainString() -> Range<Int>? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    while let c = peek, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\"), c >= 0x20 { i += 1 }
    guard peek == UInt8(ascii: "\"") else { return nil }
    i += 1
    return start..<(i - 1)
  }

  /// Whether the bytes in `range` spell `word`.
  private func spells(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
    guard range.count == word.count else { return false }
    var k = 0
    for j in range {
      if bytes[j] != word[k] { return false }
      k += 1
    }
    return true
  }

  private func principleIndex(_ range: Range<Int>) -> Int? {
    TurnVerdicts.idBytes.firstIndex { spells(range, $0) }
  }

  private static let verdictBytes: [(bytes: [UInt8], verdict: Verdict)] = [Verdict.met, .missed, .violated, .avoided, .notApplicable].map {
    (Array($0.rawValue.utf8), $0)
  }

  private func verdict(_ range: Range<Int>) -> Verdict? {
    Self.verdictBytes.first { spells(range, $0.bytes) }?.verdict
  }

  private mutating func optionalString() -> String?? {
    if takeLiteral("null") { return .some(nil) }
    return string().map { .some($0) }
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
    if peek == UInt8(ascii: "-") { negative = true; i += 1 }
    var value = 0
    let start = i
    while let c = peek, c >= 0x30, c <= 0x39 {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int(c - 0x30))
      if o1 || o2 { return nil }
      value = sum
      i += 1
    }
    guard i > start else { return nil }
    if let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { return nil }
    return negative ? -value : value
  }

  /// A JSON string, escapes decoded.
  private mutating func string() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    // Fast path: no escapes.
    while let c = peek, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
      if c < 0x20 { return nil }
      i += 1
    }
    guard let stop = peek else { return nil }
    if stop == UInt8(ascii: "\"") {
      i += 1
      return String(decoding: bytes[start..<(i - 1)], as: UTF8.self)
    }
    var out = Array(bytes[start..<i])
    while let c = peek {
      i += 1
      switch c {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard let scalar = escape() else { return nil }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default:
        if c < 0x20 { return nil }
        out.append(c)
      }
    }
    return nil
  }

  /// Steps over a JSON string, checking it as `string()` would, without building it.
  private mutating func skipString() -> Bool {
    guard take(UInt8(ascii: "\"")) else { return false }
    while let c = peek {
      i += 1
      switch c {
      case UInt8(ascii: "\""): return true
      case UInt8(ascii: "\\"): guard escape() != nil else { return false }
      default: if c < 0x20 { return false }
      }
    }
    return false
  }

  /// The character an escape stands for, read after its backslash; nil when it is not one JSON
  /// allows (a lone surrogate included). Shared by `string()` and `skipString()`.
  private mutating func escape() -> Unicode.Scalar? {
    guard let e = peek else { return nil }
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
    guard i + 4 <= bytes.endIndex else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
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
    guard depth < 64, let c = peek else { return false }
    switch c {
    case UInt8(ascii: "\""): return skipString()
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
      if peek == UInt8(ascii: "-") { i += 1 }
      while let d = peek, (d >= 0x30 && d <= 0x39) || d == UInt8(ascii: ".") || d == UInt8(ascii: "e") || d == UInt8(ascii: "E") || d == UInt8(ascii: "+") || d == UInt8(ascii: "-") { i += 1 }
      return i > start && bytes[start..<i].contains { $0 >= 0x30 && $0 <= 0x39 }
    }
  }

  // MARK: - Bytes

  private var peek: UInt8? { i < bytes.endIndex ? bytes[i] : nil }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    i += 1
    return true
  }

  private mutating func takeLiteral(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard i + count <= bytes.endIndex else { return false }
    let matches = literal.withUTF8Buffer { buffer in
      buffer.indices.allSatisfy { bytes[i + $0] == buffer[$0] }
    }
    if matches { i += count }
    return matches
  }

  private mutating func skipSpace() {
    while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
  }
}
