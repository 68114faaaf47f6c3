import Foundation
import Testing

@testable import AmendsKit

/// The lint codes of docs/authoring.md are tests: every code the Sources can emit is
/// documented, and every documented example, written to a folder and linted for real, reports
/// its code (on the line marked `# ←`, when one is marked).
@Suite struct LintCodeTests {
  static let guide = AuthoringGuide.load()

  @Test func everyCodeTheSourcesCanEmitIsDocumented() {
    let emitted = SourceCodes.all()
    #expect(emitted.count >= 20, "found only \(emitted.sorted()) in Sources/")
    let documented = Set(Self.guide.codes.map(\.code))
    for code in emitted.sorted() where !documented.contains(code) {
      Issue.record("\(code) is emitted in Sources/ but has no '### \(code)' section in docs/authoring.md")
    }
    for code in documented.sorted() where !emitted.contains(code) {
      Issue.record("docs/authoring.md documents \(code), which nothing in Sources/ emits any more")
    }
  }

  @Test func everyDocumentedCodeHasAnExampleOrSaysWhyNot() {
    for entry in Self.guide.codes {
      #expect(
        !entry.examples.isEmpty || entry.untestable,
        "\(entry.code) has no ```yaml example and no 'Untestable from a file:' reason")
      #expect(!(entry.untestable && !entry.examples.isEmpty), "\(entry.code) is marked untestable but has an example")
    }
  }

  @Test(arguments: LintCodeTests.guide.examples)
  func exampleReportsItsCode(_ example: LintExample) throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fm = FileManager.default
    let rubricExample = example.files.contains { $0.name.hasPrefix("Scoring/") }
    if rubricExample {
      try fm.copyItem(at: Fixtures.root.appendingPathComponent("Scoring"), to: folder.appendingPathComponent("Scoring"))
    }
    try fm.createDirectory(at: folder.appendingPathComponent("Scenarios"), withIntermediateDirectories: true)
    for file in example.files { _ = Fixtures.write(file.text, to: file.name, in: folder) }
    let scenarioExample = example.files.contains { $0.name.hasPrefix("Scenarios/") }
    let paths = (rubricExample ? ["Scoring"] : []) + (scenarioExample ? ["Scenarios"] : [])
    let rubricFolder =
      rubricExample ? folder.appendingPathComponent("Scoring") : Fixtures.root.appendingPathComponent("Scoring")
    let report = Linter.lint(paths: paths.map { folder.appendingPathComponent($0).path }, rubricFolder: rubricFolder)

    let severity: Diagnostic.Severity = example.code.hasPrefix("W") ? .warning : .error
    let reported = report.diagnostics.filter { d in
      d.code == example.code && d.severity == severity && example.files.contains { d.path.hasSuffix("/" + $0.name) }
    }
    let all = report.diagnostics.map(\.description).joined(separator: "\n")
    #expect(!reported.isEmpty, "\(example) does not report \(example.code); the linter said:\n\(all)")
    for file in example.files {
      guard let line = file.markedLine else { continue }
      #expect(
        reported.contains { $0.path.hasSuffix("/" + file.name) && $0.line == line },
        "\(example): \(example.code) is not on the marked line \(line) of \(file.name):\n\(all)")
    }
  }

  @Test func theCompleteExampleLintsCleanAndItsSamplesPass() throws {
    let file = try #require(
      Self.guide.completeExample, "docs/authoring.md has no yaml block under '## A complete example'")
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = Fixtures.write(file.text, to: URL(fileURLWithPath: file.name).lastPathComponent, in: folder)
    let (scenario, found) = ScenarioLibrary.loadFile(url, rubric: Fixtures.rubric)
    #expect(found.isEmpty, "\(found.map(\.description).joined(separator: "\n"))")
    let loaded = try #require(scenario)
    for result in SampleRunner(scorer: Fixtures.scorer).run(loaded) where !result.passed {
      Issue.record(Comment(rawValue: result.name + "\n" + result.diff.map(\.description).joined(separator: "\n")))
    }
  }
}

/// One example of one code: the files it writes (usually one scenario).
struct LintExample: Sendable, CustomTestStringConvertible {
  struct File: Sendable {
    /// Relative to the example's folder: `Scenarios/NAME.yaml` or `Scoring/NAME.yaml`.
    var name: String
    var text: String
    /// The 1-based line holding `# ←`, where the diagnostic must land.
    var markedLine: Int?
  }

  var code: String
  var index: Int
  var files: [File]

  var testDescription: String { "\(code) example \(index)" }
}

/// docs/authoring.md read as data: the "Lint codes" sections and the complete example.
struct AuthoringGuide: Sendable {
  struct Entry: Sendable {
    var code: String
    var examples: [LintExample]
    var untestable: Bool
  }

  var codes: [Entry]
  var completeExample: LintExample.File?
  var examples: [LintExample] { codes.flatMap(\.examples) }

  static let path = Fixtures.root.appendingPathComponent("docs/authoring.md")

  static func load() -> AuthoringGuide {
    let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
    return parse(text)
  }

  /// `### CODE title` opens a code; `####` starts another example of it; each ```yaml block is
  /// one file of the current example, named by a first line `# file: Scenarios/NAME.yaml`.
  static func parse(_ markdown: String) -> AuthoringGuide {
    var entries: [Entry] = []
    var completeExample: LintExample.File?
    var section = ""
    var blockLines: [String]?
    var pendingFiles: [LintExample.File] = []

    func closeExample() {
      guard !pendingFiles.isEmpty, var entry = entries.popLast() else { return }
      entry.examples.append(LintExample(code: entry.code, index: entry.examples.count + 1, files: pendingFiles))
      entries.append(entry)
      pendingFiles = []
    }

    for line in markdown.components(separatedBy: "\n") {
      if var lines = blockLines {
        if line == "```" {
          blockLines = nil
          let file = makeFile(lines, defaultName: "Scenarios/example-\(pendingFiles.count + 1).yaml")
          if section == "## A complete example" {
            if completeExample == nil { completeExample = file }
          } else if section == "## Lint codes", !entries.isEmpty {
            pendingFiles.append(file)
          }
        } else {
          lines.append(line)
          blockLines = lines
        }
        continue
      }
      if line.hasPrefix("```yaml") {
        blockLines = []
      } else if line.hasPrefix("## ") {
        closeExample()
        section = line
      } else if section == "## Lint codes", line.hasPrefix("### ") {
        closeExample()
        let code = line.dropFirst(4).prefix { !$0.isWhitespace }
        entries.append(Entry(code: String(code), examples: [], untestable: false))
      } else if section == "## Lint codes", line.hasPrefix("#### ") {
        closeExample()
      } else if section == "## Lint codes", line.hasPrefix("Untestable from a file:"), var entry = entries.popLast() {
        entry.untestable = true
        entries.append(entry)
      }
    }
    closeExample()
    return AuthoringGuide(codes: entries, completeExample: completeExample)
  }

  private static func makeFile(_ lines: [String], defaultName: String) -> LintExample.File {
    var name = defaultName
    if let first = lines.first, first.hasPrefix("# file: ") {
      name = String(first.dropFirst("# file: ".count)).trimmingCharacters(in: .whitespaces)
    }
    let marked = lines.firstIndex { $0.contains("# ←") }.map { $0 + 1 }
    return LintExample.File(name: name, text: lines.joined(separator: "\n") + "\n", markedLine: marked)
  }
}

/// Every diagnostic code written in Sources/: `code: "E004"` and the linter's positional
/// `report(…, "W021")` alike.
enum SourceCodes {
  static func all() -> Set<String> {
    let sources = Fixtures.root.appendingPathComponent("Sources")
    var codes = Set<String>()
    let pattern = try? NSRegularExpression(pattern: #""([EW][0-9]{3})""#)
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8), let pattern else {
        continue
      }
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        if let range = Range(match.range(at: 1), in: text) { codes.insert(String(text[range])) }
      }
    }
    return codes
  }
}
