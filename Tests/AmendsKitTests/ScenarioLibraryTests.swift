import Foundation
import Testing

@testable import AmendsKit

/// The bundled library: every file loads without errors, and every sample passes, as
/// `amends test Scenarios/` runs them.
@Suite struct ScenarioLibraryTests {
  @Test func bundledScenariosLoadCleanly() {
    let errors = Fixtures.scenarios.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    #expect(Fixtures.scenarios.scenarios.count >= 8)
  }

  @Test(arguments: Fixtures.scenarios.scenarios.map(\.id))
  func samplesPass(_ id: String) throws {
    let scenario = try #require(Fixtures.scenarios.scenario(id))
    let results = SampleRunner(scorer: Fixtures.scorer).run(scenario)
    for r in results where !r.passed {
      let details = r.mismatches.map { m in "expected " + m.expected + ", got " + m.actual }.joined(separator: "; ")
      Issue.record(Comment(rawValue: "\(r.path):\(r.line): \(r.beat) sample \(r.index): " + details))
    }
  }

  @Test(arguments: Fixtures.scenarios.scenarios.map(\.id))
  func everyBeatHasAStrongAndAWeakSample(_ id: String) throws {
    let scenario = try #require(Fixtures.scenarios.scenario(id))
    for beat in scenario.beats {
      #expect(beat.samples.contains { $0.isStrong }, "\(id) › \(beat.id) has no strong sample")
      #expect(
        beat.samples.contains { $0.bands?.allSatisfy { $0 <= .fair } ?? false }, "\(id) › \(beat.id) has no weak sample"
      )
    }
  }

  @Test func libraryCoversEveryPrincipleAndArrivalKind() {
    let stats = LibraryStats(scenarios: Fixtures.scenarios.scenarios)
    for id in Rubric.principleIds {
      #expect((stats.trainedBy[id] ?? 0) >= 8, "only \(stats.trainedBy[id] ?? 0) scenarios train \(id)")
    }
    #expect(Fixtures.scenarios.scenarios.count >= 42)
    for kind in BeatKind.allCases { #expect((stats.kinds[kind] ?? 0) >= 1, "no \(kind.rawValue) beat") }
    for severity in Severity.allCases { #expect(Fixtures.scenarios.scenarios.contains { $0.severity == severity }) }
  }

  @Test func theBundledLibraryLintsClean() {
    let report = Linter.lint(
      paths: [Fixtures.library.scenariosFolder.path, Fixtures.library.scoringFolder.path],
      rubricFolder: Fixtures.library.scoringFolder)
    #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
  }

  /// Played with the same dismissive reply throughout, no scenario meets it with thanks or
  /// relief: every message reached after that reply reacts to it, and the conversation ends.
  @Test(arguments: Fixtures.scenarios.scenarios.map(\.id))
  func aDismissiveReplyIsNeverThanked(_ id: String) throws {
    let scenario = try #require(Fixtures.scenarios.scenario(id))
    for beat in scenario.beats { #expect(beat.tone != nil, "\(id) › \(beat.id) declares no tone") }
    let player = ScenarioPlayer(scenario: scenario, scorer: Fixtures.scorer)
    var state = player.start()
    var turns = 0
    while let beatId = state.beat, turns < 20 {
      if turns > 0, let beat = scenario.beat(beatId) {
        #expect(
          !(beat.tone?.rewards ?? false), "\(id): after a dismissive reply, '\(beatId)' is \(beat.tone?.rawValue ?? "")"
        )
      }
      guard let outcome = player.respond(to: state, with: "That's not our problem. Read the terms next time.") else {
        break
      }
      #expect(outcome.band == .poor)
      state = outcome.after
      turns += 1
    }
    #expect(state.beat == nil, "\(id) never ends for a dismissive trainee")
  }
}
