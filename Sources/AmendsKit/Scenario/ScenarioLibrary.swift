import Foundation

/// All scenarios of a folder. One bad file never stops the others: it is left out and its
/// problems are kept as diagnostics.
public struct ScenarioLibrary: Sendable {
  public init(scenarios: [Scenario], diagnostics: [Diagnostic]) {
    self.scenarios = scenarios
    self.diagnostics = diagnostics
  }

  public var scenarios: [Scenario]
  public var diagnostics: [Diagnostic]

  public func scenario(_ id: String) -> Scenario? { scenarios.first { $0.id == id } }
  public var ids: [String] { scenarios.map(\.id) }

  /// Loads every `*.yaml` under the given paths (files or folders), sorted by path.
  public static func load(paths: [URL], rubric: Rubric? = nil) -> ScenarioLibrary {
    var files: [URL] = []
    var diagnostics: [Diagnostic] = []
    for url in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        diagnostics.append(
          Diagnostic(path: displayPath(url), line: 1, column: 1, message: "no such file or folder", code: "E000"))
        continue
      }
      if isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        files += names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted().map {
          url.appendingPathComponent($0)
        }
      } else {
        files.append(url)
      }
    }
    var scenarios: [Scenario] = []
    var firstPathOfId: [String: String] = [:]
    for (file, (scenario, found)) in zip(files, loadConcurrently(files, rubric: rubric)) {
      diagnostics += found
      guard var scenario else { continue }
      if let earlier = firstPathOfId[scenario.id] {
        diagnostics.append(
          Diagnostic(
            path: scenario.path, line: 1, column: 1,
            message: "scenario id '\(scenario.id)' is already used by \(earlier)", code: "E024"))
        continue
      }
      firstPathOfId[scenario.id] = scenario.path
      scenario.path = displayPath(file)
      scenarios.append(scenario)
    }
    return ScenarioLibrary(scenarios: scenarios, diagnostics: diagnostics.sorted())
  }

  /// Files are independent until ids are compared, so they load on every core; start-up time
  /// is mostly this. Results keep the files' order, so output never depends on scheduling.
  private static func loadConcurrently(_ files: [URL], rubric: Rubric?) -> [(Scenario?, [Diagnostic])] {
    ResultSlots.map(files.count, empty: (nil, [])) { loadFile(files[$0], rubric: rubric) }
  }

  /// One file: the scenario when it has no errors, and every diagnostic either way.
  public static func loadFile(_ url: URL, rubric: Rubric? = nil) -> (Scenario?, [Diagnostic]) {
    let reader = YAMLReader(path: displayPath(url))
    guard let data = FileManager.default.contents(atPath: url.path) else {
      return (nil, [Diagnostic(path: reader.path, line: 1, column: 1, message: "cannot read the file", code: "E000")])
    }
    guard let text = reader.decode(data), let root = reader.parse(text) else { return (nil, reader.diagnostics) }
    let scenario = ScenarioLoader(reader: reader).load(root, text: text)
    var diagnostics = reader.diagnostics
    if let scenario { diagnostics += ScenarioLinter(scenario: scenario, rubric: rubric).problems() }
    let failed = diagnostics.contains { $0.severity == .error }
    return (failed ? nil : scenario, diagnostics)
  }

  /// Ids near a mistyped one, for "did you mean".
  public func suggestions(for id: String) -> [String] { Suggest.close(id, in: ids) }
}

/// A slot per file, filled from several threads.
