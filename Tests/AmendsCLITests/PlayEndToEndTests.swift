import AmendsKit
import Foundation
import Testing

/// The README's flow with the real binary: play to the end, quit half-way through another,
/// come back, resume, and see both in `amends progress`.
@Suite(.serialized) struct PlayEndToEndTests {
  let library = Harness.library([
    "parcel": ScenarioTemplate.text(id: "parcel"),
    "second-parcel": ScenarioTemplate.text(id: "second-parcel"),
  ])
  var data: URL { library.appendingPathComponent("data") }
  var base: [String] { ["--library", library.path, "--data-dir", data.path, "--user", "dana"] }

  @Test func playsQuitsResumesAndShowsProgress() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    // 1. Play one scenario to the end from piped replies.
    let first = try Harness.run(
      ["play", "parcel"] + base, input: "\(Harness.strongOpening)\n\(Harness.strongManager)\n")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("Sam Reyes, customer"))
    #expect(first.stdout.contains("Score "))
    #expect(first.stdout.contains("The end"))
    #expect(first.stdout.contains("Debrief"))
    #expect(!first.stdout.contains("\u{1B}["), "no colour when piped")
    let log = data.appendingPathComponent("users/dana/attempts.jsonl")
    let events = Harness.lines(of: log)
    #expect(events.count == 4)
    #expect(events.first?.contains("\"event\":\"attempt-started\"") == true)
    #expect(events.last?.contains("\"event\":\"attempt-finished\"") == true)
    #expect(events.allSatisfy { $0.contains("\"schema\":1") })
    #expect(events[1].contains("\"rubric_version\"") == false && events[0].contains("\"rubric_version\""))
    #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("users/dana/summary.json").path))

    // 2. Quit half-way through another.
    let half = try Harness.run(["play", "second-parcel"] + base, input: "\(Harness.strongOpening)\n:quit\n")
    #expect(half.status == 0)
    #expect(half.stdout.contains("Progress saved"))

    // 3. Progress shows both: one completed, one unfinished.
    let progress = try Harness.run(["progress"] + base, input: "")
    #expect(progress.stdout.contains("parcel"))
    #expect(progress.stdout.contains("unfinished attempt"))
    #expect(progress.stdout.contains("1 of 2 scenarios completed"))

    // 4. Come back: `amends play` with no id resumes the unfinished attempt.
    let resumed = try Harness.run(["play"] + base, input: "\(Harness.strongManager)\n")
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("Resuming attempt 2"))
    #expect(resumed.stdout.contains("The end"))
    let after = try Harness.run(["progress"] + base, input: "")
    #expect(after.stdout.contains("2 of 2 scenarios completed"))
    #expect(!after.stdout.contains("unfinished attempt"))

    // 5. The list shows the best scores, in JSON for scripts.
    let list = try Harness.run(["list", "--format", "json"] + base, input: "")
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    #expect(entries.count == 2)
    #expect(entries.allSatisfy { $0["best"] is Int })
    #expect(Set(entries.compactMap { $0["id"] as? String }) == ["parcel", "second-parcel"])
  }

  @Test func emptyRepliesAreNotScored() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    let result = try Harness.run(["play", "parcel"] + base, input: "\n   \n\(Harness.strongOpening)\n")
    #expect(result.status == 0)
    let events = Harness.lines(of: data.appendingPathComponent("users/dana/attempts.jsonl"))
    #expect(events.filter { $0.contains("turn-scored") }.count == 1)
  }

  @Test func invalidUTF8AndNULBytesAreHandled() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    var bytes = Data("I'm sorry \u{0} that's on us ".utf8)
    bytes.append(contentsOf: [0xFF, 0xFE, 0x0A])
    let result = try Harness.run(["play", "parcel"] + base, stdin: bytes)
    #expect(result.status == 0)
    #expect(result.stderr.contains("not valid UTF-8"))
    let events = Harness.lines(of: data.appendingPathComponent("users/dana/attempts.jsonl"))
    #expect(events.contains { $0.contains("turn-scored") && $0.contains("\u{FFFD}") })
  }

  @Test func unknownScenarioSuggestsNearestIds() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    let result = try Harness.run(["play", "parcle"] + base, input: "")
    #expect(result.status != 0)
    #expect(result.stderr.contains("no scenario 'parcle'; did you mean 'parcel'"))
  }

  @Test(arguments: ["../evil", "a/b", ".hidden", "", String(repeating: "x", count: 65), "bad\u{1B}[2Jname"])
  func badUserNamesWriteNothing(_ name: String) throws {
    defer { try? FileManager.default.removeItem(at: library) }
    let result = try Harness.run(
      ["play", "parcel", "--library", library.path, "--data-dir", data.path, "--user", name], input: "hello\n")
    #expect(result.status != 0)
    #expect(result.stderr.contains("user name"))
    #expect(!result.stderr.contains("\u{1B}[2J"))
    #expect(!FileManager.default.fileExists(atPath: data.path))
  }

  @Test func aMalformedScenarioIsReportedAndTheOthersStillPlay() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    try "format: 1\nid: broken\ntitle: [unclosed\n".write(
      to: library.appendingPathComponent("Scenarios/broken.yaml"), atomically: true, encoding: .utf8)
    // Playing a named scenario reads only its own file, so another's errors neither stop nor
    // slow it; the library's other views report them.
    let named = try Harness.run(["play", "parcel"] + base, input: "\(Harness.strongOpening)\n")
    #expect(named.status == 0, "\(named.stderr)")
    #expect(named.stdout.contains("Score "))
    #expect(!named.stderr.contains("broken.yaml"))
    for command in [["list"], ["play"]] {
      let result = try Harness.run(command + base, input: "\(Harness.strongOpening)\n")
      #expect(result.status == 0, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("Scenarios/broken.yaml:"), "\(command)")
      #expect(result.stderr.contains(": error: YAML syntax"), "\(command)")
    }
    let broken = try Harness.run(["play", "broken"] + base, input: "")
    #expect(broken.status != 0)
    #expect(broken.stderr.contains("broken.yaml:3:"))
  }

  @Test func aScenarioIsPlayedByItsIdWhateverItsFileIsCalled() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    // The quick path reads Scenarios/ID.yaml; a scenario filed under another name is found in
    // the whole library, and a file named like an id but holding another is not taken for it.
    try ScenarioTemplate.text(id: "renamed-case").write(
      to: library.appendingPathComponent("Scenarios/case-file.yaml"), atomically: true, encoding: .utf8)
    try ScenarioTemplate.text(id: "the-real-one").write(
      to: library.appendingPathComponent("Scenarios/impostor.yaml"), atomically: true, encoding: .utf8)
    let renamed = try Harness.run(["play", "renamed-case"] + base, input: "\(Harness.strongOpening)\n")
    #expect(renamed.status == 0, "\(renamed.stderr)")
    #expect(renamed.stdout.contains("Score "))
    let impostor = try Harness.run(["play", "impostor"] + base, input: "")
    #expect(impostor.status != 0)
    #expect(impostor.stderr.contains("no scenario 'impostor'"))
    let attempts = Harness.lines(of: data.appendingPathComponent("users/dana/attempts.jsonl"))
    #expect(attempts.contains { $0.contains("\"renamed-case\"") })
  }

  @Test func aScenarioFileOutsideTheLibraryPlaysByItsPath() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("draft-case.yaml")
    try ScenarioTemplate.text(id: "draft-case").write(to: file, atomically: true, encoding: .utf8)
    let played = try Harness.run(["play", file.path] + base, input: "\(Harness.strongOpening)\n")
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stdout.contains("A parcel that never arrived"))
    #expect(played.stdout.contains("Score "))
    #expect(!played.stdout.contains("Playing "), "it must not fall back to a recommended scenario")
  }

  @Test func progressShowsWhatAManagerAssigned() throws {
    defer { try? FileManager.default.removeItem(at: library) }
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try
      "assignments:\n  - scenario: parcel\n    users: [dana]\n    due: 2099-01-31\n  - scenario: second-parcel\n    teams: [front]\n    due: 2000-01-31\n    mode: assess\n"
      .write(to: data.appendingPathComponent("assignments.yaml"), atomically: true, encoding: .utf8)
    try "teams:\n  front: [dana]\n".write(
      to: data.appendingPathComponent("teams.yaml"), atomically: true, encoding: .utf8)
    _ = try Harness.run(["play", "parcel"] + base, input: "\(Harness.strongOpening)\n:quit\n")
    let progress = try Harness.run(["progress"] + base, input: "")
    #expect(progress.status == 0, "\(progress.stderr)")
    #expect(progress.stdout.contains("Assigned"))
    #expect(progress.stdout.contains("parcel") && progress.stdout.contains("due 2099-01-31  in progress"))
    #expect(progress.stdout.contains("due 2000-01-31  overdue") && progress.stdout.contains("assessment"))
  }

  @Test func versionAndHelp() throws {
    let version = try Harness.run(["--version"], input: "")
    #expect(version.status == 0)
    #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    let help = try Harness.run(["--help"], input: "")
    #expect(help.stdout.contains("play"))
    #expect(help.stdout.contains("check"))
  }

  /// Shell completion of `amends play` offers the library's scenario ids.
  @Test func playCompletesScenarioIds() throws {
    let result = try Harness.run(["---completion", "play", "--", "positional@0", "2", "0", "la"], input: "")
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").contains("late-refund"), "\(result.stdout)")
  }

  /// Options with a fixed set of values name them, in help and when a wrong one is given.
  @Test func fixedChoicesAreListed() throws {
    let help = try Harness.run(["report", "--help"], input: "")
    #expect(help.stdout.contains("values: table, csv, json,") && help.stdout.contains("trainees, principles,"))
    let wrong = try Harness.run(["check", "--severity", "huge", "-"], input: "Sorry.")
    #expect(wrong.status == 64)
    #expect(wrong.stderr.contains("'minor', 'moderate' or 'severe'"), "\(wrong.stderr)")
  }
}
