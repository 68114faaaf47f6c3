import Foundation
import Testing

@testable import AmendsKit

/// `amends simulate`: real scoring, varied trainees, the same files for the same seed.
@Suite struct SimulatorTests {
  func simulate(seed: UInt64, users: Int = 3, attempts: Int = 4) throws -> (URL, Simulator.Totals) {
    let root = Fixtures.temporaryFolder()
    let simulator = Simulator(
      scenarios: Fixtures.scenarios.scenarios, scorer: Fixtures.scorer,
      options: Simulator.Options(users: users, attempts: attempts, seed: seed))
    return (root, try simulator.run(into: DataDirectory(root: root)))
  }

  func logs(_ root: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    for user in DataDirectory(root: root).users() {
      out[user] = FileManager.default.contents(atPath: root.appendingPathComponent("users/\(user)/attempts.jsonl").path)
    }
    return out
  }

  @Test func theSameSeedWritesTheSameBytes() throws {
    let (a, _) = try simulate(seed: 42)
    let (b, _) = try simulate(seed: 42)
    let (c, _) = try simulate(seed: 43)
    defer { for u in [a, b, c] { try? FileManager.default.removeItem(at: u) } }
    #expect(logs(a) == logs(b))
    #expect(logs(a) != logs(c))
  }

  @Test func scoresAreWhatThePlayerGivesTheReplies() throws {
    let (root, totals) = try simulate(seed: 7)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(totals.users == 3 && totals.attempts == 12)
    let store = UserStore(data: DataDirectory(root: root), user: try UserName("ada"))
    let (attempts, problems) = try store.attempts()
    #expect(problems.isEmpty)
    #expect(attempts.count == 4)
    for attempt in attempts {
      let scenario = try #require(Fixtures.scenarios.scenario(attempt.scenario))
      let player = ScenarioPlayer(scenario: scenario, scorer: Fixtures.scorer)
      var state = player.start()
      for event in attempt.events {
        if event.retry == true { continue }
        if event.event == .turnSkipped {
          state = player.skip(state)
          continue
        }
        let outcome = try #require(player.respond(to: state, with: event.reply ?? ""))
        #expect(outcome.score == event.score, "attempt \(attempt.number) turn \(event.turn ?? 0)")
        #expect(outcome.beat.id == event.beat)
        state = event.state ?? outcome.after
      }
    }
  }

  @Test func traineesDifferAndTimeSpreadsOverMonths() throws {
    let (root, _) = try simulate(seed: 3, users: 6, attempts: 12)
    defer { try? FileManager.default.removeItem(at: root) }
    var warnings: [String] = []
    let report = ReportAggregator(data: DataDirectory(root: root), filter: ReportFilter(), rubric: Fixtures.rubric).run
    { warnings.append($0) }
    #expect(warnings.isEmpty)
    #expect(report.trainees.count == 6)
    let means = report.trainees.compactMap(\.automatic.mean)
    #expect((means.max() ?? 0) - (means.min() ?? 0) > 10, "trainees of different skill: \(means)")
    let first = try #require(report.firstDay), last = try #require(report.lastDay)
    #expect(last.daysSinceEpoch - first.daysSinceEpoch > 60)
  }

  @Test func refusesToWriteOverAnExistingLog() throws {
    let (root, _) = try simulate(seed: 1, users: 1, attempts: 1)
    defer { try? FileManager.default.removeItem(at: root) }
    let again = Simulator(
      scenarios: Fixtures.scenarios.scenarios, scorer: Fixtures.scorer,
      options: Simulator.Options(users: 1, attempts: 1))
    #expect(throws: Simulator.Refusal.self) { try again.run(into: DataDirectory(root: root)) }
  }
}
