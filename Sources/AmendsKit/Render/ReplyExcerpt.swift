/// A long reply shown back in part: the lines that hold evidence, each with a line around it,
/// and a note of what was left out. A 20 KB reply echoed whole is 240 lines the trainee
/// scrolls past to find the one highlighted phrase; the whole reply is still scored and logged.
enum ReplyExcerpt {
  /// Replies up to this many wrapped lines are shown whole.
  static let wholeUpTo = 16
  /// Lines of context kept on each side of a line with evidence.
  static let context = 1
  /// At most this many lines are shown of a long reply.
  static let shownAtMost = 30

  /// `wrapped` (a highlighted, wrapped reply) whole when short; else its evidence in context.
  static func lines(of wrapped: String, painter: Painter) -> String {
    let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.count > wholeUpTo else { return wrapped }
    let marked = lines.indices.filter { hasEvidence(lines[$0], painter: painter) }
    var keep = Set<Int>()
    for index in marked {
      for near in max(0, index - context)...min(lines.count - 1, index + context) { keep.insert(near) }
    }
    if keep.isEmpty { keep = Set(0..<3) }
    let kept = keep.sorted().prefix(shownAtMost)
    var out: [String] = []
    var previous = -1
    for index in kept {
      if index > previous + 1 {
        out.append(
          painter.paint(
            "… \(index - previous - 1) line\(index - previous - 1 == 1 ? "" : "s") without evidence …", .dim))
      }
      out.append(lines[index])
      previous = index
    }
    if previous < lines.count - 1 {
      out.append(
        painter.paint("… \(lines.count - 1 - previous) more line\(lines.count - 1 - previous == 1 ? "" : "s") …", .dim))
    }
    out.append(
      painter.paint(
        "(a long reply: \(out.count) of its \(lines.count) lines shown, those with the words that decided its score; all of it was scored and saved)",
        .dim))
    return out.joined(separator: "\n")
  }

  /// Whether a wrapped line holds highlighted evidence: a highlight colour, or the `[+`/`[-`
  /// marks of plain output.
  private static func hasEvidence(_ line: String, painter: Painter) -> Bool {
    if painter.color {
      return line.contains("\u{1B}[\(Painter.Style.goodHighlight.rawValue)m")
        || line.contains("\u{1B}[\(Painter.Style.badHighlight.rawValue)m")
    }
    return line.contains("[+") || line.contains("[-")
  }
}
