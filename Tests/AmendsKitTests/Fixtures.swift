import Foundation

@testable import AmendsKit

/// The repository's own library (Scenarios/ and Scoring/), loaded once for all tests.
enum Fixtures {
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let library = Library(root: root)
  static let rubric: Rubric = {
    do { return try library.loadRubric() } catch { fatalError("the bundled rubric does not load: \(error)") }
  }()
  static let scorer = Scorer(rubric: rubric)
  static let scenarios = library.loadScenarios(rubric: rubric)

  /// A fresh temporary folder, removed by the caller.
  static func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("amends-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ text: String, to name: String, in folder: URL) -> URL {
    let url = folder.appendingPathComponent(name)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  static func verdict(_ reply: String, _ id: String, _ context: ScoringContext = ScoringContext()) -> Verdict {
    scorer.score(reply, context: context).verdict(id)
  }
}
