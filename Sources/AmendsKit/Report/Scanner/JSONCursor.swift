#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A position in the bytes of one JSON text, with the steps a byte scanner takes: strings
/// found (escapes checked, not decoded), numbers read, whole values skipped with their syntax
/// checked, all without making a string or an allocation. Every step answers nil or false,
/// never traps, on bytes that are not what it expects; the caller then gives up on the text.
struct JSONCursor {
  let base: UnsafePointer<UInt8>
  let end: Int
  var i = 0

  init(base: UnsafePointer<UInt8>, end: Int) {
    self.base = base
    self.end = end
  }

  /// The text of the raw bytes between a JSON string's quotes, escapes decoded; nil when they
  /// are not a valid JSON string's.
  static func decodeString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
    guard let base = raw.baseAddress, !raw.isEmpty else { return "" }
    var cursor = JSONCursor(base: base, end: raw.count)
    return cursor.decodedText()
  }

  // MARK: - Bytes

  // Positions are offsets into one line, far from overflowing, so the hot steps below use
  // wrapping arithmetic (`&+`): the overflow checks were a fifth of their instructions.

  @inline(__always)
  mutating func take(_ byte: UInt8) -> Bool {
    guard i < end, base[i] == byte else { return false }
    i &+= 1
    return true
  }

  @inline(__always)
  mutating func takeLiteral(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard i &+ count <= end, spells(base + i, count, literal) else { return false }
    i &+= count
    return true
  }

  @inline(__always)
  mutating func skipSpace() {
    while i < end, base[i] == 0x20 || base[i] == 0x09 || base[i] == 0x0A || base[i] == 0x0D { i &+= 1 }
  }

  // MARK: - Strings

  /// A JSON string: the range of the bytes between its quotes, whether they hold escapes, and
  /// whether they are all ASCII (if not, `isValidUTF8` says whether they decode).
  typealias StringBytes = (range: Range<Int>, escaped: Bool, ascii: Bool)

  /// The string that starts here, every escape checked (its UTF-8 is not: `isValidUTF8`).
  @inline(__always)
  mutating func string() -> StringBytes? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    var escaped = false
    var high: UInt64 = 0
    while true {
      skipPlainBytes(high: &high)
      guard i < end else { return nil }
      let c = base[i]
      i &+= 1
      switch c {
      case UInt8(ascii: "\""): return (start..<(i &- 1), escaped, high & 0x8080_8080_8080_8080 == 0)
      case UInt8(ascii: "\\"):
        guard escape() != nil else { return nil }
        escaped = true
      default: return nil  // a control character
      }
    }
  }

  /// Moves past bytes that need no attention inside a string (anything but a quote, a
  /// backslash or a control character), eight at a time while it can, and ORs into `high` the
  /// high bits of the bytes it passes (non-zero: some are not ASCII).
  @inline(__always)
  mutating func skipPlainBytes(high: inout UInt64) {
    // In locals, so the loop keeps them in registers.
    var j = i
    var seen = high
    defer {
      i = j
      high = seen
    }
    while j &+ 8 <= end {
      let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
      let special =
        Self.zeroBytes(word ^ 0x2222_2222_2222_2222) | Self.zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
        | (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
      if special != 0 {
        // The lowest flagged byte is always a real one: a false flag needs a borrow from below.
        let passed = special.trailingZeroBitCount &>> 3
        seen |= word & ((1 &<< UInt64(passed &* 8)) &- 1)
        j &+= passed
        return
      }
      seen |= word
      j &+= 8
    }
    while j < end {
      let c = base[j]
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return }
      seen |= UInt64(c)
      j &+= 1
    }
  }

  /// Whether a found string's bytes are UTF-8, as `JSONDecoder` requires of every string it
  /// decodes (and not of those it skips).
  func isValidUTF8(_ s: StringBytes) -> Bool {
    s.ascii
      || String(validating: UnsafeBufferPointer(start: base + s.range.lowerBound, count: s.range.count), as: UTF8.self)
        != nil
  }

  /// The high bit of every zero byte of `word` (and perhaps of bytes above one).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  /// A found string's text, escapes decoded.
  func text(_ s: StringBytes) -> String? {
    let bytes = UnsafeBufferPointer(start: base + s.range.lowerBound, count: s.range.count)
    return s.escaped ? Self.decodeString(bytes) : String(decoding: bytes, as: UTF8.self)
  }

  /// A string or null, left as bytes of the text (checked to be UTF-8, as it will be decoded).
  mutating func optionalText() -> LineText?? {
    if takeLiteral("null") { return .some(nil) }
    guard let s = string(), isValidUTF8(s) else { return nil }
    return .some(.raw(s.range, escaped: s.escaped))
  }

  /// Decodes from here to the end: the raw contents of one JSON string.
  private mutating func decodedText() -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(end - i)
    while i < end {
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

  // MARK: - Numbers and literals

  /// An integer as JSONDecoder reads into `Int`: optional minus, digits, no fraction.
  mutating func integer() -> Int? {
    let negative = take(UInt8(ascii: "-"))
    var value = 0
    let start = i
    while i < end, base[i] &- 0x30 < 10 {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int(base[i] - 0x30))
      if o1 || o2 { return nil }
      value = sum
      i += 1
    }
    // JSON spells no leading zero (`01`), and the decoder refuses one in a number it reads.
    guard i > start, base[start] != UInt8(ascii: "0") || i == start &+ 1 else { return nil }
    if i < end, base[i] == UInt8(ascii: ".") || base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
      return nil
    }
    return negative ? -value : value
  }

  mutating func optionalInteger() -> Int?? {
    if takeLiteral("null") { return .some(nil) }
    return integer().map { .some($0) }
  }

  mutating func optionalBool() -> Bool?? {
    if takeLiteral("null") { return .some(nil) }
    if takeLiteral("true") { return .some(true) }
    if takeLiteral("false") { return .some(false) }
    return nil
  }

  /// A number as JSON spells it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  private mutating func skipNumber() -> Bool {
    _ = take(UInt8(ascii: "-"))
    guard i < end, base[i] &- 0x30 < 10 else { return false }
    if base[i] == UInt8(ascii: "0") { i += 1 } else { skipDigits() }
    if take(UInt8(ascii: ".")) {
      guard i < end, base[i] &- 0x30 < 10 else { return false }
      skipDigits()
    }
    if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
      if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
      guard i < end, base[i] &- 0x30 < 10 else { return false }
      skipDigits()
    }
    return true
  }

  private mutating func skipDigits() {
    while i < end, base[i] &- 0x30 < 10 { i &+= 1 }
  }

  // MARK: - Whole values

  /// Skips the value that starts here, checking its syntax. Iterative, with the kind of each
  /// open container kept as one bit of a word: no recursion, and at most 64 levels (deeper
  /// values are refused, for the decoder to judge).
  mutating func skipValue() -> Bool {
    var objects: UInt64 = 0  // bit d: the container at depth d is an object
    var depth = 0
    while true {
      // A value starts here.
      guard i < end else { return false }
      let c = base[i]
      switch c {
      case UInt8(ascii: "\""):
        guard string() != nil else { return false }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        i &+= 1
        skipSpace()
        let isObject = c == UInt8(ascii: "{")
        if take(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) { break }
        guard depth < 64 else { return false }
        if isObject {
          objects |= 1 << UInt64(depth)
          guard skipKey() else { return false }
        } else {
          objects &= ~(1 << UInt64(depth))
        }
        depth += 1
        continue
      case UInt8(ascii: "t"): guard takeLiteral("true") else { return false }
      case UInt8(ascii: "f"): guard takeLiteral("false") else { return false }
      case UInt8(ascii: "n"): guard takeLiteral("null") else { return false }
      default: guard skipNumber() else { return false }
      }
      // A value ended: close what it ends, or go on to the next element.
      while true {
        if depth == 0 { return true }
        skipSpace()
        let inObject = objects & (1 << UInt64(depth - 1)) != 0
        if take(UInt8(ascii: ",")) {
          skipSpace()
          if inObject { guard skipKey() else { return false } }
          break
        }
        guard take(inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
        depth -= 1
      }
    }
  }

  /// An object's key and its colon, and the space around them.
  private mutating func skipKey() -> Bool {
    guard string() != nil else { return false }
    skipSpace()
    guard take(UInt8(ascii: ":")) else { return false }
    skipSpace()
    return true
  }
}

/// A copy of `bytes` that lives as long as the process: for the scanner's fixed tables of
/// keys and verdicts, read on every line without an array's bounds checks and reference counts.
func permanentBytes(_ bytes: [UInt8]) -> UnsafePointer<UInt8> {
  let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
  storage.initialize(from: bytes, count: bytes.count)
  return UnsafePointer(storage)
}

/// Whether the `count` bytes at `p` spell `word`.
@inline(__always)
func spells(_ p: UnsafePointer<UInt8>, _ count: Int, _ word: StaticString) -> Bool {
  count == word.utf8CodeUnitCount && sameBytes(p, word.utf8Start, count)
}

/// Whether the `count` bytes at `a` and at `b` are the same, compared a word at a time; the
/// last word overlaps the one before it rather than stepping byte by byte.
@inline(__always)
func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
  func word(_ p: UnsafePointer<UInt8>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
  func half(_ p: UnsafePointer<UInt8>) -> UInt32 { UnsafeRawPointer(p).loadUnaligned(as: UInt32.self) }
  if count >= 8 {
    var k = 0
    while k &+ 8 < count {
      if word(a + k) != word(b + k) { return false }
      k &+= 8
    }
    return word(a + (count &- 8)) == word(b + (count &- 8))
  }
  if count >= 4 { return half(a) == half(b) && half(a + (count &- 4)) == half(b + (count &- 4)) }
  for k in 0..<count where a[k] != b[k] { return false }
  return true
}
