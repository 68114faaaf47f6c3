import Foundation

/// What `amends calibrate` prints: the sets side by side (text), the JSON contract, and the
/// dev set's disagreements. The sealed test and real sets only ever appear as figures.
public struct CalibrationReport {
  public let sets: [SetMeasurement]

  public init(sets: [SetMeasurement]) { self.sets = sets }

  /// `{"sets": [{"name", "items", "macro_f1", "spearman", "pairwise", "principles": [{"id",
  /// "support", "precision", "recall", "f1"}]}]}`, numbers to four places, null where a figure
  /// does not exist for a set.
  public func json() -> String {
    let writer = JSONWriter()
    writer.object {
      writer.field("sets") {
        writer.array(sets) { set in
          writer.object {
            writer.field("name") { writer.string(set.set.rawValue) }
            writer.field("items") { writer.number(set.items) }
            writer.field("macro_f1") { writer.number(set.macroF1) }
            writer.field("spearman") { writer.number(set.spearman) }
            writer.field("pairwise") { writer.number(set.pairwise) }
            writer.field("principles") {
              writer.array(set.principles.filter { $0.compared > 0 }) { p in
                writer.object {
                  writer.field("id") { writer.string(p.id) }
                  writer.field("support") { writer.number(p.support) }
                  writer.field("precision") { writer.number(p.precision) }
                  writer.field("recall") { writer.number(p.recall) }
                  writer.field("f1") { writer.number(p.f1) }
                }
              }
            }
          }
        }
      }
    }
    return writer.text
  }

  /// The sets side by side, then each principle's F1 (and support) in each set.
  public func text() -> String {
    func figure(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
    func cell(_ text: String, _ width: Int) -> String { Figures.right(text, width) }
    var lines = ["set       items  macro-F1  Spearman  pairwise  band"]
    for s in sets {
      lines.append(
        s.set.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + cell(String(s.items), 7)
          + cell(figure(s.macroF1), 10)
          + cell(figure(s.spearman), 10) + cell(figure(s.pairwise), 10)
          + cell(s.bandAgreement.map { String(format: "%.0f%%", $0 * 100) } ?? "-", 6))
    }
    for s in sets where !s.meanScoreByTarget.isEmpty {
      let levels = s.meanScoreByTarget.keys.sorted().map { "\($0): \(Int(s.meanScoreByTarget[$0]!.rounded()))" }.joined(
        separator: "  ")
      let label = s.set.isPublished ? "mean score by judgment (1 bad, 2 mixed, 3 good)" : "mean score by quality"
      lines.append(
        "\(s.set.rawValue): \(label)  \(levels); scored 0: \(String(format: "%.0f%%", (s.zeroShare ?? 0) * 100))")
    }
    if let dev = sets.first(where: { $0.set == .dev })?.macroF1,
      let test = sets.first(where: { $0.set == .test })?.macroF1
    {
      lines.append(String(format: "dev - test macro-F1: %+.2f (how much of dev's figure is fitted to dev)", dev - test))
    }
    let labelled = sets.filter { $0.principles.contains { $0.compared > 0 } }
    guard !labelled.isEmpty else { return lines.joined(separator: "\n") }
    lines.append("")
    lines.append("principle         " + labelled.map { cell($0.set.rawValue + " P/R/F1 (n)", 24) }.joined())
    for id in Rubric.principleIds {
      var row = id.padding(toLength: 18, withPad: " ", startingAt: 0)
      for s in labelled {
        guard let p = s.principles.first(where: { $0.id == id }), p.compared > 0 else { row += cell("-", 24); continue }
        row += cell(
          "\(figure(p.precision))/\(figure(p.recall))/\(figure(p.f1)) (" + Figures.right(String(p.support), 3) + ")", 24
        )
      }
      lines.append(row)
    }
    return lines.joined(separator: "\n")
  }

  /// The dev set's disagreements, each with the item's place, the expected and the scored
  /// verdict and the words the scorer went by, then the real-dev responses by judgment and
  /// score: the worklist for tuning. Never a sealed set's.
  public func errors() -> String {
    var lines: [String] = []
    if let realDev = sets.first(where: { $0.set == .realDev }) {
      for j in realDev.judged.sorted(by: {
        ($0.judgment.rank, $0.score, $0.path) > ($1.judgment.rank, $1.score, $1.path)
      }) {
        lines.append("\(j.path):\(j.line): \(j.item): judged \(j.judgment.rawValue), scored \(j.score)")
      }
    }
    guard let dev = sets.first(where: { $0.set == .dev }) else { return lines.joined(separator: "\n") }
    for d in dev.disagreements.sorted(by: { ($0.principle, $0.path, $0.line) < ($1.principle, $1.path, $1.line) }) {
      let words =
        d.evidence.isEmpty
        ? "" : " from " + d.evidence.prefix(3).map { "“\(Sanitizer.visible($0.text))”" }.joined(separator: ", ")
      lines.append(
        "\(d.path):\(d.line): \(d.item): \(d.principle) expected \(d.expected.rawValue), scored \(d.actual.rawValue)\(words)"
      )
    }
    for b in dev.bandMisses.sorted(by: { ($0.path, $0.line) < ($1.path, $1.line) }) {
      lines.append(
        "\(b.path):\(b.line): \(b.item): band expected \(b.expected.rawValue) (quality), scored \(b.actual.rawValue) (\(b.score))"
      )
    }
    return lines.joined(separator: "\n")
  }
}
