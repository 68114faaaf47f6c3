import Foundation

/// Small inline SVG charts for the HTML report: no scripts, no fonts or images to fetch, and
/// every label escaped. Colours come from CSS classes so the print stylesheet can change them.
enum SVGChart {
  struct Bar {
    var label: String
    /// Segments as (share 0–1, CSS class), drawn left to right.
    var segments: [(share: Double, cssClass: String)]
    var note: String
  }

  /// Horizontal stacked bars, one per row, with a label column and a note after each bar.
  static func bars(_ rows: [Bar], title: String, labelWidth: Int = 170, barWidth: Int = 360) -> String {
    let rowHeight = 20, top = 8
    let height = top + rows.count * rowHeight + 8
    let width = labelWidth + barWidth + 120
    var svg =
      "<svg role=\"img\" aria-label=\"\(HTMLText.escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
    svg += "<title>\(HTMLText.escape(title))</title>"
    for (i, row) in rows.enumerated() {
      let y = top + i * rowHeight
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\" class=\"label\">\(HTMLText.escape(row.label))</text>"
      var x = Double(labelWidth)
      svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"14\" class=\"track\"/>"
      for segment in row.segments where segment.share > 0 {
        let w = segment.share * Double(barWidth)
        svg += "<rect x=\"\(fmt(x))\" y=\"\(y + 3)\" width=\"\(fmt(w))\" height=\"14\" class=\"\(segment.cssClass)\"/>"
        x += w
      }
      svg +=
        "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 14)\" class=\"note\">\(HTMLText.escape(row.note))</text>"
    }
    return svg + "</svg>"
  }

  /// A small line chart of weekly mean scores (0–100) with the first and last week labelled.
  static func scoreLine(_ points: [WeeklySeries.Point], title: String, width: Int = 240, height: Int = 90) -> String {
    let left = 24.0, right = 6.0, top = 6.0, bottom = 18.0
    let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
    var svg =
      "<svg role=\"img\" aria-label=\"\(HTMLText.escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
    svg += "<title>\(HTMLText.escape(title))</title>"
    for level in [0, 50, 100] {
      let y = top + plotH * (1 - Double(level) / 100)
      svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(y))\" class=\"grid\"/>"
      svg += "<text x=\"\(fmt(left - 3))\" y=\"\(fmt(y + 3))\" text-anchor=\"end\" class=\"axis\">\(level)</text>"
    }
    guard let first = points.first, let last = points.last else { return svg + "</svg>" }
    let span = Double(max(1, last.week.daysSinceEpoch - first.week.daysSinceEpoch))
    let coordinates = points.map { p -> (Double, Double) in
      let x =
        points.count == 1
        ? left + plotW / 2 : left + plotW * Double(p.week.daysSinceEpoch - first.week.daysSinceEpoch) / span
      return (x, top + plotH * (1 - min(100, max(0, p.mean)) / 100))
    }
    if coordinates.count > 1 {
      svg +=
        "<polyline class=\"line\" points=\"" + coordinates.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
        + "\"/>"
    }
    for (x, y) in coordinates { svg += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"2\" class=\"dot\"/>" }
    svg += "<text x=\"\(fmt(left))\" y=\"\(height - 4)\" class=\"axis\">\(first.week)</text>"
    if points.count > 1 {
      svg +=
        "<text x=\"\(fmt(left + plotW))\" y=\"\(height - 4)\" text-anchor=\"end\" class=\"axis\">\(last.week)</text>"
    }
    return svg + "</svg>"
  }

  private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Escaping for text placed in HTML or SVG, with control sequences removed first.
enum HTMLText {
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in Sanitizer.terminalSafe(text).unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
