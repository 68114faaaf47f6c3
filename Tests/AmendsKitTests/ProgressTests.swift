import Foundation
import Testing

@testable import AmendsKit

@Suite struct ProgressTests {
  @Test(arguments: [
    "", "a/b", "..", ".hidden", "tab\tname", "esc\u{1B}[2J", String(repeating: "x", count: 65), "dana smith", "ü",
  ])
  func rejectsUnsafeUserNames(_ name: String) {
    #expect(throws: UserName.Invalid.self) { try UserName(name) }
  }

  @Test(arguments: ["dana", "Dana.Smith", "d_s-1", String(repeating: "x", count: 64)])
  func acceptsSafeUserNames(_ name: String) throws {
    #expect(try UserName(name).value == name)
  }

  func store() -> (UserStore, URL) {
    let folder = Fixtures.temporaryFolder()
    return (UserStore(data: DataDirectory(root: folder), user: try! UserName("dana")), folder)
  }

  @Test func logRoundTripsAndSkipsATornLastLineWithAWarning() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    var started = LogEvent(event: .attemptStarted, attempt: 1)
    started.scenario = "x"
    try store.log.append(started)
    try SafeFile.append(Data("{\"schema\":1,\"event\":\"turn-sc".utf8), to: store.log.url)
    let (events, problems) = try store.log.read()
    #expect(events == [started])
    #expect(problems.map(\.kind) == [.torn], "skipped as the report skips it, under one policy")
  }

  @Test func anEventAppendedAfterATornLineIsKeptWhole() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    let started = LogEvent(event: .attemptStarted, attempt: 1)
    try store.log.append(started)
    // The process died mid-write; the next session appends its first event.
    try SafeFile.append(Data("{\"schema\":1,\"event\":\"turn-sc".utf8), to: store.log.url)
    let finished = LogEvent(event: .attemptFinished, attempt: 1)
    try store.log.append(finished)
    let (events, problems) = try store.log.read()
    #expect(events == [started, finished])
    #expect(problems.map(\.line) == [2])
  }

  @Test func corruptLinesAreReportedWithPathAndLineAndKept() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    try store.log.append(LogEvent(event: .attemptStarted, attempt: 1))
    try SafeFile.append(Data("not json\n".utf8), to: store.log.url)
    try store.log.append(LogEvent(event: .attemptFinished, attempt: 1))
    let (events, problems) = try store.log.read()
    #expect(events.count == 2)
    #expect(problems.map(\.line) == [2])
    #expect(problems[0].description.contains("attempts.jsonl:2: warning"))
    #expect(try String(contentsOf: store.log.url, encoding: .utf8).contains("not json"))
  }

  /// The one policy of docs/log-format.md: readers skip a newer line with a warning; the
  /// writer that numbers and resumes attempts refuses the log.
  @Test func aNewerSchemaIsSkippedByReadersAndRefusedByTheWriter() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    try store.log.append(LogEvent(event: .attemptStarted, attempt: 1))
    try SafeFile.append(
      Data("{\"schema\":99,\"event\":\"attempt-finished\",\"attempt\":1,\"at\":\"x\",\"new\":[1]}\n".utf8),
      to: store.log.url)
    let (events, problems) = try store.log.read()
    #expect(events.count == 1)
    #expect(
      problems.map(\.description) == [
        "\(displayPath(store.log.url)):2: warning: line written by a newer amends (log schema 99) skipped; update amends"
      ])
    #expect(throws: NewerLogSchema.self) { try store.openAttempt() }
    #expect(throws: NewerLogSchema.self) {
      try store.log.startAttempt { LogEvent(event: .attemptStarted, attempt: $0) }
    }
    #expect(try store.log.read().events.count == 1, "nothing was appended")
  }

  @Test func aTornOrOverlongLineIsSkippedWithItsWarning() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    try store.log.append(LogEvent(event: .attemptStarted, attempt: 1))
    let long = String(repeating: "x", count: LineReader.maximumLineBytes + 10)
    try SafeFile.append(Data("{\"reply\":\"\(long)\"}\n".utf8), to: store.log.url)
    try store.log.append(LogEvent(event: .attemptFinished, attempt: 1))
    try SafeFile.append(Data("{\"schema\":1,\"ev".utf8), to: store.log.url)
    let (events, problems) = try store.log.read()
    #expect(events.map(\.event) == [.attemptStarted, .attemptFinished])
    let first = try AttemptLog.line(LogEvent(event: .attemptStarted, attempt: 1)).count
    #expect(problems.map(\.kind) == [.tooLong(offset: first), .torn])
    #expect(problems.map(\.line) == [2, 4])
    #expect(problems[0].message.contains("longer than 1 MiB"))
  }

  @Test func summaryIsRebuiltWhenMissingOrCorrupt() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    var started = LogEvent(event: .attemptStarted, attempt: 1)
    started.scenario = "late-refund"
    try store.log.append(started)
    var turn = LogEvent(event: .turnScored, attempt: 1)
    turn.beat = "b"
    turn.score = 80
    turn.verdicts = ["apology": .met, "spin": .violated]
    try store.log.append(turn)
    try store.log.append(LogEvent(event: .attemptFinished, attempt: 1))
    let summary = try store.summary()
    #expect(summary.scenarios["late-refund"]?.best == 80)
    #expect(summary.principles["apology"]?.met == 1)
    #expect(summary.principles["spin"]?.violated == 1)
    try Data("{garbage".utf8).write(to: store.summaryURL)
    #expect(try store.summary() == summary)
  }

  @Test func retriesReplaceTheTurnTheyRetry() {
    var record = AttemptRecord(number: 1, scenario: "s", scenarioVersion: 1, mode: .practice, started: "t")
    var first = LogEvent(event: .turnScored, attempt: 1)
    first.beat = "a"
    first.score = 20
    var second = first
    second.score = 90
    second.retry = true
    record.events = [first, second]
    #expect(record.effectiveTurns.count == 1)
    #expect(record.score == 90)
  }

  @Test func neverFollowsASymlinkPlantedInTheDataFolder() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    let victim = folder.appendingPathComponent("victim.txt")
    try Data("precious".utf8).write(to: victim)
    try FileManager.default.createSymbolicLink(at: store.summaryURL, withDestinationURL: victim)
    try FileManager.default.createSymbolicLink(at: store.log.url, withDestinationURL: victim)
    #expect(throws: SafeFile.Failure.self) { try store.saveSummary(Summary(user: "dana", logBytes: 0)) }
    #expect(throws: SafeFile.Failure.self) { try store.log.append(LogEvent(event: .attemptStarted, attempt: 1)) }
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
  }

  @Test func filesArePrivate() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    try store.log.append(LogEvent(event: .attemptStarted, attempt: 1))
    let fileMode = try FileManager.default.attributesOfItem(atPath: store.log.url.path)[.posixPermissions] as? Int
    let folderMode = try FileManager.default.attributesOfItem(atPath: store.folder.path)[.posixPermissions] as? Int
    #expect(fileMode == 0o600)
    #expect(folderMode == 0o700)
  }

  @Test func recommendsAScenarioForTheWeakestPrinciple() throws {
    var summary = Summary(user: "dana", logBytes: 0)
    for id in Rubric.principleIds {
      summary.principles[id] = Summary.PrincipleTally(met: 5, recent: [true, true, true, true, true])
    }
    summary.principles["bribery"] = Summary.PrincipleTally(violated: 3, recent: [false, false, false])
    summary.scenarios["other"] = Summary.ScenarioProgress(
      attempts: 1, completed: 1, best: 50, lastPlayed: "2026-01-01T00:00:00Z")
    let pick = try #require(Recommender(library: Fixtures.scenarios, summary: summary).recommend())
    #expect(pick.principle == "bribery")
    #expect(pick.scenario.trains.contains("bribery"))
  }
}

@Suite struct UserNameResolutionTests {
  @Test func theFirstNonEmptySourceWins() {
    let account = { () -> String? in "acct" }
    #expect(UserName.resolve(explicit: "dana", environment: ["AMENDS_USER": "lee"], accountName: account) == "dana")
    #expect(
      UserName.resolve(explicit: nil, environment: ["AMENDS_USER": "lee", "USER": "u"], accountName: account) == "lee")
    #expect(
      UserName.resolve(explicit: nil, environment: ["AMENDS_USER": "", "USER": "u"], accountName: account) == "u")
    #expect(UserName.resolve(explicit: nil, environment: ["LOGNAME": "l"], accountName: account) == "l")
    #expect(UserName.resolve(explicit: nil, environment: ["USER": ""], accountName: account) == "acct")
    #expect(UserName.resolve(explicit: nil, environment: [:], accountName: { nil }) == "")
  }
}
