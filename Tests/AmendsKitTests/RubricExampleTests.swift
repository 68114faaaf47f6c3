import Testing

@testable import AmendsKit

/// Every principle's own examples, and their automatic variants, as SwiftLint runs its rules'
/// examples. A new example or principle needs no new Swift.
@Suite struct RubricExampleTests {
  static let summary = RubricExampleRunner(scorer: Fixtures.scorer).run()

  @Test(arguments: Rubric.principleIds)
  func examplesHoldFor(_ id: String) {
    let principle = Fixtures.rubric.principle(id)
    #expect(principle != nil, "Scoring/\(id).yaml is missing")
    let failures = Self.summary.failures.filter { $0.principle == id }
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
  }

  @Test(arguments: Rubric.principleIds)
  func hasTenExamplesEachWay(_ id: String) throws {
    let principle = try #require(Fixtures.rubric.principle(id))
    let good = principle.examples.filter { $0.expected.isGood }.count
    let bad = principle.examples.filter { $0.expected == .missed || $0.expected == .violated }.count
    #expect(good >= 10 && bad >= 10, "\(principle.path): \(good) good and \(bad) bad examples")
  }

  @Test func everyPrincipleOfThePrinciplesCatalogueIsInTheRubric() {
    #expect(Fixtures.rubric.principles.map(\.id) == Rubric.principleIds)
    #expect(
      Fixtures.rubric.principles.allSatisfy {
        !$0.feedback.met.isEmpty && !$0.feedback.missed.isEmpty && !$0.sources.isEmpty
      })
  }
}
