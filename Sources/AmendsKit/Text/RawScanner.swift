/// A token as first cut from the text, before contractions are expanded.
struct RawToken {
  var kind: Token.Kind
  /// UTF-8 byte range in the text.
  var start: Int
  var end: Int
  /// Punctuation: the mark ("…" for "..."); a line break is "\n".
  var mark: Unicode.Scalar = " "
  /// Words and numbers: where their `Lexicon` key (a kind byte, then the lower-cased spelling)
  /// lies in `RawScanner.Result.keys`.
  var key: Range<Int> = 0..<0
  var capitalized = false
  var isNewline = false
  var quoteMark = false
  var opensWord = false
  var quoted = false
  var inMailQuote = false
}

/// Cuts text into raw tokens in one pass over its Unicode scalars, tracking UTF-8 offsets.
/// Words are lower-cased straight into a shared key buffer: no string is made for a word until
/// the lexicon meets a spelling it has never seen.
struct RawScanner {
  static let wordKey: UInt8 = 1
  static let numberKey: UInt8 = 2

  struct Result {
    var tokens: [RawToken]
    var keys: [UInt8]
  }

  let text: String
  /// The text's UTF-8.
  let bytes: [UInt8]

  func scan() -> Result {
    // Nearly every reply is ASCII: its scalars are its bytes, and a scalar's index is its offset.
    let ascii = bytes.allSatisfy { $0 < 0x80 }
    var scalars: [Unicode.Scalar] = []
    var utf8Offsets: [Int] = []
    if ascii {
      scalars = bytes.map { Unicode.Scalar($0) }
    } else {
      // Decoded from the bytes in one pass, filling both arrays in place: appending a scalar and
      // an offset at a time checked both arrays' uniqueness twice a byte, and one "£" makes a
      // whole reply take this path. The bytes are a String's, so they are valid UTF-8.
      var count = 0
      utf8Offsets = [Int](unsafeUninitializedCapacity: bytes.count + 1) { offsets, initialized in
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, decoded in
          bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
              let lead = UInt32(bytes[i])
              if lead < 0x80 {
                buffer[count] = Unicode.Scalar(UInt8(lead))
                offsets[count] = i
                count += 1
                i += 1
                continue
              }
              var value = lead
              var width = 1
              if lead >= 0xF0 {
                width = 4
                value = lead & 0x07
              } else if lead >= 0xE0 {
                width = 3
                value = lead & 0x0F
              } else if lead >= 0xC0 {
                width = 2
                value = lead & 0x1F
              }
              for k in 1..<width { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
              buffer[count] = Unicode.Scalar(value) ?? "\u{FFFD}"
              offsets[count] = i
              count += 1
              i += width
            }
          }
          decoded = count
        }
        offsets[count] = bytes.count
        initialized = count + 1
      }
    }
    let offsets = Offsets(ascii: ascii, table: utf8Offsets)
    // Cut through a raw buffer: the array checked its bounds for every scalar looked at.
    return scalars.withUnsafeBufferPointer { cut($0, offsets) }
  }

  /// The raw tokens of the text's scalars, `offsets` giving each scalar's UTF-8 offset.
  private func cut(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ offsets: Offsets) -> Result {
    var tokens: [RawToken] = []
    tokens.reserveCapacity(scalars.count / 4)
    var keys: [UInt8] = []
    keys.reserveCapacity(scalars.count + scalars.count / 4)
    var i = 0
    var lineStart = true
    var inMailQuote = false
    while i < scalars.count {
      let s = scalars[i]
      if s == "\n" {
        var t = RawToken(kind: .punctuation, start: offsets[i], end: offsets[i + 1], mark: "\n")
        t.isNewline = true
        tokens.append(t)
        lineStart = true
        inMailQuote = false
        i += 1
        continue
      }
      if s.value < 0x21 || (!s.isASCII && (s.properties.isWhitespace || s == "\u{FE0F}" || s == "\u{200D}")) {
        i += 1
        continue
      }
      if lineStart {
        lineStart = false
        if s == ">" { inMailQuote = true; i += 1; continue }
      }
      if RawScanner.mayStartEmoticon(s), let length = emoticonLength(scalars, at: i) {
        var t = RawToken(kind: .emoji, start: offsets[i], end: offsets[i + length])
        t.inMailQuote = inMailQuote
        tokens.append(t)
        i += length
        continue
      }
      if isWordScalar(s) {
        var j = i + 1
        var isNumber = isDigit(s)
        var isASCII = s.isASCII
        while j < scalars.count {
          let c = scalars[j]
          if isWordScalar(c) {
            if !isDigit(c) { isNumber = false }
            if !c.isASCII { isASCII = false }
            j += 1
            continue
          }
          // An apostrophe between letters, or closing a word as in "customers'", stays inside.
          if c == "'" || c == "\u{2019}" || c == "\u{02BC}", j + 1 < scalars.count, isLetter(scalars[j + 1]) {
            if !c.isASCII { isASCII = false }
            j += 1
            continue
          }
          // Decimal points, times and amounts: 3.50, 10:30, 1,000.
          if c == "." || c == ":" || c == ",", isNumber, j + 1 < scalars.count, isDigit(scalars[j + 1]) {
            j += 1; continue
          }
          break
        }
        var t = RawToken(kind: isNumber ? .number : .word, start: offsets[i], end: offsets[j])
        let keyStart = keys.count
        if isNumber {
          keys.append(RawScanner.numberKey)
          keys.append(contentsOf: bytes[t.start..<t.end])
        } else {
          keys.append(RawScanner.wordKey)
          appendLowercased(scalars, i..<j, bytes: t.start..<t.end, ascii: isASCII, to: &keys)
        }
        t.key = keyStart..<keys.count
        t.capitalized = s.isASCII ? (s.value >= 0x41 && s.value <= 0x5A) : s.properties.isUppercase
        t.inMailQuote = inMailQuote
        tokens.append(t)
        i = j
        continue
      }
      if isEmoji(s) {
        var j = i + 1
        while j < scalars.count,
          scalars[j] == "\u{FE0F}" || scalars[j] == "\u{200D}" || (scalars[j - 1] == "\u{200D}" && isEmoji(scalars[j]))
            || (0x1F3FB...0x1F3FF).contains(scalars[j].value)
        { j += 1 }
        var t = RawToken(kind: .emoji, start: offsets[i], end: offsets[j])
        t.inMailQuote = inMailQuote
        tokens.append(t)
        i = j
        continue
      }
      var t = RawToken(kind: .punctuation, start: offsets[i], end: offsets[i + 1], mark: s)
      if s == "'" || s == "\u{2019}" {
        let before = i > 0 ? scalars[i - 1] : " "
        t.opensWord = !isWordScalar(before) && i + 1 < scalars.count && isLetter(scalars[i + 1])
      }
      if s == "." && i + 2 < scalars.count && scalars[i + 1] == "." && scalars[i + 2] == "." {
        t = RawToken(kind: .punctuation, start: offsets[i], end: offsets[i + 3], mark: "…")
        i += 2
      }
      t.inMailQuote = inMailQuote
      tokens.append(t)
      i += 1
    }
    return Result(tokens: tokens, keys: keys)
  }

  /// A word's lower-cased spelling, curly apostrophes straightened. ASCII words (nearly all of
  /// them) without the Unicode tables: their bytes copied at once, then lowered in place.
  private func appendLowercased(
    _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ word: Range<Int>, bytes span: Range<Int>, ascii: Bool,
    to keys: inout [UInt8]
  ) {
    if ascii {
      let first = keys.count
      keys.append(contentsOf: bytes[span])
      keys.withUnsafeMutableBufferPointer { buffer in
        for k in first..<buffer.count where buffer[k] >= 0x41 && buffer[k] <= 0x5A { buffer[k] += 0x20 }
      }
      return
    }
    var spelling = ""
    spelling.unicodeScalars.append(
      contentsOf: scalars[word].lazy.map { $0 == "\u{2019}" || $0 == "\u{02BC}" ? "'" : $0 })
    keys.append(contentsOf: RawScanner.lowercased(spelling).utf8)
  }

  @inline(__always)
  private func isDigit(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return s >= "0" && s <= "9" }
    return s.properties.numericType != nil
  }

  /// Lower case; ASCII words (nearly all of them) without the Unicode tables.
  static func lowercased(_ word: String) -> String {
    var utf8 = Array(word.utf8)
    guard utf8.allSatisfy({ $0 < 0x80 }) else { return word.lowercased() }
    var changed = false
    for i in utf8.indices where utf8[i] >= 0x41 && utf8[i] <= 0x5A {
      utf8[i] += 0x20
      changed = true
    }
    return changed ? String(decoding: utf8, as: UTF8.self) : word
  }

  @inline(__always)
  private func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") }
    return s.properties.isAlphabetic || s.properties.numericType != nil
  }

  @inline(__always)
  private func isLetter(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
    return s.properties.isAlphabetic
  }

  private func isEmoji(_ s: Unicode.Scalar) -> Bool {
    s.value >= 0x2190 && (s.properties.isEmojiPresentation || (s.properties.isEmoji && s.value >= 0x2600))
  }

  @inline(__always)
  private static func mayStartEmoticon(_ s: Unicode.Scalar) -> Bool {
    s == ":" || s == ";" || s == "=" || s == "<" || s == "x" || s == "X"
  }

  /// ":)", ":-(", ";)", ":D", ":P", "xD", "<3" read as emoji.
  private func emoticonLength(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, at i: Int) -> Int? {
    let s = scalars[i]
    func at(_ k: Int) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }
    func endsHere(_ k: Int) -> Bool {
      guard let next = at(k) else { return true }
      return !isWordScalar(next)
    }
    if s == ":" || s == ";" || s == "=" {
      var k = 1
      if at(k) == "-" || at(k) == "'" { k += 1 }
      if let m = at(k), [")", "(", "D", "P", "p", "/", "|", "O", "o", "3"].contains(m), endsHere(k + 1) {
        if i > 0, isWordScalar(scalars[i - 1]), m != ")" && m != "(" { return nil }
        return k + 1
      }
    }
    if s == "<", at(1) == "3", endsHere(2) { return 2 }
    if s == "x" || s == "X", at(1) == "D", endsHere(2), i == 0 || !isWordScalar(scalars[i - 1]) { return 2 }
    return nil
  }
}

/// The UTF-8 offset of each scalar index (and of the end).
private struct Offsets {
  let ascii: Bool
  let table: [Int]

  @inline(__always)
  subscript(_ i: Int) -> Int { ascii ? i : table[i] }
}

extension UTF8 {
  static func width(_ s: Unicode.Scalar) -> Int {
    switch s.value {
    case 0..<0x80: return 1
    case 0x80..<0x800: return 2
    case 0x800..<0x10000: return 3
    default: return 4
    }
  }
}
