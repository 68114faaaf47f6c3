import Foundation
import Testing

/// The compiled cache as a user meets it: it never changes a verdict, a run that finds
/// it whole compiles nothing (the file is not rewritten), a damaged or foreign file is ignored
/// and replaced, an edited pattern counts at once, and `AMENDS_CACHE=off` writes nothing.
@Suite struct CompiledCacheEndToEndTests {
  let reply =
    "I'm so sorry, Joanne, that's on us. I approved your £189 refund at 9:40 today; it reaches your Visa by Monday 19 May. From now on we check every return the day it arrives."

  func check(cache: String, library: URL = Harness.root, extra: [String] = []) throws -> Harness.Result {
    try Harness.run(
      ["check", "--format", "json", "--library", library.path] + extra, input: reply,
      environment: ["AMENDS_CACHE": cache])
  }

  func stamp(_ file: URL) throws -> Date {
    try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
  }

  @Test func aSavedCacheGivesTheSameVerdictsAndIsReadNotRewritten() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("compiled.bin")
    for extra in [[], ["--scenario", "late-refund"]] {
      let uncached = try check(cache: "off", extra: extra)
      #expect(uncached.status == 0, "\(uncached.stderr)")
      let first = try check(cache: folder.path, extra: extra)
      #expect(FileManager.default.fileExists(atPath: file.path))
      let written = try stamp(file)
      Thread.sleep(forTimeInterval: 0.02)
      let second = try check(cache: folder.path, extra: extra)
      #expect(first.stdout == uncached.stdout)
      #expect(second.stdout == uncached.stdout)
      #expect(second.stderr.isEmpty && second.status == 0)
      #expect(try stamp(file) == written, "a run that found every pattern set compiled nothing new")
    }
  }

  @Test func aDamagedOrForeignFileIsIgnoredAndReplaced() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("compiled.bin")
    let uncached = try check(cache: "off")
    _ = try check(cache: folder.path)
    let good = try Data(contentsOf: file)
    var flipped = good
    flipped[good.count / 2] ^= 0x20
    var otherBuild = good
    otherBuild[8 + 4] ^= 0x01  // the build's hash, after the magic and the format
    let damaged: [(String, Data)] = [
      ("garbage", Data("not a cache at all".utf8)), ("cut short", good.prefix(good.count / 3)),
      ("one byte changed", flipped), ("another build's", otherBuild), ("empty", Data()),
    ]
    for (what, bytes) in damaged {
      try bytes.write(to: file)
      let result = try check(cache: folder.path)
      #expect(result.status == 0, "\(what): \(result.stderr)")
      #expect(result.stderr.isEmpty, "\(what)")
      #expect(result.stdout == uncached.stdout, "\(what)")
      #expect(try Data(contentsOf: file) != bytes, "\(what): replaced")
    }
  }

  /// Root can give a file away; the file decides how replies are scored, so one that is not the
  /// user's own (planted in a shared `AMENDS_CACHE` folder) is not read, and neither is a link.
  @Test(.enabled(if: geteuid() == 0, "only root can give a file to another user"))
  func aFileThatIsNotTheUsersOwnOrIsALinkIsNotRead() throws {
    let folder = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("compiled.bin")
    let uncached = try check(cache: "off")
    _ = try check(cache: folder.path)
    #expect(chown(file.path, 65534, 65534) == 0)
    let foreign = try check(cache: folder.path)
    #expect(foreign.stdout == uncached.stdout && foreign.status == 0 && foreign.stderr.isEmpty)
    let owner = try FileManager.default.attributesOfItem(atPath: file.path)[.ownerAccountID] as? NSNumber
    #expect(owner?.uint32Value == geteuid(), "the foreign file was not read, and was replaced by the user's own")
    // A link to a good file, even the user's own, is not followed, and not written through.
    let elsewhere = folder.appendingPathComponent("elsewhere.bin")
    try FileManager.default.moveItem(at: file, to: elsewhere)
    try FileManager.default.createSymbolicLink(at: file, withDestinationURL: elsewhere)
    let before = try Data(contentsOf: elsewhere)
    let linked = try check(cache: folder.path)
    #expect(linked.stdout == uncached.stdout && linked.status == 0 && linked.stderr.isEmpty)
    #expect(try Data(contentsOf: elsewhere) == before)
  }

  @Test func anEditedPatternCountsThroughAWarmCache() throws {
    let library = Harness.library([:])
    let folder = Harness.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: library)
      try? FileManager.default.removeItem(at: folder)
    }
    let text = "We let the zebra crossing happen."
    // Whining: a phrase hit of it always stands (the trained layer's `keep` is 0), so the
    // verdict is the patterns' alone.
    func whining() throws -> String? {
      let result = try Harness.run(
        ["check", "--format", "json", "--library", library.path], input: text,
        environment: ["AMENDS_CACHE": folder.path])
      let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let principles = try #require(object["principles"] as? [[String: Any]])
      return principles.first { $0["id"] as? String == "whining" }?["verdict"] as? String
    }
    #expect(try whining() == "avoided")
    #expect(try whining() == "avoided", "from the cache")
    let yaml = library.appendingPathComponent("Scoring/whining.yaml")
    let edited = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
      of: "  patterns:\n", with: "  patterns:\n    - \"zebra crossing\"\n")
    try edited.write(to: yaml, atomically: true, encoding: .utf8)
    #expect(try whining() == "violated", "the new pattern is compiled, not the cached set used")
  }

  @Test func offWritesNothingAndAFolderThatCannotBeWrittenIsNoError() throws {
    let home = Harness.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    let uncached = try Harness.run(
      ["check", "--format", "json", "--library", Harness.root.path], input: reply,
      environment: ["AMENDS_CACHE": "off", "XDG_CACHE_HOME": home.path, "HOME": home.path])
    #expect(uncached.status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
    // A file where the folder should be: nothing can be saved, and nothing is said.
    let blocker = home.appendingPathComponent("blocker")
    try Data("x".utf8).write(to: blocker)
    let blocked = try check(cache: blocker.appendingPathComponent("amends").path)
    #expect(blocked.status == 0)
    #expect(blocked.stderr.isEmpty)
    #expect(blocked.stdout == uncached.stdout)
  }
}
