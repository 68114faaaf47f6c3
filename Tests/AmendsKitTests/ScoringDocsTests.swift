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

/// The worked examples of docs/scoring.md, checked against the real scorer so the page never
/// claims a verdict the scorer does not give.
@Suite struct ScoringDocsWorkedExamples {
  func assess(_ reply: String) throws -> Assessment {
    let scenario = try #require(Fixtures.scenarios.scenario("late-refund"))
    let beat = try #require(scenario.beats.first)
    return Fixtures.scorer.score(reply, context: ScenarioPlayer.context(for: beat, in: scenario))
  }

  @Test func theStrongReplyIsExcellent() throws {
    let a = try assess(
      "I'm sorry, Joanne. Liam promised your refund within 5 working days and you've had to chase us twice; that's our failure. I approved the £189 myself at 9:40 this morning and you will see it on your card by Monday 19 May at the latest. I'll email you on Monday to check it has arrived. From today a team leader checks the approval queue twice a day."
    )
    for id in ["apology", "ownership", "remedy", "prevention", "acknowledge", "commitment"] {
      #expect(a.verdict(id) == .met, "\(id)")
    }
    #expect(!a.results.contains { $0.verdict == .violated })
    #expect(a.band == .excellent)
  }

  @Test func theReplySheWantedToHearIsPoor() throws {
    let a = try assess("So sorry!! You'll definitely have it back today, the bank was slow to process it.")
    #expect(a.verdict("apology") == .met)
    for id in ["overpromise", "off-message", "blame-shifting"] { #expect(a.verdict(id) == .violated, "\(id)") }
    #expect(a.band == .poor)
  }

  @Test func theTemplatedReplyIsPoor() throws {
    let a = try assess(
      "We apologize for any inconvenience. As a valued customer, please be patient while we look into it.")
    #expect(!a.results.contains { $0.verdict == .met })
    #expect(a.verdict("spin") == .violated && a.verdict("condescension") == .violated)
    // Poor, near the bottom; not 0, which is kept for replies worse still.
    #expect(a.band == .poor && a.score < 10)
  }
}
