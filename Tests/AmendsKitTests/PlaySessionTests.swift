import Foundation
import Testing

@testable import AmendsKit

@Suite struct PlaySessionTests {
  let strong =
    "I'm sorry, Sam: the present never reached you. That's on us. I've sent a replacement by tracked post; it arrives Thursday, and I will refund the delivery fee today."
  let manager =
    "We marked 4471 delivered when it wasn't, and that's on us. I've resent it for Thursday and refunded the fee. Going forward we'll ask the courier for a photo on every delivery so this doesn't happen again, and I'll call Sam on Thursday."

  func setUp() throws -> (ScenarioPlayer, UserStore, URL) {
    let folder = Fixtures.temporaryFolder()
    let url = Fixtures.write(ScenarioTemplate.text(id: "sample"), to: "sample.yaml", in: folder)
    let scenario = try #require(ScenarioLibrary.loadFile(url, rubric: Fixtures.rubric).0)
    let store = UserStore(data: DataDirectory(root: folder.appendingPathComponent("data")), user: try UserName("dana"))
    return (ScenarioPlayer(scenario: scenario, scorer: Fixtures.scorer), store, folder)
  }

  func session(_ player: ScenarioPlayer, _ store: UserStore, _ lines: [String]) -> (PlaySession, CapturedOutput) {
    let output = CapturedOutput()
    return (
      PlaySession(
        player: player, store: store, input: ScriptedLines(lines), output: output, painter: Painter(color: false)),
      output
    )
  }

  @Test func playsToTheEndAndLogsEveryTurn() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (s, output) = session(player, store, ["", strong, manager])
    let ending = try s.run()
    guard case .finished(let score) = ending else { Issue.record("did not finish"); return }
    #expect(score >= 65)
    #expect(output.text.contains("The end"))
    #expect(output.text.contains("Debrief"))
    let record = try #require(try store.attempts().attempts.first)
    #expect(record.isFinished)
    #expect(record.events.map(\.beat) == ["complaint", "manager"])
    #expect(try store.summary().scenarios["sample"]?.best == score)
  }

  /// A rewrite handed back unchanged loses points; that one lowered score is what the outcome,
  /// the feedback, the log and the branches all read.
  @Test func aRewriteHasOneScoreAfterItsDeduction() throws {
    let scenario = try #require(
      Fixtures.scenarios.scenarios.first { $0.beats.contains { $0.kind == .colleagueDraft && $0.draft != nil } })
    let beat = try #require(scenario.beats.first { $0.kind == .colleagueDraft })
    let player = ScenarioPlayer(scenario: scenario, scorer: Fixtures.scorer)
    let state = ConversationState(beat: beat.id, mood: .angry, memory: ConversationMemory())
    let draft = try #require(beat.draft)
    let outcome = try #require(player.respond(to: state, with: draft))
    let review = try #require(outcome.draftReview)
    #expect(review.unchanged && review.deduction > 0)
    let undeducted = Fixtures.scorer.score(draft, context: ScenarioPlayer.context(for: beat, in: scenario)).score
    #expect(outcome.score == max(0, undeducted - review.deduction))
    #expect(outcome.band == Fixtures.rubric.band(for: outcome.score))
    #expect(outcome.logEvent(attempt: 1, turn: 1, at: Date(), retry: false).score == outcome.score)
    let shown = FeedbackView(painter: Painter(color: false), rubric: Fixtures.rubric).render(
      reply: draft, assessment: outcome.assessment)
    #expect(shown.hasPrefix("Score \(outcome.score)/100 (\(outcome.band.rawValue))"))
  }

  /// The end of a scenario scores the attempt from what the session wrote, not by reading the
  /// log back: a log moved away mid-attempt (a clean-up, a full disk's repair) cannot zero it.
  @Test func theEndScoresWhatTheSessionWroteWithoutReadingTheLogBack() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = CapturedOutput()
    final class MovesTheLog: LineSource {
      var lines: [String]
      let log: URL
      init(_ lines: [String], log: URL) {
        self.lines = lines
        self.log = log
      }
      var isInteractive: Bool { false }
      func readLine(prompt: String) -> LineInput {
        if lines.count == 1 { try? FileManager.default.removeItem(at: log) }
        return lines.isEmpty ? .end : .line(lines.removeFirst())
      }
    }
    let input = MovesTheLog(["", strong, manager], log: store.log.url)
    let ending = try PlaySession(
      player: player, store: store, input: input, output: output, painter: Painter(color: false)
    ).run()
    guard case .finished(let score) = ending else { Issue.record("did not finish"); return }
    #expect(score >= 65, "both turns count, though the first is no longer in the file")
  }

  @Test func quitsAndResumesAtTheRightBeat() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (first, _) = session(player, store, [strong, ":quit"])
    #expect(try first.run() == .paused)
    let open = try #require(try store.openAttempt(scenario: "sample"))
    #expect(open.state?.beat == "manager")
    let (second, output) = session(player, store, [manager])
    guard case .finished = try second.run(resume: open) else { Issue.record("did not finish"); return }
    #expect(output.text.contains("Resuming attempt 1"))
    let records = try store.attempts().attempts
    #expect(records.count == 1)
    #expect(records[0].events.count == 2)
  }

  @Test func endOfInputSavesTheUnfinishedAttempt() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (s, output) = session(player, store, [strong])
    #expect(try s.run() == .paused)
    #expect(output.text.contains("Progress saved"))
    #expect(try store.openAttempt() != nil)
  }

  @Test func commandsInsideAScenario() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (s, output) = session(
      player, store,
      [
        ":example", ":hint", ":brief", ":principles", ":nope", "Check with your neighbours.", ":example", ":retry",
        strong, ":skip",
      ])
    _ = try s.run()
    let text = output.text
    #expect(text.contains("Reply first"))
    #expect(text.contains("This message expects:"))
    #expect(text.contains("Brief:"))
    #expect(text.contains("Pitfalls"))
    #expect(text.contains("Unknown command :nope"))
    #expect(text.contains("A strong reply to that message:"))
    #expect(text.contains("both attempts are logged"))
    let record = try #require(try store.attempts().attempts.first)
    #expect(record.events.count == 3)
    #expect(record.events[1].retry == true)
    #expect(record.events[2].event == .turnSkipped)
    #expect(record.effectiveTurns.map(\.beat) == ["complaint", "manager"])
  }

  @Test func continuationLinesJoinIntoOneReply() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (s, _) = session(player, store, ["I'm sorry, Sam.\\", "That's on us.", ":quit"])
    _ = try s.run()
    let reply = try #require(try store.attempts().attempts.first?.events.first?.reply)
    #expect(reply == "I'm sorry, Sam.\nThat's on us.")
  }

  @Test func hugeAndHostileRepliesNeverCrash() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let huge = String(repeating: "a", count: 1_048_576)
    let hostile = "sorry \u{1B}[2J\u{1B}]0;owned\u{07} \u{FFFD}\u{0} that's on us"
    let (s, output) = session(player, store, [huge, hostile, ":quit"])
    _ = try s.run()
    #expect(output.text.contains("the limit is"))
    #expect(!output.text.contains("\u{1B}[2J"))
    #expect(!output.text.contains("\u{1B}]0;"))
    let events = try store.attempts().attempts.first?.events ?? []
    #expect(events.count == 1)
    #expect(events.first?.reply == hostile)
  }

  @Test func assessmentModeRefusesHintsExamplesAndRetries() throws {
    let (player, store, folder) = try setUp()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (s, output) = session(player, store, [":hint", strong, ":example", ":retry", ":quit"])
    s.mode = .assess
    _ = try s.run()
    #expect(output.text.contains("Hints are off"))
    #expect(output.text.contains("Examples are off"))
    #expect(output.text.contains("Retries are off"))
  }
}
