import Foundation
import Testing
@testable import AmendsKit

/// docs/scoring.md's per-principle reference is generated from the rubric; it must match the
/// rubric as it is now (regenerate with `make docs`).
@Suite struct ScoringDocsTests {
  @Test func referenceSectionMatchesTheRubric() throws {
    let doc = try String(contentsOf: Fixtures.root.appendingPathComponent("docs/scoring.md"), encoding: .utf8)
    let generated = PrincipleReference(rubric: Fixtures.rubric).markdown()
    #expect(doc.contains(generated), "docs/scoring.md is out of date with Scoring/*.yaml: run `make docs`")
  }

  @Test func referenceCoversEveryPrincipleWithItsExamples() {
    let generated = PrincipleReference(rubric: Fixtures.rubric).markdown()
    for id in Rubric.principleIds {
      #expect(generated.contains("### \(id)\n"), "no section for \(id)")
    }
    #expect(generated.hasPrefix(PrincipleReference.begin))
    #expect(generated.hasSuffix(PrincipleReference.end))
  }
}
