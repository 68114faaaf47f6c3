import Foundation
import Testing
@testable import AmendsKit

@Suite struct ProgressTests {
  @Test(arguments: ["", "a/b", "..", ".hidden", "tab\tname", "esc\u{1B}[2J", String(repeating: "x", count: 65), "dana smith", "ü"])
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

  @Test func logRoundTripsAndIgnoresATornLastLine() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    var started = LogEvent(event: .attemptStarted, attempt: 1)
    started.scenario = "x"
    try store.log.append(started)
    try SafeFile.append(Data("{\"schema\":1,\"event\":\"turn-sc".utf8), to: store.log.url)
    let (events, problems) = try store.log.read()
    #expect(events == [started])
    #expect(problems.isEmpty)
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

  @Test func aNewerSchemaIsRefused() throws {
    let (store, folder) = store()
    defer { try? FileManager.default.removeItem(at: folder) }
    try store.prepare()
    try SafeFile.append(Data("{\"schema\":99,\"event\":\"attempt-started\",\"attempt\":1,\"at\":\"x\"}\n".utf8), to: store.log.url)
    #expect(throws: AttemptLog.NewerSchema.self) { try store.log.read() }
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
    for id in Rubric.principleIds { summary.principles[id] = Summary.PrincipleTally(met: 5, recent: [true, true, true, true, true]) }
    summary.principles["bribery"] = Summary.PrincipleTally(violated: 3, recent: [false, false, false])
    summary.scenarios["other"] = Summary.ScenarioProgress(attempts: 1, completed: 1, best: 50, lastPlayed: "2026-01-01T00:00:00Z")
    let pick = try #require(Recommender(library: Fixtures.scenarios, summary: summary).recommend())
    #expect(pick.principle == "bribery")
    #expect(pick.scenario.trains.contains("bribery"))
  }
}
