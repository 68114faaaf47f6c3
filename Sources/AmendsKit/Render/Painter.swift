/// Styles text for a terminal with ANSI colour, or leaves it plain (pipes, `NO_COLOR`,
/// `--no-color`). Everything a person typed goes through `safe` first.
public struct Painter: Sendable {
  public let color: Bool

  public init(color: Bool) { self.color = color }

  public enum Style: String, Sendable {
    case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    case goodHighlight = "30;42", badHighlight = "97;41", weakHighlight = "30;43"
  }

  public func paint(_ text: String, _ styles: Style...) -> String {
    guard color, !styles.isEmpty, !text.isEmpty else { return text }
    return "\u{1B}[\(styles.map(\.rawValue).joined(separator: ";"))m\(text)\u{1B}[0m"
  }

  /// Text from a person or a file, made safe to print.
  public func safe(_ text: String) -> String { Sanitizer.terminalSafe(text) }

  public func rule(_ title: String = "", width: Int = 72) -> String {
    let head = title.isEmpty ? "" : "── \(title) "
    return paint(head + String(repeating: "─", count: max(4, width - head.count)), .dim)
  }

  /// Indents every line of a block of text.
  public func indent(_ text: String, by prefix: String = "  ") -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
  }

  /// Wraps prose that an author hard-wrapped in a YAML block (debriefs, hints, the brief):
  /// lines of one paragraph are joined first, so the text wraps to the terminal, not to the
  /// author's editor. Blank lines still separate paragraphs and list items keep their lines.
  public func reflow(_ text: String, width: Int = 76, indent prefix: String = "") -> String {
    wrap(Painter.joinHardWraps(text), width: width, indent: prefix)
  }

  static func joinHardWraps(_ text: String) -> String {
    var out: [String] = []
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      let startsItem = line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("• ")
        || (line.first?.isNumber == true && line.dropFirst().prefix(2).contains("."))
      if let last = out.last, !last.isEmpty, !line.isEmpty, !startsItem {
        out[out.count - 1] = last + " " + line
      } else {
        out.append(line)
      }
    }
    return out.joined(separator: "\n")
  }

  /// Wraps text to a width at spaces, keeping existing line breaks.
  /// Wraps text to a width at spaces, keeping existing line breaks. Colour codes take no
  /// columns, so painted text (highlighted evidence) wraps where it is seen to end.
  public func wrap(_ text: String, width: Int = 76, indent prefix: String = "") -> String {
    var lines: [String] = []
    let indent = Painter.visibleWidth(prefix)
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = prefix
      var used = indent
      for word in paragraph.split(separator: " ") {
        let length = Painter.visibleWidth(word)
        if used > indent && used + length + 1 > width {
          lines.append(line)
          line = prefix
          used = indent
        }
        if used > indent {
          line += " "
          used += 1
        }
        line += word
        used += length
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// Characters that take a column: everything but ANSI escape sequences.
  static func visibleWidth<S: StringProtocol>(_ text: S) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if scalar == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if scalar != "[" && scalar.properties.isAlphabetic { inEscape = false }
      } else if !(0x0300...0x036F).contains(scalar.value) && scalar != "\u{FE0F}" && scalar != "\u{200D}" {
        width += 1
      }
    }
    return width
  }
}
