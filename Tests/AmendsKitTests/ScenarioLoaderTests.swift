import Foundation
import Testing

@testable import AmendsKit

@Suite struct ScenarioLoaderTests {
  func diagnostics(_ yaml: String) -> [Diagnostic] {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = Fixtures.write(yaml, to: "s.yaml", in: folder)
    return ScenarioLibrary.loadFile(url, rubric: Fixtures.rubric).1
  }

  var template: String { ScenarioTemplate.text(id: "sample") }

  @Test func theTemplateLoadsLintsAndPasses() throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = Fixtures.write(template, to: "sample.yaml", in: folder)
    let (scenario, found) = ScenarioLibrary.loadFile(url, rubric: Fixtures.rubric)
    #expect(found.isEmpty, "\(found)")
    let loaded = try #require(scenario)
    #expect(SampleRunner(scorer: Fixtures.scorer).run(loaded).allSatisfy { $0.passed })
  }

  @Test func unknownKeyNamesLineColumnAndSuggestion() {
    let yaml = template.replacingOccurrences(of: "    message: Lee here.", with: "    mesage: Lee here.")
    let d = diagnostics(yaml)
    let unknown = d.first { $0.code == "E004" }
    #expect(unknown?.message == "unknown key 'mesage' in beat (did you mean 'message'?)")
    #expect((unknown?.line ?? 0) > 1 && unknown?.column == 5)
  }

  @Test func newerFormatIsRefusedWithUpdateAdvice() {
    let d = diagnostics(template.replacingOccurrences(of: "format: 1 ", with: "format: 9 "))
    #expect(d.contains { $0.code == "E011" && $0.message.contains("update amends") })
  }

  @Test func newerFormatIsTheOnlyProblemReported() {
    // Keys a newer format added must not read as typos.
    let yaml = template.replacingOccurrences(of: "format: 1 ", with: "format: 2 ") + "escalation-policy: strict\n"
    let d = diagnostics(yaml)
    #expect(d.map(\.code) == ["E011"], "\(d)")
    #expect(d.first?.message.contains("update amends") == true)
    let formatLine = template.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
      $0.hasPrefix("format:")
    }.map { $0 + 1 }
    #expect(d.first?.line == formatLine)
  }

  @Test(arguments: ["format: one", "format: 0", "format: [1]"])
  func badFormatValuesAreTypeErrors(_ line: String) {
    let d = diagnostics(template.replacingOccurrences(of: "format: 1 ", with: line + " "))
    #expect(d.contains { $0.code == "E003" && $0.message.contains("format") }, "\(d)")
  }

  @Test(arguments: [
    ("title: A parcel", "titel: A parcel", "unknown key 'titel' in scenario (did you mean 'title'?)"),
    ("  situation: Order", "  situaton: Order", "unknown key 'situaton' in brief (did you mean 'situation'?)"),
    (
      "        verdicts: {apology: missed}", "        verdict: {apology: missed}",
      "unknown key 'verdict' in sample (did you mean 'verdicts'?)"
    ),
    ("      - when: {band: poor}", "      - when: {bands: poor}", "unknown key 'bands' in when (did you mean 'band'?)"),
    ("    role: executive", "    rol: executive", "unknown key 'rol' in cast member (did you mean 'role'?)"),
  ])
  func unknownKeysEverywhereGetADidYouMean(_ replacing: String, _ with: String, _ message: String) {
    let yaml = template.replacingOccurrences(of: replacing, with: with)
    #expect(yaml != template, "the template no longer contains '\(replacing)'")
    #expect(diagnostics(yaml).contains { $0.code == "E004" && $0.message == message }, "\(diagnostics(yaml))")
  }

  @Test func emptyBeatsIsAnErrorNotASilentDrop() {
    let start = template.range(of: "\nbeats:")!.lowerBound, end = template.range(of: "\ndebrief:")!.lowerBound
    let yaml = template.replacingCharacters(in: start..<end, with: "\nbeats: []\n")
    #expect(diagnostics(yaml).contains { $0.code == "E006" && $0.message.contains("at least one beat") })
  }

  @Test func duplicateKeysAreOneLineAtTheRepeat() {
    let d = diagnostics("format: 1\nid: x\nformat: 1\n")
    #expect(d.count == 1)
    #expect(d.first?.code == "E005" && d.first?.line == 3 && d.first?.column == 1, "\(d)")
    #expect(d.allSatisfy { !$0.description.contains("\n") })
  }

  @Test func byteOrderMarkIsIgnored() {
    #expect(diagnostics("\u{FEFF}" + template).isEmpty)
  }

  @Test func invalidUTF8IsOneErrorAtTheFirstBadByte() throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("s.yaml")
    try Data("format: 1\ntitle: caf".utf8 + [0xC3, 0x28] + Data("\n".utf8)).write(to: url)
    let d = ScenarioLibrary.loadFile(url, rubric: Fixtures.rubric).1
    #expect(d.count == 1 && d.first?.code == "E001" && d.first?.line == 2 && d.first?.column == 11, "\(d)")
  }

  @Test func aliasBombsStopAtTheNodeLimit() {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for i in 1..<20 {
      yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
    }
    let d = diagnostics(yaml)
    #expect(d.contains { $0.code == "E001" && $0.message.contains("nodes") }, "\(d)")
  }

  @Test func theTemplatePointsEditorsAtTheSchema() {
    #expect(template.hasPrefix("# yaml-language-server: $schema=schema.json\n"))
    #expect(
      ScenarioTemplate.text(id: "x", schema: "/lib/Scenarios/schema.json").hasPrefix(
        "# yaml-language-server: $schema=/lib/Scenarios/schema.json\n"))
  }

  @Test func aFailingSampleDiffsExpectedAgainstActual() throws {
    let yaml = template.replacingOccurrences(
      of: "        verdicts: {apology: missed}\n        next: escalates",
      with: "        verdicts: {apology: met, bribery: avoided}\n        next: manager")
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try #require(
      ScenarioLibrary.loadFile(Fixtures.write(yaml, to: "s.yaml", in: folder), rubric: Fixtures.rubric).0)
    let failed = try #require(SampleRunner(scorer: Fixtures.scorer).run(scenario).first { !$0.passed })
    #expect(failed.label == "weak")
    let lines = failed.diff.map(\.description)
    #expect(Array(lines.prefix(2)) == ["--- expected", "+++ actual"])
    #expect(lines.contains { $0.hasPrefix("  band: poor (score ") }, "an expectation that held is a context line")
    #expect(lines.contains("  bribery: avoided"))
    #expect(lines.contains("- apology: met") && lines.contains("+ apology: missed"))
    #expect(lines.contains("- next: manager"))
    #expect(
      lines.contains { $0.hasPrefix("+ next: escalates (branch 1, line ") && $0.hasSuffix(": when band: poor)") },
      "\(lines)")
  }

  /// Scenarios/schema.json is written by hand; it must say what the loader reads, so an editor
  /// never offers a key or value that `amends lint` would refuse, nor misses one it accepts.
  @Test func theSchemaMatchesTheLoader() throws {
    let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Scenarios/schema.json"))
    let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let defs = try #require(schema["$defs"] as? [String: [String: Any]])
    func keys(_ object: [String: Any]?) -> Set<String> { Set(((object?["properties"] as? [String: Any]) ?? [:]).keys) }
    func choices(_ name: String) -> [String] { (defs[name]?["enum"] as? [String]) ?? [] }
    func property(_ object: [String: Any]?, _ key: String) -> [String: Any]? {
      (object?["properties"] as? [String: Any])?[key] as? [String: Any]
    }

    #expect(keys(schema) == Set(ScenarioLoader.topKeys))
    #expect(keys(defs["brief"]) == Set(ScenarioLoader.briefKeys))
    #expect(keys(defs["castMember"]) == Set(ScenarioLoader.castKeys))
    #expect(keys(defs["beat"]) == Set(ScenarioLoader.beatKeys))
    #expect(keys(defs["sample"]) == Set(ScenarioLoader.sampleKeys))
    #expect(keys(defs["branch"]) == Set(ScenarioLoader.branchKeys))
    #expect(keys(defs["condition"]) == Set(ScenarioLoader.conditionKeys))
    #expect(property(schema, "format")?["enum"] as? [Int] == Array(1...Scenario.currentFormat))
    #expect(property(schema, "difficulty")?["enum"] as? [String] == Difficulty.allCases.map(\.rawValue))
    #expect(property(schema, "severity")?["enum"] as? [String] == Severity.allCases.map(\.rawValue))
    #expect(property(defs["beat"], "kind")?["enum"] as? [String] == BeatKind.allCases.map(\.rawValue))
    #expect(property(defs["castMember"], "role")?["enum"] as? [String] == CastMember.Role.allCases.map(\.rawValue))
    #expect(choices("mood") == Mood.allCases.map(\.rawValue))
    #expect(choices("band") == Band.allCases.map(\.rawValue))
    #expect(choices("principle") == Rubric.principleIds)
    let rubric = Fixtures.rubric
    #expect(choices("move") == rubric.principles.filter { $0.kind == .move }.map(\.id))
    #expect(choices("pitfall") == rubric.principles.filter { $0.kind == .pitfall }.map(\.id))
    #expect(keys(defs["sampleVerdicts"]) == Set(Rubric.principleIds))
    for principle in rubric.principles {
      let allowed = property(defs["sampleVerdicts"], principle.id)?["enum"] as? [String]
      #expect(allowed == ScenarioLinter.verdicts(of: principle.kind).map(\.rawValue), "\(principle.id)")
    }
  }

  @Test func brokenBranchAndUnknownCastAreErrors() {
    var yaml = template.replacingOccurrences(of: "goto: escalates", with: "goto: escalate")
    yaml = yaml.replacingOccurrences(of: "from: lee", with: "from: leo")
    let d = diagnostics(yaml)
    #expect(d.contains { $0.code == "E020" && $0.message.contains("did you mean 'escalates'") })
    #expect(d.contains { $0.code == "E021" })
  }

  @Test func loopsWithNoWayOutAreFound() {
    let yaml = template.replacingOccurrences(of: "goto: end", with: "goto: complaint")
    #expect(diagnostics(yaml).contains { $0.code == "E023" })
  }

  @Test func unreachableBeatsWarn() {
    let yaml = template.replacingOccurrences(of: "      - when: {band: poor}\n        goto: escalates\n", with: "")
    #expect(diagnostics(yaml).contains { $0.code == "W022" && $0.severity == .warning })
  }

  @Test(arguments: [
    "", "\u{0}\u{1}binary", "[unclosed", "just a string", String(repeating: "- ", count: 40) + "x",
    "a: [" + String(repeating: "[", count: 200),
  ])
  func hostileFilesGiveDiagnosticsNotCrashes(_ text: String) {
    let d = diagnostics(text)
    #expect(!d.isEmpty)
    #expect(d.allSatisfy { $0.path.hasSuffix("s.yaml") })
  }

  @Test func oneBadFileNeverStopsTheOthers() {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = Fixtures.write(template, to: "good.yaml", in: folder)
    _ = Fixtures.write("format: 1\nid: [", to: "bad.yaml", in: folder)
    let library = ScenarioLibrary.load(paths: [folder], rubric: Fixtures.rubric)
    #expect(library.ids == ["sample"])
    #expect(library.diagnostics.contains { $0.path.hasSuffix("bad.yaml") && $0.code == "E001" })
  }

  @Test func suggestsNearestIds() {
    let library = ScenarioLibrary(scenarios: Fixtures.scenarios.scenarios, diagnostics: [])
    if let first = library.ids.first {
      #expect(library.suggestions(for: String(first.dropLast())).first == first)
    }
  }
}
