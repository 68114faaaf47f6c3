import AmendsKit
import Foundation
import Testing

/// `amends report`, `transcript` and `review` with the real binary over a small data folder:
/// three trainees, a corrupt line, a torn last line, an unreadable folder, a reply full of
/// quotes, commas, line breaks and escape sequences.
@Suite(.serialized) struct ReportEndToEndTests {
  static let nastyReply = "I'm sorry, \"truly\", we got it wrong,\nand I'll fix it.\u{1B}[2J\u{1B}]0;pwned\u{07}"

  /// A data folder written through the same log API as `amends play`.
  static func makeData() throws -> URL {
    let root = Harness.temporaryFolder()
    let data = DataDirectory(root: root)
    func store(_ name: String) throws -> UserStore {
      let s = UserStore(data: data, user: try UserName(name))
      try s.prepare()
      return s
    }
    func at(_ day: String) -> Date { Timestamp.parse(day + "T09:00:00Z") ?? Date() }
    func attempt(
      _ s: UserStore, _ n: Int, _ day: String, scores: [Int], reply: String = "I'm sorry; I've refunded it.",
      finish: Bool = true
    ) throws {
      var start = LogEvent(event: .attemptStarted, attempt: n, at: at(day))
      start.scenario = "late-refund"
      start.scenarioVersion = 1
      start.mode = .practice
      try s.log.append(start)
      for (i, score) in scores.enumerated() {
        var turn = LogEvent(event: .turnScored, attempt: n, at: at(day))
        turn.turn = i + 1
        turn.beat = i == 0 ? "where-is-it" : "arrived"
        turn.beatKind = "customer"
        turn.reply = reply
        turn.score = score
        turn.band = score < 40 ? .poor : .good
        turn.verdicts = ["apology": score >= 40 ? .met : .missed, "spin": .avoided]
        turn.evidence = score >= 40 ? ["apology": [Evidence(text: "I'm sorry", start: 0, end: 9)]] : nil
        try s.log.append(turn)
      }
      if finish { try s.log.append(LogEvent(event: .attemptFinished, attempt: n, at: at(day))) }
    }
    let dana = try store("dana")
    try attempt(dana, 1, "2026-03-02", scores: [80, 70])
    try attempt(dana, 2, "2026-03-16", scores: [90, 85])
    let lee = try store("lee")
    try attempt(lee, 1, "2026-03-03", scores: [20], reply: nastyReply)
    try attempt(lee, 2, "2026-04-10", scores: [50])
    // A corrupt line in the middle and a torn last line.
    let handle = try FileHandle(forWritingTo: lee.log.url)
    handle.seekToEndOfFile()
    handle.write(Data("not json at all\n".utf8))
    try handle.close()
    try attempt(lee, 3, "2026-04-12", scores: [60])
    let torn = try FileHandle(forWritingTo: lee.log.url)
    torn.seekToEndOfFile()
    torn.write(Data("{\"schema\":1,\"event\":\"turn-sc".utf8))
    try torn.close()
    let sam = try store("sam")
    try attempt(sam, 1, "2026-03-05", scores: [40])
    try "teams:\n  support-emea: [dana, lee]\n  support-us: [sam]\n".write(
      to: root.appendingPathComponent("teams.yaml"), atomically: true, encoding: .utf8)
    return root
  }

  func run(_ data: URL, _ arguments: [String]) throws -> Harness.Result {
    try Harness.run(arguments + ["--data-dir", data.path, "--library", Harness.root.path])
  }

  @Test func assignmentsShowWhoStandsWhere() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    try """
    assignments:
      - scenario: late-refund
        teams: [support-emea]
        due: 2099-01-31
      - scenario: late-refund
        users: [sam]
        due: 2000-01-31
        mode: assess
      - scenario: double-charge
        users: [dana, kim]
        due: 2099-01-31
    """.write(to: data.appendingPathComponent("assignments.yaml"), atomically: true, encoding: .utf8)
    let csv = try run(data, ["report", "--view", "assignments", "--format", "csv"])
    #expect(csv.status == 0, "\(csv.stderr)")
    let rows = Set(csv.stdout.split(separator: "\r\n").map(String.init))
    #expect(rows.contains("user,scenario,due,mode,status"))
    #expect(rows.contains("dana,late-refund,2099-01-31,practice,done"))
    #expect(rows.contains("lee,late-refund,2099-01-31,practice,done"))
    // Sam practised, but the assignment is an assessment, and it is past due.
    #expect(rows.contains("sam,late-refund,2000-01-31,assess,overdue"))
    #expect(rows.contains("dana,double-charge,2099-01-31,practice,not started"))
    // Assigned but never played: still listed.
    #expect(rows.contains("kim,double-charge,2099-01-31,practice,not started"))
    let table = try run(data, ["report"])
    #expect(
      table.stdout.contains("Assignments") && table.stdout.contains("2 done") && table.stdout.contains("1 overdue"))
    let json = try run(data, ["report", "--format", "json"])
    #expect(json.stdout.contains("\"assessment_average_score\"") && json.stdout.contains("\"status\" : \"overdue\""))
    let bad = try run(data, ["report", "--view", "assignments", "--format", "csv", "--user", "dana"])
    #expect(!bad.stdout.contains("kim,"), "filters by user apply to assignments too")
    try "assignments:\n  - scenario: x\n    due: soon\n    users: [dana]\n".write(
      to: data.appendingPathComponent("assignments.yaml"), atomically: true, encoding: .utf8)
    let broken = try run(data, ["report"])
    #expect(broken.status != 0)
    #expect(broken.stderr.contains("assignments.yaml:3:10: error:"))
  }

  @Test func tableCountsEveryoneWarnsAboutBadLinesAndStripsEscapes() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let result = try run(data, ["report"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains("users/lee/attempts.jsonl:7: warning: unreadable log line skipped"), "\(result.stderr)")
    #expect(result.stderr.contains("users/lee/attempts.jsonl:11: warning: incomplete last line"), "\(result.stderr)")
    for name in ["dana", "lee", "sam", "apology", "late-refund"] { #expect(result.stdout.contains(name)) }
    #expect(!result.stdout.contains("\u{1B}"), "no escape sequence from a reply reaches the terminal")
    #expect(!result.stdout.contains("pwned"))
    #expect(
      result.stdout.contains("lowest: “I'm sorry, \"truly\", we got it wrong, and I'll fix it.”"), "\(result.stdout)")
    for line in result.stdout.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
  }

  @Test func csvIsOneTidyTableWithRFC4180Quoting() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let scenarios = try run(data, ["report", "--view", "scenarios", "--format", "csv"])
    #expect(scenarios.status == 0, "\(scenarios.stderr)")
    #expect(scenarios.stdout.hasPrefix("scenario,title,attempts,finished,"))
    #expect(
      scenarios.stdout.contains("\"I'm sorry, \"\"truly\"\", we got it wrong,\nand I'll fix it.\""),
      "\(scenarios.stdout)")
    #expect(!scenarios.stdout.contains("\u{1B}"))
    let principles = try run(data, ["report", "--view", "principles", "--format", "csv"])
    let rows = principles.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.count == 1 + Rubric.principleIds.count)
    #expect(rows.contains { $0.hasPrefix("apology,move,8,7,1,0,0,0.8750,") }, "\(rows)")
    let both = try run(data, ["report", "--format", "csv"])
    #expect(both.status != 0)
    #expect(both.stderr.contains("--view"))
  }

  @Test func jsonAndHTMLAreComplete() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let json = try run(data, ["report", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let trainees = try #require(object["trainees"] as? [[String: Any]])
    #expect(trainees.map { $0["user"] as? String } == ["dana", "lee", "sam"])
    #expect(trainees.first?["average_score"] as? Double == 81.5)
    #expect((object["principles"] as? [Any])?.count == Rubric.principleIds.count)
    #expect(object["skipped_lines"] as? Int == 2)
    let html = try run(data, ["report", "--format", "html"])
    #expect(html.status == 0)
    #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(html.stdout.contains("<svg"))
    #expect(!html.stdout.contains("http"), "no network resources, not even a namespace URL")
    #expect(!html.stdout.contains("<script"))
    #expect(html.stdout.contains("@media print"))
    #expect(html.stdout.contains("&quot;truly&quot;"))
  }

  @Test func filtersByUserTeamDateScenarioAndPrinciple() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let team = try run(data, ["report", "--team", "support-emea", "--view", "trainees", "--format", "csv"])
    #expect(team.stdout.contains("\r\ndana,") && team.stdout.contains("\r\nlee,") && !team.stdout.contains("\r\nsam,"))
    let two = try run(data, ["report", "--user", "dana", "--user", "sam", "--view", "trainees", "--format", "csv"])
    #expect(
      two.stdout.contains("\r\ndana,") && two.stdout.contains("\r\nsam,") && !two.stdout.contains("\r\nlee,"),
      "\(two.stdout)")
    let march = try run(
      data,
      [
        "report", "--since", "2026-03-01", "--until", "2026-03-31", "--user", "lee", "--view", "trainees", "--format",
        "csv",
      ])
    #expect(march.stdout.contains("\r\nlee,1,1,1,"), "\(march.stdout)")
    let one = try run(data, ["report", "--principle", "apology", "--view", "principles", "--format", "csv"])
    #expect(one.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
    let none = try run(data, ["report", "--scenario", "no-such-scenario"])
    #expect(none.status == 0)
    #expect(none.stdout.contains("No attempts match"))
  }

  @Test func badArgumentsAreOneLineErrors() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let user = try run(data, ["report", "--user", "zed"])
    #expect(user.status != 0)
    #expect(
      user.stderr == "amends: error: no trainee 'zed' in \(data.path)/users; known: dana, lee, sam\n", "\(user.stderr)")
    let team = try run(data, ["report", "--team", "nope"])
    #expect(team.status != 0)
    #expect(team.stderr.contains("known teams: support-emea, support-us"))
    let date = try run(data, ["report", "--since", "2026-02-30"])
    #expect(date.status != 0)
    #expect(date.stderr.contains("--since must be a date as YYYY-MM-DD"))
    let backwards = try run(data, ["report", "--since", "2026-04-01", "--until", "2026-03-01"])
    #expect(backwards.status != 0)
  }

  @Test func anEmptyDataDirectoryIsAFriendlyMessage() throws {
    let empty = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    let result = try run(empty, ["report"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("No trainee progress"))
    #expect(result.stderr.isEmpty)
  }

  @Test func anUnreadableFolderIsAWarning() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let folder = data.appendingPathComponent("users/sam")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path) }
    // Tests run as root in CI, and root reads a chmod 000 folder anyway: nothing to check there.
    guard !FileManager.default.isReadableFile(atPath: folder.appendingPathComponent("attempts.jsonl").path) else {
      return
    }
    let result = try run(data, ["report"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("users/sam: warning: cannot read"), "\(result.stderr)")
    #expect(result.stdout.contains("dana"))
  }

  @Test func transcriptAndReviewWorkTogether() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let list = try run(data, ["transcript", "dana"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("late-refund") && list.stdout.contains("finished 2026-03-02"))
    let review = try run(
      data,
      ["review", "dana", "1", "2", "--note", "Kind, but no date.", "--override", "50", "--reason", "no commitment"])
    #expect(review.status == 0, "\(review.stderr)")
    let missingReason = try run(data, ["review", "dana", "1", "--note", "x", "--override", "50"])
    #expect(missingReason.status != 0)
    let badTurn = try run(data, ["review", "dana", "1", "9", "--note", "x"])
    #expect(badTurn.stderr.contains("no turn 9"))
    let badScore = try run(data, ["review", "dana", "1", "--note", "x", "--override", "101", "--reason", "r"])
    #expect(badScore.status != 0)
    let transcript = try run(data, ["transcript", "dana", "1"])
    #expect(transcript.status == 0, "\(transcript.stderr)")
    #expect(transcript.stdout.contains("Joanne Pryce, customer"), "messages come from the scenario file")
    #expect(transcript.stdout.contains("[+I'm sorry+]"), "evidence highlighted")
    #expect(transcript.stdout.contains("reviewed score 50 (no commitment)"))
    #expect(transcript.stdout.contains("Kind, but no date."))
    let report = try run(data, ["report", "--user", "dana", "--view", "trainees", "--format", "csv"])
    #expect(report.stdout.contains("\r\ndana,2,2,4,1,81.5,76.5,"), "\(report.stdout)")
    let nasty = try run(data, ["transcript", "lee", "1"])
    #expect(!nasty.stdout.contains("\u{1B}"))
  }

  @Test func aTranscriptWithoutItsScenarioStillShowsTheReplies() throws {
    let data = try Self.makeData()
    defer { try? FileManager.default.removeItem(at: data) }
    let library = Harness.library([:])
    defer { try? FileManager.default.removeItem(at: library) }
    let result = try Harness.run(["transcript", "dana", "2", "--data-dir", data.path, "--library", library.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("is not in the library any more"))
    #expect(result.stdout.contains("Score 90/100"))
  }

  @Test func simulateWritesLogsThatReportReads() throws {
    let data = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    let sim = try run(data, ["simulate", "--users", "3", "--attempts", "3", "--seed", "5"])
    #expect(sim.status == 0, "\(sim.stderr)")
    let report = try run(data, ["report", "--view", "trainees", "--format", "csv"])
    #expect(report.stderr.isEmpty, "\(report.stderr)")
    #expect(report.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
    let again = try run(data, ["simulate", "--users", "3", "--attempts", "3"])
    #expect(again.status != 0)
  }
}
