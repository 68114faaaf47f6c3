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

  @Test(arguments: ["", "\u{0}\u{1}binary", "[unclosed", "just a string", String(repeating: "- ", count: 40) + "x", "a: [" + String(repeating: "[", count: 200)])
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
