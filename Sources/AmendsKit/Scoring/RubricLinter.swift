import Foundation

/// Problems in a rubric that loads: principles without enough examples.
struct RubricLinter {
  let rubric: Rubric
  static let minimumExamples = 10

  func problems() -> [Diagnostic] {
    var found: [Diagnostic] = []
    for p in rubric.principles {
      let good = p.examples.filter { $0.expected.isGood }.count
      let bad = p.examples.filter { $0.expected == .missed || $0.expected == .violated }.count
      let names = p.kind == .move ? ("met", "missed") : ("avoided", "violated")
      if good < Self.minimumExamples || bad < Self.minimumExamples {
        found.append(
          Diagnostic(
            path: p.path, line: 1, column: 1, severity: .warning,
            message:
              "'\(p.id)' has \(good) '\(names.0)' and \(bad) '\(names.1)' examples; give at least \(Self.minimumExamples) of each",
            code: "W040"))
      }
    }
    return found
  }
}
