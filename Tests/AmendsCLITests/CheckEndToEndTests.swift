import AmendsKit
import Foundation
import Testing

@Suite struct CheckEndToEndTests {
  let lib = ["--library", Harness.root.path]

  @Test func jsonAnswersEveryIdOnceWithByteOffsets() throws {
    let text = "Olá! I’m sorry we lost your parcel — that’s on us. I've sent a new one; it arrives Friday."
    let result = try Harness.run(["check", "--format", "json"] + lib, input: text)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let principles = try #require(object["principles"] as? [[String: Any]])
    #expect(principles.compactMap { $0["id"] as? String } == Rubric.principleIds)
    #expect((object["score"] as? Int).map { (0...100).contains($0) } == true)
    let bytes = Array(text.utf8)
    for p in principles {
      for e in (p["evidence"] as? [[String: Any]]) ?? [] {
        let start = try #require(e["start"] as? Int), end = try #require(e["end"] as? Int)
        #expect(String(decoding: bytes[start..<end], as: UTF8.self) == e["text"] as? String)
      }
    }
  }

  @Test func readsAFileAndHighlightsEvidenceInText() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("draft.txt")
    try "We regret any inconvenience this may have caused.".write(to: file, atomically: true, encoding: .utf8)
    let result = try Harness.run(["check", file.path, "--no-color"] + lib, input: "")
    #expect(result.status == 0)
    #expect(result.stdout.contains("[-regret any inconvenience"))
    #expect(result.stdout.contains("spin"))
  }

  /// `check --explain` says, after the verdicts, why each missed move was not counted.
  @Test func explainSaysWhyAMoveWasNotCounted() throws {
    let text = "Hi Tom, the courier dropped the ball and their depot is to blame. I've asked them to look into it."
    let result = try Harness.run(["check", "--explain", "--no-color", "--severity", "moderate"] + lib, input: text)
    #expect(result.status == 0, "\(result.stderr)")
    let why = try #require(result.stdout.range(of: "Why these were not counted"))
    let after = String(result.stdout[why.upperBound...])
    #expect(after.contains("apology (missed)"))
    #expect(after.contains("Nearest phrase:"))
    #expect(after.contains("The trained layer gave it"))
    #expect(!after.contains("blame-shifting ("), "a violated pitfall has nothing to explain")
  }

  /// `--explain` with `--format json` is still one JSON document, the explanations inside it;
  /// `--tokens` is a listing for people and is refused with JSON rather than printed into it.
  @Test func explainInJSONStaysOneDocument() throws {
    let text = "Hi Tom, the courier dropped the ball and their depot is to blame. I've asked them to look into it."
    let result = try Harness.run(["check", "--explain", "--format", "json"] + lib, input: text)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let explanations = try #require(object["explanations"] as? [[String: Any]])
    let apology = try #require(explanations.first { $0["principle"] as? String == "apology" })
    #expect(apology["verdict"] as? String == "missed")
    let learned = try #require(apology["learned"] as? [String: Any])
    #expect((learned["probability"] as? Double).map { (0...1).contains($0) } == true)
    #expect(!explanations.contains { $0["principle"] as? String == "blame-shifting" }, "violated: nothing to explain")
    let plain = try Harness.run(["check", "--format", "json"] + lib, input: text)
    #expect(!plain.stdout.contains("explanations"))

    let tokens = try Harness.run(["check", "--tokens", "--format", "json"] + lib, input: text)
    #expect(tokens.status == 64)
    #expect(tokens.stdout.isEmpty)
    #expect(tokens.stderr.contains("--tokens") && tokens.stderr.contains("--format json"))
  }

  @Test func emptyTextIsAnError() throws {
    let result = try Harness.run(["check"] + lib, input: "  \n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("empty"))
  }

  @Test func invalidUTF8IsReplacedWithAWarning() throws {
    var data = Data("I'm sorry ".utf8)
    data.append(contentsOf: [0xC3, 0x28])
    let result = try Harness.run(["check"] + lib, stdin: data)
    #expect(result.status == 0)
    #expect(result.stderr.contains("warning"))
    #expect(result.stderr.contains("UTF-8"))
  }

  @Test func oneMegabyteIsRejectedWithTheLimit() throws {
    let result = try Harness.run(["check"] + lib, stdin: Data(repeating: 0x61, count: 1_048_576))
    #expect(result.status == 1)
    #expect(result.stderr.contains("up to 256 KB"))
  }

  /// Just under the limit, in the shapes that once took minutes (a single 250,000-letter
  /// word; eight thousand apologies): scored, its excerpt cut to a few lines, and quickly
  /// enough that this suite's run would show it (the figures are in Benchmarks/).
  @Test func theLargestRepliesAreScoredAndTheirExcerptCut() throws {
    for reply in [
      String(repeating: "a", count: 250_000), String(repeating: "I'm sorry we lost your parcel. ", count: 8_000),
    ] {
      let result = try Harness.run(["check"] + lib, stdin: Data(reply.utf8))
      #expect(result.status == 0)
      #expect(result.stdout.hasPrefix("Score "))
      #expect(result.stdout.contains("more lines"))
      #expect(result.stdout.split(separator: "\n").count < 100, "the reply is shown as an excerpt, not 3,000 lines")
    }
  }

  @Test func badOptionsListTheValidValues() throws {
    let severity = try Harness.run(["check", "--severity", "huge"] + lib, input: "sorry")
    #expect(severity.status != 0)
    #expect(severity.stderr.contains("'minor', 'moderate' or 'severe'"))
    let scenario = try Harness.run(["check", "--scenario", "nope"] + lib, input: "sorry")
    #expect(scenario.status != 0)
    #expect(scenario.stderr.contains("valid ids"))
  }

  @Test func severityChangesTheVerdicts() throws {
    let minor = try Harness.run(
      ["check", "--format", "json", "--severity", "minor"] + lib, input: "Oops, my bad 😅 a new one ships today.")
    let severe = try Harness.run(
      ["check", "--format", "json", "--severity", "severe"] + lib, input: "Oops, my bad 😅 a new one ships today.")
    #expect(
      minor.stdout.contains("\"id\":\"flippancy\",\"verdict\":\"not-applicable\"")
        || minor.stdout.contains("\"verdict\":\"not-applicable\",\"id\":\"flippancy\""))
    #expect(severe.stdout.contains("violated"))
  }
}

@Suite struct AuthoringEndToEndTests {
  @Test func newWritesAScenarioThatLintsAndTestsAndRefusesToOverwrite() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let lib = ["--library", Harness.root.path]
    let made = try Harness.run(["new", "my-case", "--output", folder.path] + lib, input: "")
    #expect(made.status == 0)
    let file = folder.appendingPathComponent("my-case.yaml").path
    let lint = try Harness.run(["lint", file] + lib, input: "")
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    let test = try Harness.run(["test", file] + lib, input: "")
    #expect(test.status == 0, "\(test.stdout)")
    #expect(test.stdout.contains("0 failed"))
    let again = try Harness.run(["new", "my-case", "--output", folder.path] + lib, input: "")
    #expect(again.status != 0)
    #expect(again.stderr.contains("already exists"))
    let bad = try Harness.run(["new", "Bad Id!", "--output", folder.path] + lib, input: "")
    #expect(bad.status != 0)
  }

  @Test func lintReportsEveryProblemWithPositionAndCode() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bad.yaml")
    try ScenarioTemplate.text(id: "bad").replacingOccurrences(of: "  message: |", with: "  mesage: |")
      .replacingOccurrences(of: "goto: manager", with: "goto: manger").write(
        to: file, atomically: true, encoding: .utf8)
    let result = try Harness.run(["lint", file.path, "--library", Harness.root.path], input: "")
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.contains("bad.yaml:")
          && $0.contains(": error: unknown key 'mesage' in beat (did you mean 'message'?) [E004]")
      })
    #expect(lines.contains { $0.contains("[E020]") && $0.contains("did you mean 'manager'") })
    let json = try Harness.run(["lint", file.path, "--format", "json", "--library", Harness.root.path], input: "")
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(entries.contains { $0["code"] as? String == "E004" && $0["line"] is Int && $0["column"] is Int })
  }

  @Test func lintSurvivesBinaryEmptyAndHugeFiles() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data([0, 1, 2, 0xFF, 0xFE]).write(to: folder.appendingPathComponent("binary.yaml"))
    try Data().write(to: folder.appendingPathComponent("empty.yaml"))
    try Data(repeating: 0x61, count: 10 * 1024 * 1024).write(to: folder.appendingPathComponent("huge.yaml"))
    try (String(repeating: "[", count: 5000)).write(
      to: folder.appendingPathComponent("deep.yaml"), atomically: true, encoding: .utf8)
    let result = try Harness.run(["lint", folder.path, "--library", Harness.root.path], input: "")
    #expect(result.status == 1)
    for name in ["binary", "empty", "huge", "deep"] {
      #expect(result.stdout.contains("\(name).yaml:1:"), "\(name): \(result.stdout)")
    }
    #expect(!result.stderr.contains("Fatal"))
  }
}
