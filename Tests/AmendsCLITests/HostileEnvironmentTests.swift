import AmendsKit
import Foundation
import Testing

/// A full disk, a read-only data folder and hostile text typed by a person, done for real to the
/// built binary. The disk tests mount a tiny tmpfs, so they need root (CI and the developers'
/// machines run as root); elsewhere they are skipped.
@Suite(.serialized) struct HostileEnvironmentTests {
  static let canMount: Bool = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")

  static func run(_ tool: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// A tmpfs of `size` mounted on a fresh folder, or nil when mounting is not allowed here.
  static func smallDisk(_ size: String) -> URL? {
    let folder = Harness.temporaryFolder()
    guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path]) == 0 else {
      try? FileManager.default.removeItem(at: folder)
      return nil
    }
    return folder
  }

  static func unmount(_ folder: URL) {
    _ = run("/bin/umount", [folder.path])
    try? FileManager.default.removeItem(at: folder)
  }

  /// Fills the file system holding `folder` until a write fails.
  static func fill(_ folder: URL) {
    let path = folder.appendingPathComponent("ballast").path
    let fd = open(path, O_WRONLY | O_CREAT, 0o600)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let block = [UInt8](repeating: 0x78, count: 4096)
    while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    var one: UInt8 = 0x78
    while write(fd, &one, 1) > 0 {}
  }

  static let opening = "I'm sorry, Joanne, that's on us: your refund sat in our approval queue."

  static func library() throws -> URL { try Harness.library(bundled: ["late-refund"]) }

  @Test(.enabled(if: canMount)) func aFullDiskIsAClearErrorAndThePreviousFilesStayIntact() throws {
    let library = try Self.library()
    defer { try? FileManager.default.removeItem(at: library) }
    let disk = try #require(Self.smallDisk("256k"))
    defer { Self.unmount(disk) }
    let data = disk.appendingPathComponent("data")
    let arguments = ["play", "late-refund", "--library", library.path, "--data-dir", data.path, "--user", "full"]
    let first = try Harness.run(arguments, input: Self.opening + "\n:quit\n")
    #expect(first.status == 0, "\(first.stderr)")
    let log = data.appendingPathComponent("users/full/attempts.jsonl")
    let summary = data.appendingPathComponent("users/full/summary.json")
    _ = try Harness.run(["progress", "--library", library.path, "--data-dir", data.path, "--user", "full"], input: "")
    let logBefore = try Data(contentsOf: log)
    let summaryBefore = try? Data(contentsOf: summary)

    Self.fill(disk)
    // Longer than the free tail of the log's last page, so the append needs a block the disk
    // does not have.
    let long = Array(repeating: "I approved the £189 myself this morning; you will see it by Monday 19 May.", count: 90)
      .joined(separator: " ")
    let second = try Harness.run(arguments, input: long + "\n")
    #expect(second.status != 0)
    let errorLines = second.stderr.split(separator: "\n")
    #expect(
      errorLines.contains { $0.hasPrefix("amends: error:") && $0.contains("No space left on device") },
      "\(second.stderr)")
    #expect(!second.stderr.contains("Fatal error") && !second.stderr.contains("Backtrace"))
    #expect(try Data(contentsOf: log) == logBefore, "the log changed on a full disk")
    #expect((try? Data(contentsOf: summary)) == summaryBefore)
  }

  @Test(.enabled(if: canMount)) func aReadOnlyDataFolderIsAClearError() throws {
    let library = try Self.library()
    defer { try? FileManager.default.removeItem(at: library) }
    let disk = try #require(Self.smallDisk("256k"))
    defer { Self.unmount(disk) }
    let data = disk.appendingPathComponent("data")
    let arguments = ["play", "late-refund", "--library", library.path, "--data-dir", data.path, "--user", "ro"]
    #expect(try Harness.run(arguments, input: Self.opening + "\n:quit\n").status == 0)
    let logBefore = try Data(contentsOf: data.appendingPathComponent("users/ro/attempts.jsonl"))
    #expect(Self.run("/bin/mount", ["-o", "remount,ro", disk.path]) == 0)
    let again = try Harness.run(arguments, input: "I approved the refund this morning.\n")
    #expect(again.status != 0)
    #expect(
      again.stderr.contains("amends: error:") && again.stderr.contains("Read-only file system"), "\(again.stderr)")
    #expect(try Data(contentsOf: data.appendingPathComponent("users/ro/attempts.jsonl")) == logBefore)
  }

  /// A container or cron job sets neither $USER nor $LOGNAME (this machine's shell set
  /// neither, and `make play` stopped at "the user name is empty"): the login account's name
  /// is used.
  @Test func noUserVariablesFallsBackToTheLoginAccount() throws {
    let library = try Self.library()
    let data = Harness.temporaryFolder()
    let account = String(cString: getpwuid(getuid()).pointee.pw_name)
    let result = try Harness.run(
      ["progress", "--library", library.path, "--data-dir", data.path], input: "",
      environment: ["USER": "", "LOGNAME": ""])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(account), "\(result.stdout)")
  }

  @Test func controlSequencesTypedByAPersonNeverReachTheTerminal() throws {
    let library = try Self.library()
    defer { try? FileManager.default.removeItem(at: library) }
    let data = library.appendingPathComponent("data")
    let base = ["--library", library.path, "--data-dir", data.path, "--user", "esc"]
    // Clear the screen, retitle the window (OSC), a bell, a NUL and a C1 control.
    let hostile = "I'm sorry\u{1B}[2J\u{1B}]0;pwned\u{07} that's on us \u{9B}31m and\u{0} more."
    let played = try Harness.run(["play", "late-refund"] + base, input: hostile + "\n:quit\n")
    #expect(played.status == 0, "\(played.stderr)")
    for output in [played.stdout, played.stderr] {
      #expect(
        !output.contains("\u{1B}") && !output.contains("\u{07}") && !output.contains("\u{9B}")
          && !output.contains("\u{0}"))
    }
    #expect(!played.stdout.contains("]0;pwned"), "the OSC sequence is removed whole, not just its ESC")
    // The log keeps what was typed, exactly: it is data, escaped as JSON.
    let log = try String(contentsOf: data.appendingPathComponent("users/esc/attempts.jsonl"), encoding: .utf8)
    #expect(log.contains("\\u001b[2J"))
    // Checking the same text as a draft is just as safe.
    let checked = try Harness.run(["check", "-"] + base, input: hostile)
    #expect(!checked.stdout.contains("\u{1B}") && !checked.stdout.contains("\u{07}"))
  }
}
