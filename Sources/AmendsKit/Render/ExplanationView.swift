import Foundation

/// Explanations as the trainee or the author reads them: for each move not counted and each
/// pitfall not found, what came nearest in the rubric and what the trained layer made of it.
public struct ExplanationView {
  public let painter: Painter
  public init(painter: Painter) { self.painter = painter }

  public func render(_ explanations: [Explanation]) -> String {
    if explanations.isEmpty {
      return "Every move that applies was counted, and every pitfall that applies was found; nothing to explain."
    }
    var lines = [painter.paint("Why these were not counted", .bold)]
    // A pitfall nothing came near needs no paragraph: one line names them all.
    let quiet = explanations.filter {
      $0.verdict == .avoided && $0.near == nil && $0.overruled == nil && ($0.learned?.probability ?? 0) < 0.2
    }
    for e in explanations where !quiet.contains(where: { $0.principle == e.principle }) {
      let head = e.verdict == .missed ? "✗ \(e.principle) (missed)" : "· \(e.principle) (not found)"
      lines.append(painter.paint("  " + head, e.verdict == .missed ? .yellow : .dim))
      if let overruled = e.overruled {
        lines.append(
          painter.wrap(
            "The phrase `\(overruled.pattern)` matched “\(painter.safe(overruled.text))”, but the trained layer "
              + "overruled it.",
            width: 92, indent: "      "))
      } else if let near = e.near {
        lines.append(
          painter.wrap(
            "Nearest phrase: `\(near.pattern)`. Your sentence “\(painter.safe(near.sentence))” has "
              + near.found.map { "“\($0)”" }.joined(separator: ", ") + " but not "
              + near.missing.map { "“\($0)”" }.joined(separator: ", ") + ".",
            width: 92, indent: "      "))
      } else {
        lines.append("      No phrase of the rubric came near.")
      }
      if let learned = e.learned {
        let words =
          learned.features.isEmpty
          ? "nothing in the reply pointed that way"
          : (e.overruled == nil ? "what weighed most: " : "what weighed most against it: ")
            + learned.features.map { "“\(painter.safe($0.text))” (\(String(format: "%+.2f", $0.weight)))" }.joined(
              separator: ", ")
        let threshold =
          e.overruled == nil
          ? String(format: "it counts from %.0f%%", learned.needed * 100)
          : String(format: "it lets a phrase stand from %.0f%%", learned.needed * 100)
        let unworded =
          learned.unworded
          ? " No words of the reply pushed towards it, only its length or context, so it was not counted." : ""
        lines.append(
          painter.wrap(
            String(format: "The trained layer gave it %.0f%%; ", learned.probability * 100) + threshold + "; " + words
              + "." + unworded,
            width: 92, indent: "      "))
      }
    }
    if !quiet.isEmpty {
      lines.append(
        painter.wrap(
          "· not found, and nothing came near: " + quiet.map(\.principle).joined(separator: ", "), width: 92,
          indent: "  "))
    }
    return lines.joined(separator: "\n")
  }
}
