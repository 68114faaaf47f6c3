/// Makes text a person typed, or a file holds, safe to print on a terminal: escape sequences
/// (CSI, OSC, DCS …) and other control characters are removed, so a reply containing
/// `ESC[2J` or a title change cannot clear the screen or retitle the window when replayed.
public enum Sanitizer {
  /// Removes terminal control sequences and control characters; keeps newlines and tabs.
  public static func terminalSafe(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let s = scalars.next() {
      switch s.value {
      case 0x1B:
        skipEscape(&scalars)
      case 0x9B:  // 8-bit CSI
        skipCSIBody(&scalars)
      case 0x9D, 0x90, 0x9E, 0x9F, 0x98:  // 8-bit OSC, DCS, PM, APC, SOS
        skipString(&scalars)
      case 0x0A, 0x09:
        out.append(s)
      case 0x00..<0x20, 0x7F, 0x80..<0xA0:
        continue
      case 0x202A...0x202E, 0x2066...0x2069:  // bidirectional overrides can disguise text
        continue
      default:
        out.append(s)
      }
    }
    return String(out)
  }

  /// One line for messages about user input: control characters shown as `?`.
  public static func visible(_ text: String) -> String {
    String(String.UnicodeScalarView(terminalSafe(text).unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
  }

  private static func skipEscape(_ it: inout String.UnicodeScalarView.Iterator) {
    guard let s = it.next() else { return }
    switch s {
    case "[": skipCSIBody(&it)
    case "]", "P", "^", "_", "X": skipString(&it)
    default:
      // Two-character escapes (ESC c, ESC 7 …) and charset selections (ESC ( B).
      if s == "(" || s == ")" || s == "#" || s == "%" { _ = it.next() }
    }
  }

  private static func skipCSIBody(_ it: inout String.UnicodeScalarView.Iterator) {
    while let s = it.next() {
      if s.value >= 0x40 && s.value <= 0x7E { return }
    }
  }

  /// OSC/DCS strings end with BEL or ST (ESC \).
  private static func skipString(_ it: inout String.UnicodeScalarView.Iterator) {
    while let s = it.next() {
      if s.value == 0x07 || s.value == 0x9C { return }
      if s.value == 0x1B { _ = it.next(); return }
    }
  }
}
