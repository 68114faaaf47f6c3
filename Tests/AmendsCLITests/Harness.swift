import AmendsKit
import Foundation

/// Runs the built `amends` binary as a user would, and makes throwaway libraries and data
/// folders for it.
enum Harness {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["AMENDS_BIN"] { return URL(fileURLWithPath: path) }
    return root.appendingPathComponent(".build/debug/amends")
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  @discardableResult
  static func run(
    _ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:], cwd: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    env["AMENDS_HOME"] = nil
    env["AMENDS_USER"] = nil
    env["AMENDS_LIBRARY"] = nil
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let cwd { process.currentDirectoryURL = cwd }
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let writer = Thread {
      input.fileHandleForWriting.write(stdin)
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    // Standard output is drained on another thread while this one drains standard error, so
    // neither pipe fills and blocks the child; the box hands the bytes back once it is done.
    // Unchecked Sendable: written by the draining thread before `group.leave()`, read after `group.wait()`.
    final class Drained: @unchecked Sendable { var data = Data() }
    let drained = Drained()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      drained.data = output.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let err = error.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let out = drained.data
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }

  static func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Result {
    try run(arguments, stdin: Data(input.utf8), environment: environment)
  }

  /// A library folder holding the bundled rubric and the given scenarios (id → YAML).
  static func library(_ scenarios: [String: String]) -> URL {
    let folder = temporaryFolder()
    let fm = FileManager.default
    try? fm.copyItem(at: root.appendingPathComponent("Scoring"), to: folder.appendingPathComponent("Scoring"))
    try? fm.createDirectory(at: folder.appendingPathComponent("Scenarios"), withIntermediateDirectories: true)
    for (name, text) in scenarios {
      try? text.write(to: folder.appendingPathComponent("Scenarios/\(name).yaml"), atomically: true, encoding: .utf8)
    }
    return folder
  }

  /// A library holding the bundled rubric and some of the bundled scenarios, by id.
  static func library(bundled ids: [String]) throws -> URL {
    let folder = library([:])
    for id in ids {
      try FileManager.default.copyItem(
        at: root.appendingPathComponent("Scenarios/\(id).yaml"),
        to: folder.appendingPathComponent("Scenarios/\(id).yaml"))
    }
    return folder
  }

  static func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("amends-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func lines(of url: URL) -> [String] {
    ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
  }

  static let strongOpening =
    "I'm sorry, Sam: the present never reached you. That's on us. I've sent a replacement by tracked post; it arrives Thursday, and I will refund the delivery fee today."
  static let strongManager =
    "We marked 4471 delivered when it wasn't, and that's on us. I've resent it for Thursday and refunded the fee. Going forward we'll ask the courier for a photo on every delivery so this doesn't happen again, and I'll call Sam on Thursday."
}
