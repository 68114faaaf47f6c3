import AmendsKit
import Foundation
import Testing

/// Harm done for real to the real binary: `kill -9` at random moments of scripted sessions, and
/// several sessions of one user writing at once while another process reads.
@Suite(.serialized) struct CrashSafetyTests {
  static let replies = [
    "I'm sorry, Joanne, that's on us: your refund sat in our approval queue.",
    "I approved the £189 myself this morning; you will see it by Monday 19 May and I'll email you on Monday.",
    "From today a team leader checks the approval queue at 10am and 3pm, so this cannot happen again.",
    "Thank you for telling us; you were right to chase it.",
    "You'll definitely have it back today, the bank was slow.",
    "I'm sorry again, truly sorry, so sorry.",
  ]

  /// A library with one real multi-beat scenario.
  static func library() throws -> URL { try Harness.library(bundled: ["late-refund"]) }

  /// Starts `amends` with piped standard input and output, without colour.
  static func launch(_ arguments: [String]) throws -> (process: Process, stdin: Pipe, stdout: Pipe) {
    // Writing to a killed process must fail with EPIPE, not kill the test runner.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = Harness.binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    process.environment = env
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    return (process, stdin, stdout)
  }

  /// Types `line` and Enter; a dead process makes the write fail (EPIPE), which is expected.
  static func type(_ line: String, into stdin: Pipe) {
    _ = try? stdin.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
  }

  /// Starts `amends` with the given stdin text; returns the process and its stdout pipe.
  static func start(_ arguments: [String], input: String) throws -> (Process, Pipe) {
    let (process, stdin, stdout) = try launch(arguments)
    try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
    try? stdin.fileHandleForWriting.close()
    return (process, stdout)
  }

  static func events(_ log: URL) throws -> [LogEvent] {
    try AttemptLog(url: log).read().events
  }

  @Test func killNineLosesNothingAlreadyScoredAndResumesAtTheRightBeat() throws {
    let library = try Self.library()
    defer { try? FileManager.default.removeItem(at: library) }
    let data = library.appendingPathComponent("data")
    let log = data.appendingPathComponent("users/crash/attempts.jsonl")
    let arguments = ["play", "late-refund", "--library", library.path, "--data-dir", data.path, "--user", "crash"]
    var generator = SeededGenerator(seed: 20261202)
    var shownScores = 0
    var killedMidSession = 0
    for round in 0..<16 {
      let before = (try? Self.events(log)) ?? []
      let open = AttemptRecord.group(before).last { $0.isOpen }
      // Each reply is answered again with :retry, so a session scores a dozen turns.
      let typed = Self.replies.shuffled(using: &generator).flatMap { [$0, ":retry", $0] }
      let (process, stdin, stdout) = try Self.launch(arguments)
      let output = OutputCollector(stdout)
      // Kill before the first reply, or while the reply after the k-th score is read, scored,
      // logged or printed. Each reply's score is awaited before the next is typed, as a person
      // reads it, and standard input stays open, so how fast this machine is decides nothing:
      // only the end of the scenario ends a session before its kill.
      let k = Int.random(in: 0...3, using: &generator)
      var lines = typed[...]
      while output.scores < k, process.isRunning, let line = lines.popFirst() {
        let shown = output.scores
        Self.type(line, into: stdin)
        if !line.hasPrefix(":") { output.waitForMoreScores(than: shown, while: process) }
      }
      if k > 0 {
        while let line = lines.popFirst() {
          Self.type(line, into: stdin)
          if !line.hasPrefix(":") { break }
        }
      }
      usleep(UInt32.random(in: 0...40_000, using: &generator))
      let wasRunning = process.isRunning
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      try? stdin.fileHandleForWriting.close()
      let shownNow = output.finish()
      shownScores += shownNow
      if wasRunning && shownNow > 0 { killedMidSession += 1 }

      let after = try Self.events(log)
      let scored = after.filter { $0.event == .turnScored }
      // Every reply whose score was shown is in the log (the turn is logged before it is shown).
      #expect(scored.count >= shownScores, "round \(round): \(shownScores) scores shown, \(scored.count) logged")
      // Exactly once: no (attempt, turn) pair twice.
      let keys = scored.map { "\($0.attempt)/\($0.turn ?? -1)" }
      #expect(Set(keys).count == keys.count, "round \(round): a turn was logged twice: \(keys)")
      // A resumed attempt continues from the beat its last turn led to.
      if let open, let expected = open.state?.beat {
        let newTurns = after.dropFirst(before.count).filter { $0.attempt == open.number && $0.event == .turnScored }
        if let first = newTurns.first {
          #expect(first.beat == expected, "round \(round): resumed at \(first.beat ?? "?"), not \(expected)")
        }
      }
    }
    // The harm was real: some sessions died after scoring replies and before their end.
    #expect(killedMidSession >= 2, "only \(killedMidSession) sessions were killed mid-way")
    // The log still reads: only torn lines of killed writes may be unreadable, and the next
    // session plays on.
    let problems = try AttemptLog(url: log).read().problems
    #expect(problems.allSatisfy { $0.message.contains("unreadable") })
    let final = try Harness.run(arguments, input: Self.replies.joined(separator: "\n") + "\n")
    #expect(final.status == 0, "\(final.stderr)")
  }

  @Test func aSecondSessionSaysAnotherIsActive() throws {
    let library = try Self.library()
    defer { try? FileManager.default.removeItem(at: library) }
    let data = library.appendingPathComponent("data")
    let folder = data.appendingPathComponent("users/twice")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // This test holds the first session's lock.
    let first = SessionLock()
    #expect(try first.acquire(in: folder))
    let second = try Harness.run(
      ["play", "late-refund", "--library", library.path, "--data-dir", data.path, "--user", "twice"],
      input: Self.replies[0] + "\n")
    #expect(second.status == 0)
    #expect(second.stdout.contains("another amends session of twice is active"))
    #expect(second.stdout.contains("Score "))
  }

  @Test func concurrentSessionsOfOneUserLoseNoTurnWhileAReaderReads() throws {
    let library = try Self.library()
    defer { try? FileManager.default.removeItem(at: library) }
    let data = library.appendingPathComponent("data")
    let arguments = [
      "play", "late-refund", "--restart", "--library", library.path, "--data-dir", data.path, "--user", "busy",
    ]
    let input = Self.replies.joined(separator: "\n") + "\n"
    var writers: [(Process, Pipe)] = []
    for _ in 0..<4 { writers.append(try Self.start(arguments, input: input)) }
    // Readers while they write: progress and a manager's report must always load, whole lines
    // only, with nothing to warn about.
    var readerFailures: [String] = []
    for _ in 0..<4 {
      let progress = try Harness.run(
        ["progress", "--library", library.path, "--data-dir", data.path, "--user", "busy"], input: "")
      if progress.status != 0 || progress.stderr.contains("warning") { readerFailures.append(progress.stderr) }
      let report = try Harness.run(
        ["report", "--format", "json", "--library", library.path, "--data-dir", data.path], input: "")
      if report.status != 0 || report.stderr.contains("warning") { readerFailures.append(report.stderr) }
    }
    var shown = 0
    for (process, stdout) in writers {
      let printed = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      shown += printed.components(separatedBy: "\nScore ").count - 1
    }
    #expect(readerFailures.isEmpty, "\(readerFailures)")
    let (events, problems) = try AttemptLog(url: data.appendingPathComponent("users/busy/attempts.jsonl")).read()
    #expect(problems.isEmpty, "\(problems)")
    #expect(events.filter { $0.event == .turnScored }.count == shown)
    #expect(shown > 0)
  }
}

/// Collects a process's standard output as it comes, and counts the scores shown so far.
/// Unchecked Sendable: `text` is read and written only under `lock`.
final class OutputCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  private let done = DispatchSemaphore(value: 0)

  init(_ pipe: Pipe) {
    let handle = pipe.fileHandleForReading
    Thread {
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        self.lock.lock()
        self.text += String(decoding: chunk, as: UTF8.self)
        self.lock.unlock()
      }
      self.done.signal()
    }.start()
  }

  var scores: Int {
    lock.lock()
    defer { lock.unlock() }
    return text.components(separatedBy: "\nScore ").count - 1
  }

  /// Waits until more than `count` scores are shown, `process` ends, or 20 seconds pass.
  func waitForMoreScores(than count: Int, while process: Process) {
    let deadline = Date().addingTimeInterval(20)
    while scores <= count && process.isRunning && Date() < deadline { usleep(2_000) }
  }

  /// Waits for the end of the output; the number of scores shown.
  func finish() -> Int {
    done.wait()
    return scores
  }
}

/// SplitMix64: a seeded generator, so a failing round can be replayed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
