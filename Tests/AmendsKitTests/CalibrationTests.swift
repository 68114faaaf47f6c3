import Foundation
import Testing
@testable import AmendsKit

/// The scorer against a coach's judgement on whole replies; thresholds justified in
/// docs/scoring.md.
@Suite struct CalibrationTests {
  @Test func scorerAgreesWithTheCoach() throws {
    let set = try CalibrationSet.load(from: Fixtures.library.scoringFolder.appendingPathComponent("calibration.yaml"))
    #expect(set.items.count >= 80)
    let result = CalibrationResult.measure(set, scorer: Fixtures.scorer)
    print(result.render())
    #expect(result.shortfalls().isEmpty, "\(result.shortfalls().joined(separator: "\n"))")
  }

  @Test func everyItemNamesVerdictsForItsApplicablePrinciples() throws {
    let set = try CalibrationSet.load(from: Fixtures.library.scoringFolder.appendingPathComponent("calibration.yaml"))
    for item in set.items {
      let applicable = item.verdicts.filter { $0.value != .notApplicable }
      #expect(applicable.count >= 5, "\(item.id) names only \(applicable.count) verdicts")
    }
  }
}
