import Foundation

/// Renders a scored reply for the trainee: the score and band, the reply with the words that
/// earned or cost points highlighted, and one line per applicable principle.
public struct FeedbackView {
  public let painter: Painter
  public let rubric: Rubric

  public init(painter: Painter, rubric: Rubric) {
    self.painter = painter
    self.rubric = rubric
  }

  public func bandStyle(_ band: Band) -> Painter.Style {
    switch band {
    case .excellent, .good: return .green
    case .fair: return .yellow
    case .poor: return .red
    }
  }

  /// The reply with evidence highlighted: green for what earned points, red for what cost
  /// them. Without colour, `[+earned+]` and `[-cost-]` mark the same spans.
  public func highlighted(_ reply: String, _ assessment: Assessment) -> String {
    var spans: [(start: Int, end: Int, good: Bool)] = []
    for result in assessment.results where result.verdict == .met || result.verdict == .violated {
      for e in result.evidence { spans.append((e.start, e.end, result.verdict == .met)) }
    }
    spans.sort { $0.start < $1.start }
    let bytes = Array(reply.utf8)
    var out = ""
    var cursor = 0
    for span in spans where span.start >= cursor && span.end <= bytes.count && span.start < span.end {
      out += painter.safe(String(decoding: bytes[cursor..<span.start], as: UTF8.self))
      let word = painter.safe(String(decoding: bytes[span.start..<span.end], as: UTF8.self))
      if painter.color {
        // Word by word, so a highlight that wraps onto the next line does not colour its margin.
        let style: Painter.Style = span.good ? .goodHighlight : .badHighlight
        out += word.split(separator: " ", omittingEmptySubsequences: false).map { painter.paint(String($0), style) }
          .joined(separator: " ")
      } else {
        out += span.good ? "[+\(word)+]" : "[-\(word)-]"
      }
      cursor = span.end
    }
    out += painter.safe(String(decoding: bytes[min(cursor, bytes.count)...], as: UTF8.self))
    return out
  }

  /// The score line, the reply with its evidence marked, and each principle's verdict. The
  /// score and band are the assessment's: for a rewrite, after the review's deduction.
  public func render(reply: String, assessment: Assessment, showReply: Bool = true) -> String {
    let (score, band) = (assessment.score, assessment.band)
    var lines: [String] = []
    lines.append(
      painter.paint("Score \(score)/100", .bold) + " " + painter.paint("(\(band.rawValue))", bandStyle(band)))
    if showReply {
      let shown = highlighted(reply.trimmingCharacters(in: .whitespacesAndNewlines), assessment)
      lines.append(painter.indent(ReplyExcerpt.lines(of: painter.wrap(shown, width: 84), painter: painter), by: "  │ "))
    }
    let applicable = assessment.results.filter { $0.verdict != .notApplicable }
    let order: [Verdict] = [.violated, .missed, .met]
    for verdict in order {
      for result in applicable where result.verdict == verdict {
        lines.append(line(for: result, points: assessment.points[result.id]))
      }
    }
    let avoided = applicable.filter { $0.verdict == .avoided }.map(\.id)
    if !avoided.isEmpty {
      lines.append(painter.paint("  ✓ avoided: ", .green) + painter.paint(avoided.joined(separator: ", "), .dim))
    }
    return lines.joined(separator: "\n")
  }

  private func line(for result: PrincipleResult, points: Double?) -> String {
    let principle = rubric.principle(result.id)
    let mark: String
    switch result.verdict {
    case .met: mark = painter.paint("  ✓", .green)
    case .missed: mark = painter.paint("  ✗", .yellow)
    case .violated: mark = painter.paint("  !", .red)
    default: mark = "   "
    }
    var head = mark + " " + painter.paint(result.id, .bold)
    if let points, abs(points) >= 0.5 {
      head += painter.paint(
        points > 0 ? String(format: " +%.0f", points) : String(format: " %.0f", points),
        result.verdict.isGood ? .green : .red)
    }
    if !result.evidence.isEmpty {
      let words = result.evidence.prefix(3).map { "“" + painter.safe($0.text) + "”" }.joined(separator: ", ")
      head += "  " + painter.paint(words, .dim)
    }
    var body = result.feedback.trimmingCharacters(in: .whitespacesAndNewlines)
    if !result.verdict.isGood, let principle, let source = principle.sources.first {
      let title = rubric.articleTitle(source)
      let stop = title.last.map { ".?!".contains($0) } == true ? "" : "."
      body += " (See: " + title + stop + ")"
    }
    return head + "\n" + painter.wrap(body, width: 88, indent: "      ")
  }

  /// Lines for a rewrite of a colleague's draft.
  public func render(review: DraftReview) -> String {
    var lines: [String] = [painter.paint("  Rewrite of the draft:", .bold)]
    if review.unchanged {
      lines.append(
        painter.paint("  ! the rewrite is nearly the draft unchanged (-\(DraftReview.pointsForUnchanged))", .red))
    }
    if !review.removed.isEmpty {
      lines.append(painter.paint("  ✓ harm removed: ", .green) + review.removed.joined(separator: ", "))
    }
    if !review.kept.isEmpty {
      lines.append(painter.paint("  ! harm kept from the draft: ", .red) + review.kept.joined(separator: ", "))
    }
    if !review.added.isEmpty {
      lines.append(painter.paint("  ! harm added: ", .red) + review.added.joined(separator: ", "))
    }
    for fact in review.factsKept { lines.append(painter.paint("  ✓ fact kept: ", .green) + painter.safe(fact)) }
    for fact in review.factsLost {
      lines.append(
        painter.paint("  ✗ fact lost: ", .yellow) + painter.safe(fact) + " (-\(DraftReview.pointsPerLostFact))")
    }
    return lines.joined(separator: "\n")
  }
}
