import Foundation
import Testing

@testable import AmendsKit

@Suite struct PlayerTests {
  func templateScenario() throws -> Scenario {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = Fixtures.write(ScenarioTemplate.text(id: "sample"), to: "sample.yaml", in: folder)
    return try #require(ScenarioLibrary.loadFile(url, rubric: Fixtures.rubric).0)
  }

  @Test func weakReplyBranchesToEscalationAndMoodDrops() throws {
    let player = ScenarioPlayer(scenario: try templateScenario(), scorer: Fixtures.scorer)
    let start = player.start()
    let outcome = try #require(player.respond(to: start, with: "Check with your neighbours."))
    #expect(outcome.band == .poor)
    #expect(outcome.after.beat == "escalates")
    #expect(outcome.after.mood == .furious)
  }

  @Test func strongReplyMovesOnAndCalmsTheCustomer() throws {
    let player = ScenarioPlayer(scenario: try templateScenario(), scorer: Fixtures.scorer)
    let reply =
      "I'm sorry, Sam: the present never reached you. That's on us. I've sent a replacement by tracked post; it arrives Thursday, and I will refund the delivery fee today."
    let outcome = try #require(player.respond(to: player.start(), with: reply))
    #expect(outcome.after.beat == "manager")
    #expect(outcome.after.mood > Mood.angry)
  }

  @Test func skipTakesTheUnconditionalRoute() throws {
    let player = ScenarioPlayer(scenario: try templateScenario(), scorer: Fixtures.scorer)
    #expect(player.skip(player.start()).beat == "manager")
  }

  @Test func draftRewriteIsJudgedOnWhatChanged() throws {
    let yaml = """
      format: 1
      id: draft
      title: Draft
      difficulty: beginner
      severity: moderate
      brief: {role: You review drafts.}
      cast:
        - {id: kim, name: Kim, role: colleague}
      beats:
        - id: fix
          from: kim
          kind: colleague-draft
          message: Can you clean this up?
          draft: It's the courier's fault, not ours. Your new parcel comes Friday, order 5521.
          keep:
            - {text: "order 5521", patterns: ["5521"]}
            - {text: "Friday", patterns: ["friday"]}
      debrief: done
      """
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try #require(ScenarioLibrary.loadFile(Fixtures.write(yaml, to: "draft.yaml", in: folder)).0)
    let player = ScenarioPlayer(scenario: scenario, scorer: Fixtures.scorer)
    let good = try #require(
      player.respond(
        to: player.start(),
        with: "I'm sorry your parcel went missing; that's on us. Order 5521 is on its way again and arrives Friday."))
    // The review is the difference between the draft's pitfalls and the reply's, as scored.
    let draftPitfalls = Set(
      Fixtures.scorer.score(
        "It's the courier's fault, not ours. Your new parcel comes Friday, order 5521.",
        context: ScenarioPlayer.context(for: try #require(scenario.beats.first), in: scenario)
      ).results.filter { $0.verdict == .violated }.map(\.id))
    #expect(draftPitfalls.contains("blame-shifting"))
    #expect(!good.assessment.results.contains { $0.verdict == .violated })
    #expect(Set(good.draftReview?.removed ?? []) == draftPitfalls, "the rewrite dropped every pitfall of the draft")
    #expect(good.draftReview?.factsLost == [])
    let lossyReply = "I'm sorry your parcel went missing; that's on us. We'll resend it."
    let lossy = try #require(player.respond(to: player.start(), with: lossyReply))
    #expect(lossy.draftReview?.factsLost == ["order 5521", "Friday"])
    let beat = try #require(scenario.beats.first)
    let undeducted = Fixtures.scorer.score(lossyReply, context: ScenarioPlayer.context(for: beat, in: scenario)).score
    #expect(lossy.score == max(0, undeducted - 2 * DraftReview.pointsPerLostFact))
    #expect(lossy.assessment.score == lossy.score, "one score: the assessment carries the deduction")
    let same = try #require(
      player.respond(
        to: player.start(), with: "It's the courier's fault, not ours. Your new parcel comes Friday, order 5521."))
    #expect(same.draftReview?.unchanged == true)
    #expect(Set(same.draftReview?.kept ?? []) == draftPitfalls, "the same text keeps every pitfall it had")
  }
}
