/// How many terminal columns text takes: ANSI escape sequences none, combining marks and joiners
/// none, East Asian wide characters and emoji two, everything else one. Computed from Unicode
/// properties rather than the C library's `wcwidth`, so the answer does not depend on the
/// process's locale (tests run in the C locale, the trainer in UTF-8).
enum TextWidth {
  static func columns<S: StringProtocol>(_ text: S) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if scalar == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if scalar != "[" && scalar.properties.isAlphabetic { inEscape = false }
      } else {
        width += columns(of: scalar)
      }
    }
    return width
  }

  static func columns(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value < 0x20 ? 0 : 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    if isWide(value) { return 2 }
    return 1
  }

  /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F, by block).
  private static func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
  }
}
