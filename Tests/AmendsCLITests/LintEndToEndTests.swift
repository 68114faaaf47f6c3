import AmendsKit
import Foundation
import Testing

/// `amends lint` on hostile input, and `amends test` and `amends new` as an author uses them:
/// the built binary, its exit status and its exact lines.
@Suite struct LintEndToEndTests {
  let lib = ["--library", Harness.root.path]

  /// What a hostile file is made of, by name.
  static let hostileFiles: [(name: String, bytes: @Sendable () -> Data)] = [
    ("binary.yaml", { Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }) }),
    ("not-utf8.yaml", { Data([0x66, 0x6F, 0x72, 0x6D, 0x61, 0x74, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]) }),
    ("empty.yaml", { Data() }),
    ("huge.yaml", { Data(("x: " + String(repeating: "a", count: 10 * 1024 * 1024) + "\n").utf8) }),
    ("deep.yaml", { Data((String(repeating: "[", count: 10_000) + "\n").utf8) }),
    (
      "deep-closed.yaml",
      { Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8) }
    ),
    (
      "deep-block.yaml",
      { Data((0..<2_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n").utf8) }
    ),
    ("comment.yaml", { Data("# a scenario, one day\n".utf8) }),
  ]

  @Test(arguments: hostileFiles.map(\.name))
  func hostileFileIsOneErrorLineNotACrash(_ name: String) throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = try #require(Self.hostileFiles.first { $0.name == name }).bytes()
    try bytes.write(to: folder.appendingPathComponent(name))
    let result = try Harness.run(["lint", name, "--no-color"] + lib, cwd: folder)
    #expect(result.status == 1, "\(name): exit \(result.status)\n\(result.stderr)")
    Self.expectOneErrorLine(result, path: name)
  }

  @Test func folderWithNoYAMLIsAnError() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("drafts"), withIntermediateDirectories: true)
    try "notes".write(to: folder.appendingPathComponent("drafts/notes.txt"), atomically: true, encoding: .utf8)
    let result = try Harness.run(["lint", "drafts"] + lib, cwd: folder)
    #expect(result.status == 1)
    Self.expectOneErrorLine(result, path: "drafts", code: "E000", files: 0)
  }

  @Test func missingPathIsAnError() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Harness.run(["lint", "nowhere.yaml"] + lib, cwd: folder)
    #expect(result.status == 1)
    Self.expectOneErrorLine(result, path: "nowhere.yaml", code: "E000", files: 0)
  }

  @Test func theBundledLibraryHasNoErrors() throws {
    let result = try Harness.run(["lint"] + lib, cwd: Harness.root)
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stderr.hasPrefix("0 errors"), "\(result.stderr)")
  }

  @Test func everyBundledSamplePassesThroughTheBinary() throws {
    let result = try Harness.run(
      ["test", Harness.root.appendingPathComponent("Scenarios").path, "--library", Harness.root.path], input: "")
    #expect(result.status == 0, "\(result.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") })")
    #expect(result.stdout.contains(" passed, 0 failed"))
    #expect(!result.stdout.contains("FAIL "))
  }

  @Test func jsonOutputIsAnArrayOfDiagnostics() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "".write(to: folder.appendingPathComponent("empty.yaml"), atomically: true, encoding: .utf8)
    let result = try Harness.run(["lint", "empty.yaml", "--format", "json"] + lib, cwd: folder)
    #expect(result.status == 1)
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(entries.count == 1)
    #expect(entries.first?["code"] as? String == "E002")
    #expect(entries.first?["line"] as? Int == 1 && entries.first?["column"] as? Int == 1)
  }

  // MARK: - amends test

  @Test func aBrokenSamplePrintsFailWithADiffAndExitsNonZero() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let new = try Harness.run(["new", "parcel", "--output", folder.path] + lib)
    #expect(new.status == 0, "\(new.stderr)")
    let url = folder.appendingPathComponent("parcel.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    let broken = text.replacingOccurrences(
      of: "        verdicts: {apology: missed}\n        next: escalates",
      with: "        verdicts: {apology: met}\n        next: manager")
    #expect(broken != text, "the template's weak sample changed; update this test")
    try broken.write(to: url, atomically: true, encoding: .utf8)

    let result = try Harness.run(["test", "parcel.yaml", "--no-color"] + lib, cwd: folder)
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let fail = try #require(lines.firstIndex { $0.hasPrefix("FAIL ") }, "\(result.stdout)")
    #expect(
      lines[fail].range(
        of: #"^FAIL parcel\.yaml:\d+:\d+: parcel › complaint › sample 2 \(weak\)$"#, options: .regularExpression)
        != nil, "\(lines[fail])")
    let diff = Array(lines[(fail + 1)...].prefix { $0.hasPrefix("    ") })
    #expect(diff.first == "    reply: Our courier marked it delivered, so please check with your neighbours.")
    #expect(diff.contains("    --- expected") && diff.contains("    +++ actual"))
    #expect(diff.contains { $0.hasPrefix("      band: poor (score ") }, "\(diff)")
    #expect(diff.contains("    - apology: met") && diff.contains("    + apology: missed"), "\(diff)")
    #expect(diff.contains("    - next: manager"), "\(diff)")
    #expect(diff.contains { $0.hasPrefix("    + next: escalates (branch 1, line ") }, "\(diff)")
    #expect(lines.filter { $0.hasPrefix("PASS ") }.count == 4)
    #expect(lines.last == "4 passed, 1 failed")
  }

  @Test func newPointsTheEditorAtTheLibrarySchema() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Harness.run(["new", "kettle", "--output", folder.path] + lib)
    #expect(result.status == 0)
    let first = Harness.lines(of: folder.appendingPathComponent("kettle.yaml")).first
    #expect(
      first == "# yaml-language-server: $schema="
        + Harness.root.appendingPathComponent("Scenarios/schema.json").standardizedFileURL.path)
    let lint = try Harness.run(["lint", folder.appendingPathComponent("kettle.yaml").path] + lib)
    #expect(lint.status == 0 && lint.stdout.isEmpty, "\(lint.stdout)")
  }

  /// Exactly one line on standard output, `path:line:column: error: message [CODE]`, and nothing
  /// on standard error but the count: no stack trace, no crash report.
  static func expectOneErrorLine(_ result: Harness.Result, path: String, code: String? = nil, files: Int = 1) {
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
    #expect(lines.count == 1, "\(path): \(result.stdout)")
    let pattern = "^" + NSRegularExpression.escapedPattern(for: path) + #":[0-9]+:[0-9]+: error: [^\n]+ \[E[0-9]{3}\]$"#
    #expect(
      lines.first.map { $0.range(of: pattern, options: .regularExpression) != nil } == true, "\(path): \(result.stdout)"
    )
    if let code { #expect(lines.first?.hasSuffix("[\(code)]") == true, "\(lines)") }
    #expect(
      result.stderr == "1 error, 0 warnings in \(files) file\(files == 1 ? "" : "s")\n", "\(path): \(result.stderr)")
  }
}
