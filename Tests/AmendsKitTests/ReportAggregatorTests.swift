import Foundation
import Testing

@testable import AmendsKit

/// The streaming aggregation, on logs written line by line through the same encoder as play.
@Suite struct ReportAggregatorTests {
  /// Writes one user's events (and raw lines) into a fresh data directory.
  final class Logs {
    let root = Fixtures.temporaryFolder()
    var data: DataDirectory { DataDirectory(root: root) }
    deinit { try? FileManager.default.removeItem(at: root) }

    func store(_ user: String) throws -> UserStore {
      let store = UserStore(data: data, user: try UserName(user))
      try store.prepare()
      return store
    }

    func start(_ user: String, _ attempt: Int, _ scenario: String, on day: String) throws {
      var event = LogEvent(event: .attemptStarted, attempt: attempt, at: Self.date(day))
      event.scenario = scenario
      event.mode = .practice
      try store(user).log.append(event)
    }

    func turn(
      _ user: String, _ attempt: Int, _ turn: Int, beat: String, score: Int, verdicts: [String: Verdict],
      on day: String, retry: Bool = false, reply: String = "a reply"
    ) throws {
      var event = LogEvent(event: .turnScored, attempt: attempt, at: Self.date(day))
      event.turn = turn
      event.beat = beat
      event.reply = reply
      event.score = score
      event.verdicts = verdicts
      event.retry = retry ? true : nil
      try store(user).log.append(event)
    }

    func skip(_ user: String, _ attempt: Int, _ turn: Int, beat: String, on day: String) throws {
      var event = LogEvent(event: .turnSkipped, attempt: attempt, at: Self.date(day))
      event.turn = turn
      event.beat = beat
      try store(user).log.append(event)
    }

    func finish(_ user: String, _ attempt: Int, on day: String) throws {
      try store(user).log.append(LogEvent(event: .attemptFinished, attempt: attempt, at: Self.date(day)))
    }

    func raw(_ user: String, _ text: String) throws {
      let handle = try FileHandle(forWritingTo: try store(user).log.url)
      handle.seekToEndOfFile()
      handle.write(Data(text.utf8))
      try handle.close()
    }

    static func date(_ day: String) -> Date { Timestamp.parse(day + "T10:00:00Z") ?? Date(timeIntervalSince1970: 0) }

    func report(_ filter: ReportFilter = ReportFilter(), warnings: inout [String]) -> TeamReport {
      var collected: [String] = []
      let result = ReportAggregator(data: data, filter: filter, rubric: Fixtures.rubric).run { collected.append($0) }
      warnings = collected
      return result
    }
  }

  @Test func countsAttemptsScoresAndVerdicts() throws {
    let logs = Logs()
    try logs.start("dana", 1, "late-refund", on: "2026-03-02")
    try logs.turn(
      "dana", 1, 1, beat: "where-is-it", score: 80, verdicts: ["apology": .met, "spin": .avoided], on: "2026-03-02")
    try logs.turn(
      "dana", 1, 2, beat: "arrived", score: 60, verdicts: ["apology": .missed, "spin": .violated], on: "2026-03-02")
    try logs.finish("dana", 1, on: "2026-03-02")
    try logs.start("dana", 2, "late-refund", on: "2026-03-20")
    try logs.turn("dana", 2, 1, beat: "where-is-it", score: 20, verdicts: ["apology": .missed], on: "2026-03-20")
    var warnings: [String] = []
    let report = logs.report(warnings: &warnings)
    #expect(warnings.isEmpty)
    let dana = try #require(report.trainees.first)
    #expect(dana.attempts == 2)
    #expect(dana.finished == 1)
    #expect(dana.turns == 3)
    #expect(dana.automatic.mean == 70)
    #expect(dana.scenariosCompleted == ["late-refund"])
    let apology = try #require(report.principles.first { $0.id == "apology" })
    #expect(apology.tally.met == 1 && apology.tally.missed == 2)
    #expect(apology.kind == .move)
    let spin = try #require(report.principles.first { $0.id == "spin" })
    #expect(spin.tally.avoided == 1 && spin.tally.violated == 1)
    let scenario = try #require(report.scenarios.first)
    #expect(scenario.attempts == 2 && scenario.finished == 1)
    #expect(scenario.hardestBeat?.id == "where-is-it", "one of two replies there failed")
    #expect(scenario.hardestBeat?.failures == 1)
  }

  @Test func aRetryReplacesTheAnswerItRetriedAndASkipCountsAsZero() throws {
    let logs = Logs()
    try logs.start("lee", 1, "late-refund", on: "2026-03-02")
    try logs.turn("lee", 1, 1, beat: "a", score: 10, verdicts: ["apology": .missed], on: "2026-03-02")
    try logs.turn("lee", 1, 2, beat: "a", score: 90, verdicts: ["apology": .met], on: "2026-03-02", retry: true)
    try logs.skip("lee", 1, 3, beat: "b", on: "2026-03-02")
    try logs.finish("lee", 1, on: "2026-03-02")
    var warnings: [String] = []
    let report = logs.report(warnings: &warnings)
    let lee = try #require(report.trainees.first)
    #expect(lee.turns == 2)
    #expect(lee.automatic.mean == 45, "(90 + 0) / 2, as AttemptRecord.score computes it")
    let records = try UserStore(data: logs.data, user: UserName("lee")).attempts().attempts
    #expect(records.first?.score == 45)
    #expect(report.principles.first { $0.id == "apology" }?.tally.met == 1)
    #expect(report.principles.first { $0.id == "apology" }?.tally.missed == 0)
  }

  /// The transcript (`AttemptRecord`) and the report (`UserLogReader`) read the same log two
  /// ways; on generated logs with retries, skips and overrides they must give the same scores.
  @Test func theRecordAndTheReportScoreEveryAttemptAlike() throws {
    var random = SplitMix64(seed: 16)
    for round in 0..<40 {
      let logs = Logs()
      let user = "u\(round)"
      try logs.start(user, 1, "late-refund", on: "2026-03-02")
      var number = 0
      for beat in ["a", "b", "c", "d"].prefix(1 + Int(random.next() % 4)) {
        for attempt in 0..<(1 + Int(random.next() % 3)) {
          number += 1
          if random.next() % 5 == 0 {
            try logs.skip(user, 1, number, beat: beat, on: "2026-03-02")
          } else {
            try logs.turn(
              user, 1, number, beat: beat, score: Int(random.next() % 101), verdicts: [:], on: "2026-03-02",
              retry: attempt > 0)
          }
        }
      }
      try logs.finish(user, 1, on: "2026-03-02")
      let store = try logs.store(user)
      for turn in 1...number where random.next() % 4 == 0 {
        try ReviewRecorder.record(
          Review(reviewer: "kim", attempt: 1, turn: turn, note: "n", override: Int(random.next() % 101), reason: "r"),
          in: store)
      }
      if random.next() % 6 == 0 {
        try ReviewRecorder.record(
          Review(reviewer: "kim", attempt: 1, turn: nil, note: "n", override: 77, reason: "r"), in: store)
      }
      var warnings: [String] = []
      let trainee = try #require(logs.report(warnings: &warnings).trainees.first)
      let record = try #require(try store.attempts().attempts.first)
      let reviews = ReviewedScores(try ReviewLog(store: store).read().reviews)
      #expect(trainee.automatic.mean.map { Int($0) } == record.score, "round \(round)")
      #expect(
        trainee.reviewed.mean.map { Int($0) } == (record.reviewedScore(reviews) ?? record.score), "round \(round)")
      #expect(trainee.hasOverrides == (record.reviewedScore(reviews) != nil), "round \(round)")
    }
  }

  @Test func corruptAndTornLinesAreWarnedAboutAndTheRestCounted() throws {
    let logs = Logs()
    try logs.start("sam", 1, "late-refund", on: "2026-03-02")
    try logs.raw("sam", "{this is not json\n")
    try logs.turn("sam", 1, 1, beat: "a", score: 50, verdicts: [:], on: "2026-03-02")
    try logs.finish("sam", 1, on: "2026-03-02")
    try logs.raw("sam", "{\"schema\":1,\"event\":\"attempt-sta")
    var warnings: [String] = []
    let report = logs.report(warnings: &warnings)
    #expect(warnings.count == 2)
    #expect(
      warnings.first?.hasSuffix("attempts.jsonl:2: warning: unreadable log line skipped (kept in the file)") == true)
    #expect(warnings.last?.contains("attempts.jsonl:5: warning: incomplete last line") == true)
    #expect(report.skippedLines == 2)
    #expect(report.trainees.first?.finished == 1)
  }

  @Test func datesFilterWholeAttemptsInclusively() throws {
    let logs = Logs()
    for (n, day) in ["2026-02-28", "2026-03-01", "2026-03-31", "2026-04-01"].enumerated() {
      try logs.start("ada", n + 1, "late-refund", on: day)
      try logs.turn("ada", n + 1, 1, beat: "a", score: 10 * (n + 1), verdicts: [:], on: day)
      try logs.finish("ada", n + 1, on: day)
    }
    var warnings: [String] = []
    let march = ReportFilter(since: CivilDate("2026-03-01"), until: CivilDate("2026-03-31"))
    let report = logs.report(march, warnings: &warnings)
    #expect(report.trainees.first?.attempts == 2)
    #expect(report.trainees.first?.automatic.mean == 25)
    #expect(report.firstDay == CivilDate("2026-03-01") && report.lastDay == CivilDate("2026-03-31"))
  }

  @Test func overridesChangeOnlyTheReviewedScores() throws {
    let logs = Logs()
    try logs.start("jo", 1, "late-refund", on: "2026-03-02")
    try logs.turn("jo", 1, 1, beat: "a", score: 40, verdicts: [:], on: "2026-03-02")
    try logs.turn("jo", 1, 2, beat: "b", score: 60, verdicts: [:], on: "2026-03-02")
    try logs.finish("jo", 1, on: "2026-03-02")
    let store = try logs.store("jo")
    let before = try Data(contentsOf: store.log.url)
    try ReviewRecorder.record(
      Review(reviewer: "kim", attempt: 1, turn: 1, note: "fair enough", override: 80, reason: "the apology was there"),
      in: store)
    #expect(try Data(contentsOf: store.log.url) == before, "the trainee's log is never rewritten")
    var warnings: [String] = []
    let report = logs.report(warnings: &warnings)
    let jo = try #require(report.trainees.first)
    #expect(jo.automatic.mean == 50)
    #expect(jo.reviewed.mean == 70)
    #expect(jo.hasOverrides && jo.notes == 1)
    try ReviewRecorder.record(
      Review(reviewer: "kim", attempt: 1, turn: nil, note: "overall", override: 90, reason: "context"), in: store)
    #expect(logs.report(warnings: &warnings).trainees.first?.reviewed.mean == 90)
  }

  @Test func reviewsAreValidated() throws {
    let logs = Logs()
    try logs.start("jo", 1, "late-refund", on: "2026-03-02")
    try logs.turn("jo", 1, 1, beat: "a", score: 40, verdicts: [:], on: "2026-03-02")
    let store = try logs.store("jo")
    #expect(throws: ReviewRecorder.Rejected.self) {
      try ReviewRecorder.record(Review(reviewer: "k", attempt: 2, turn: nil, note: "n"), in: store)
    }
    #expect(throws: ReviewRecorder.Rejected.self) {
      try ReviewRecorder.record(Review(reviewer: "k", attempt: 1, turn: 7, note: "n"), in: store)
    }
    #expect(throws: ReviewRecorder.Rejected.self) {
      try ReviewRecorder.record(
        Review(reviewer: "k", attempt: 1, turn: 1, note: "n", override: 101, reason: "r"), in: store)
    }
    #expect(throws: ReviewRecorder.Rejected.self) {
      try ReviewRecorder.record(Review(reviewer: "k", attempt: 1, turn: 1, note: "n", override: 50), in: store)
    }
    #expect(throws: ReviewRecorder.Rejected.self) {
      try ReviewRecorder.record(Review(reviewer: "k", attempt: 1, turn: 1, note: "  "), in: store)
    }
    try ReviewRecorder.record(
      Review(reviewer: "k", attempt: 1, turn: 1, note: "ok", override: 0, reason: "r"), in: store)
    #expect(try ReviewLog(store: store).read().reviews.count == 1)
  }
}
