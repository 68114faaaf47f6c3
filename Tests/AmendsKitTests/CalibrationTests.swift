import Foundation
import Testing

@testable import AmendsKit

/// The corpus the scorer is measured on (Scoring/corpus): sealed by its manifest, big enough to
/// mean something, and the scorer held to the figures recorded for the sets nothing was tuned on.
@Suite struct CalibrationTests {
  static let corpusFolder = Fixtures.library.scoringFolder.appendingPathComponent("corpus")
  static let loaded = CorpusLoader.load(folder: corpusFolder)

  /// Every corpus file is in the manifest with its SHA-256, and each set's digest matches: a
  /// sealed or real file edited without a deliberate new manifest fails here.
  @Test func theManifestSealsEveryFile() throws {
    let data = try Data(contentsOf: Self.corpusFolder.appendingPathComponent("MANIFEST.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    for set in CorpusSet.allCases {
      let entry = try #require(manifest[set.rawValue], "MANIFEST.json has no \(set.rawValue) set")
      let recorded = try #require(entry["files"] as? [String: String])
      let folder = Self.corpusFolder.appendingPathComponent(set.rawValue)
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        .sorted()
      var actual: [String: String] = [:]
      for name in names {
        actual["\(set.rawValue)/\(name)"] = SHA256.hex(try Data(contentsOf: folder.appendingPathComponent(name)))
      }
      for (path, digest) in actual.sorted(by: { $0.key < $1.key }) {
        #expect(
          recorded[path] == digest,
          "\(path) changed without the manifest (python3 Tools/corpus/manifest.py, committed on purpose)")
      }
      for path in recorded.keys where actual[path] == nil {
        #expect(Bool(false), "\(path) is in the manifest but not in the corpus")
      }
      let listing = actual.sorted { $0.key < $1.key }.map { "\($0.value)  \($0.key)\n" }.joined()
      #expect(
        entry["sha256"] as? String == SHA256.hex(Array(listing.utf8)),
        "the \(set.rawValue) set's digest does not match its files")
    }
  }

  @Test func theCorpusLoadsCleanAndIsBigEnough() {
    #expect(!Self.loaded.hasErrors, "\(Self.loaded.diagnostics.map(\.description).joined(separator: "\n"))")
    #expect(Self.loaded.items(in: .dev).count >= 600)
    #expect(Self.loaded.items(in: .test).count >= 400)
    #expect(Self.loaded.items(in: .real).count >= 60)
    let real = Self.loaded.items(in: .real)
    #expect(real.filter { $0.judgment == .good }.count >= 20 && real.filter { $0.judgment == .bad }.count >= 20)
  }

  /// The ratchet: test and real figures may not fall more than the tolerance below the record.
  @Test func theScorerHoldsItsRecordOnUnseenText() throws {
    let record = try CalibrationRecord.load(from: Self.corpusFolder.appendingPathComponent("record.yaml"))
    let sets = Calibration.measure(Self.loaded.items, scorer: Fixtures.scorer, sets: [.test, .real])
    let regressions = record.regressions(in: sets)
    #expect(regressions.isEmpty, "\(regressions.joined(separator: "\n"))")
    #expect(record.figures[.test]?["macro-f1"] != nil && record.figures[.real]?["pairwise"] != nil)
  }

  /// Sealed and real items are never kept one by one, so nothing can list them; real-dev
  /// responses are listed by judgment and score, to be tuned on.
  @Test func onlyDevItemsAreKept() {
    let sets = Calibration.measure(Self.loaded.items, scorer: Fixtures.scorer)
    for set in sets where set.set != .dev {
      #expect(set.disagreements.isEmpty && set.bandMisses.isEmpty)
      #expect(set.judged.isEmpty == (set.set != .realDev))
    }
    let report = CalibrationReport(sets: sets)
    let listed = report.errors()
    for item in Self.loaded.items where !item.set.mayBeListed { #expect(!listed.contains(item.id)) }
    let realDev = Self.loaded.items(in: .realDev)
    #expect(realDev.count >= 60)
    for item in realDev { #expect(listed.contains("\(item.id): judged \(item.judgment?.rawValue ?? "?")")) }
  }

  @Test func statistics() {
    #expect(Statistics.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
    #expect(Statistics.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
    #expect(Statistics.spearman([1, 1, 1], [1, 2, 3]) == nil)
    #expect(abs((Statistics.spearman([1, 2, 2, 3], [1, 2, 3, 4]) ?? 0) - 0.9487) < 0.001)
    #expect(Statistics.pairwise(better: [50, 60], worse: [50, 10]) == 0.875)
    #expect(Statistics.pairwise(better: [], worse: [1]) == nil)
  }

  /// Corpus files are data authors edit: each mistake is one line with file, line, column and code.
  @Test(arguments: [
    (
      "items:\n  - id: a\n    reply: Hi\n    verdicts: {apology: met}\n", "dev", "missing required key 'quality'",
      "E006", 2
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    quality: 7\n    verdicts: {apology: met}\n", "dev",
      "quality must be between 1 and 5", "E003", 4
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    quality: 3\n    verdicts: {apolgy: met}\n", "dev",
      "unknown principle id 'apolgy' (did you mean 'apology'?)", "E010", 5
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    quality: 3\n    verdicts: {apology: avoided}\n", "dev",
      "'apology' is a move", "E026", 5
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    quality: 3\n    verdicts: {apology: mett}\n", "test",
      "not 'mett' (did you mean 'met'?)", "E007", 5
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    quality: 3\n    verdicts: {}\n  - id: b\n    reply: \" hi \"\n    quality: 3\n    verdicts: {}\n",
      "dev", "is the same as that of 'a'", "E005", 6
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    judgment: good\n", "real", "missing required key 'judging-quote'", "E006",
      2
    ),
    (
      "items:\n  - id: a\n    reply: Hi\n    judgment: fine\n    judging-quote: x\n    source: y\n", "real",
      "judgment must be one of good, mixed, bad", "E007", 4
    ),
  ])
  func badCorpusFilesAreDiagnosed(_ body: String, _ set: String, _ message: String, _ code: String, _ line: Int) throws
  {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent(set), withIntermediateDirectories: true)
    _ = Fixtures.write("corpus: 1\n" + body, to: "\(set)/one.yaml", in: folder)
    let loaded = CorpusLoader.load(folder: folder)
    let found = loaded.diagnostics.first { $0.message.contains(message) }
    #expect(found != nil, "\(loaded.diagnostics.map(\.description))")
    #expect(found?.code == code)
    #expect(found?.line == line + 1)
    #expect(found?.path.hasSuffix("\(set)/one.yaml") == true)
  }

  @Test func aFileThatIsNotUTF8IsOneError() throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("dev"), withIntermediateDirectories: true)
    try Data("corpus: 1\nitems:\n  - id: a\n    reply: caf\u{E9}".utf8.dropLast(2) + [0xE9, 0x0A]).write(
      to: folder.appendingPathComponent("dev/bad.yaml"))
    let loaded = CorpusLoader.load(folder: folder)
    #expect(loaded.diagnostics.count == 1)
    #expect(loaded.diagnostics.first?.code == "E001" && loaded.diagnostics.first?.line == 4)
  }
}
