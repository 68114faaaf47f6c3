/// Styles text for a terminal with ANSI colour, or leaves it plain (pipes, `NO_COLOR`,
/// `--no-color`). Everything a person typed goes through `safe` first.
public struct Painter: Sendable {
  public let color: Bool
  /// The terminal's width now (it changes when the window is resized); nil when the output is
  /// not a terminal and nobody said how wide to be, so scripts get lines whole.
  public let columns: @Sendable () -> Int?

  public init(color: Bool, columns: @escaping @Sendable () -> Int? = { nil }) {
    self.color = color
    self.columns = columns
  }

  /// `preferred`, or less when the terminal is narrower (never under 20).
  public func width(_ preferred: Int) -> Int {
    guard let columns = columns() else { return preferred }
    return max(20, min(preferred, columns))
  }

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
    let width = self.width(width)
    let head = title.isEmpty ? "" : "── \(title) "
    return paint(head + String(repeating: "─", count: max(4, width - TextWidth.columns(head))), .dim)
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
      let startsItem =
        line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("• ")
        || (line.first?.isNumber == true && line.dropFirst().prefix(2).contains("."))
      if let last = out.last, !last.isEmpty, !line.isEmpty, !startsItem {
        out[out.count - 1] = last + " " + line
      } else {
        out.append(line)
      }
    }
    return out.joined(separator: "\n")
  }

  /// Wraps text to a width at spaces, keeping existing line breaks. Colour codes take no
  /// columns, so painted text (highlighted evidence) wraps where it is seen to end. The width
  /// shrinks to the terminal's.
  public func wrap(_ text: String, width: Int = 76, indent prefix: String = "") -> String {
    LineWrapper(width: self.width(width)).wrap(text, indent: prefix)
  }

  /// Every line of `text` that is wider than the terminal, wrapped at spaces, its continuation
  /// lines indented like the line (two more after a bullet): the last guard that nothing the
  /// terminal would fold is folded inside a word. Unchanged when there is no terminal width.
  public func fit(_ text: String) -> String {
    guard let columns = columns() else { return text }
    return LineWrapper(width: max(20, columns)).fit(text)
  }

  /// Characters that take a column: everything but ANSI escape sequences.
  static func visibleWidth<S: StringProtocol>(_ text: S) -> Int { TextWidth.columns(text) }
}
