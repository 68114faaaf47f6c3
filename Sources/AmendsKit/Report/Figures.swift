import Foundation

/// How figures are written: scores, percentages, slopes and sparklines, and text padded into
/// columns, shared by the report renderers and other tables so a figure reads the same everywhere.
enum Figures {
  /// A mean score as a whole number, or "-" when there is none.
  static func score(_ value: Double?) -> String { value.map { String(Int($0.rounded())) } ?? "-" }

  static func score(_ value: Int?) -> String { value.map(String.init) ?? "-" }

  /// A share as a whole percentage, or "-".
  static func percent(_ value: Double?) -> String { value.map { String(Int(($0 * 100).rounded())) } ?? "-" }

  /// A signed change per 30 days: "+4.2/mo", or "-".
  static func slope(_ value: Double?, scale: Double = 1) -> String {
    guard let value else { return "-" }
    let scaled = value * scale
    if abs(scaled) < 0.05 { return "0.0/mo" }
    return String(format: "%+.1f/mo", scaled)
  }

  /// A fixed number of decimals for machine-readable formats; "" when absent.
  static func decimal(_ value: Double?, _ places: Int) -> String {
    guard let value else { return "" }
    return String(format: "%.\(places)f", value)
  }

  /// Rounds for JSON so that shares and means print short.
  static func rounded(_ value: Double?, _ places: Int) -> Double? {
    guard let value else { return nil }
    let factor = pow(10.0, Double(places))
    return (value * factor).rounded() / factor
  }

  /// Eight-level bars of scores 0–100 (the same glyphs as `amends progress`).
  static func sparkline(_ values: [Double]) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(values.map { bars[min(bars.count - 1, max(0, Int($0) * bars.count / 101))] })
  }

  /// Pads or cuts text to a column width, marking a cut with "…".
  static func column(_ text: String, _ width: Int) -> String {
    if text.count > width { return String(text.prefix(max(0, width - 1))) + "…" }
    return text.padding(toLength: width, withPad: " ", startingAt: 0)
  }

  static func right(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
