/// A token as first cut from the text, before contractions are expanded.
struct RawToken {
  var text: String
  var lowercased: String
  var kind: Token.Kind
  var start: Int
  var end: Int
  var capitalized = false
  var isNewline = false
  var quoteMark = false
  var opensWord = false
  var quoted = false
  var inMailQuote = false
}

/// Cuts text into raw tokens in one pass over its Unicode scalars, tracking UTF-8 offsets.
struct RawScanner {
  let text: String

  func scan() -> [RawToken] {
    let scalars = Array(text.unicodeScalars)
    var offsets = [Int](repeating: 0, count: scalars.count + 1)
    for (i, s) in scalars.enumerated() { offsets[i + 1] = offsets[i] + UTF8.width(s) }
    var tokens: [RawToken] = []
    tokens.reserveCapacity(scalars.count / 4)
    var i = 0
    var lineStart = true
    var inMailQuote = false
    while i < scalars.count {
      let s = scalars[i]
      if s == "\n" {
        var t = RawToken(text: "\n", lowercased: "\n", kind: .punctuation, start: offsets[i], end: offsets[i + 1])
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
      if let length = emoticonLength(scalars, at: i) {
        var t = RawToken(text: String(String.UnicodeScalarView(scalars[i..<i + length])), lowercased: "", kind: .emoji, start: offsets[i], end: offsets[i + length])
        t.lowercased = t.text
        t.inMailQuote = inMailQuote
        tokens.append(t)
        i += length
        continue
      }
      if isWordScalar(s) {
        var j = i + 1
        var isNumber = isDigit(s)
        while j < scalars.count {
          let c = scalars[j]
          if isWordScalar(c) { if !isDigit(c) { isNumber = false }; j += 1; continue }
          // An apostrophe between letters, or closing a word as in "customers'", stays inside.
          if (c == "'" || c == "\u{2019}" || c == "\u{02BC}"), j + 1 < scalars.count, isLetter(scalars[j + 1]) { j += 1; continue }
          // Decimal points, times and amounts: 3.50, 10:30, 1,000.
          if (c == "." || c == ":" || c == ","), isNumber, j + 1 < scalars.count, isDigit(scalars[j + 1]) { j += 1; continue }
          break
        }
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[i..<j].map { $0 == "\u{2019}" || $0 == "\u{02BC}" ? "'" : $0 })
        var t = RawToken(text: word, lowercased: RawScanner.lowercased(word), kind: isNumber ? .number : .word, start: offsets[i], end: offsets[j])
        t.capitalized = s.properties.isUppercase
        t.inMailQuote = inMailQuote
        tokens.append(t)
        i = j
        continue
      }
      if isEmoji(s) {
        var j = i + 1
        while j < scalars.count, scalars[j] == "\u{FE0F}" || scalars[j] == "\u{200D}" || (scalars[j - 1] == "\u{200D}" && isEmoji(scalars[j])) || (0x1F3FB...0x1F3FF).contains(scalars[j].value) { j += 1 }
        var t = RawToken(text: String(String.UnicodeScalarView(scalars[i..<j])), lowercased: "", kind: .emoji, start: offsets[i], end: offsets[j])
        t.lowercased = t.text
        t.inMailQuote = inMailQuote
        tokens.append(t)
        i = j
        continue
      }
      var t = RawToken(text: String(s), lowercased: String(s), kind: .punctuation, start: offsets[i], end: offsets[i + 1])
      if s == "'" || s == "\u{2019}" {
        let before = i > 0 ? scalars[i - 1] : " "
        t.opensWord = !isWordScalar(before) && i + 1 < scalars.count && isLetter(scalars[i + 1])
      }
      if s == "." && i + 2 < scalars.count && scalars[i + 1] == "." && scalars[i + 2] == "." {
        t = RawToken(text: "…", lowercased: "…", kind: .punctuation, start: offsets[i], end: offsets[i + 3])
        i += 2
      }
      t.inMailQuote = inMailQuote
      tokens.append(t)
      i += 1
    }
    return tokens
  }

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

  private func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") }
    return s.properties.isAlphabetic || s.properties.numericType != nil
  }

  private func isLetter(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
    return s.properties.isAlphabetic
  }

  private func isEmoji(_ s: Unicode.Scalar) -> Bool {
    s.value >= 0x2190 && (s.properties.isEmojiPresentation || (s.properties.isEmoji && s.value >= 0x2600))
  }

  /// ":)", ":-(", ";)", ":D", ":P", "xD", "<3" read as emoji.
  private func emoticonLength(_ scalars: [Unicode.Scalar], at i: Int) -> Int? {
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
    if (s == "x" || s == "X"), at(1) == "D", endsHere(2), i == 0 || !isWordScalar(scalars[i - 1]) { return 2 }
    return nil
  }
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
