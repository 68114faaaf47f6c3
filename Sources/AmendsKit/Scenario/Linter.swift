import Foundation

/// `amends lint`: every problem in scenario files and the rubric, sorted by file and line.
public enum Linter {
  public struct Report {
    public var diagnostics: [Diagnostic]
    public var filesChecked: Int

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    public var summary: String {
      "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s") in \(filesChecked) file\(filesChecked == 1 ? "" : "s")"
    }

    public var json: String {
      struct Entry: Encodable {
        let path: String; let line: Int; let column: Int; let severity: String; let message: String; let code: String
      }
      let entries = diagnostics.map {
        Entry(
          path: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message,
          code: $0.code)
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
      return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }
  }

  /// Lints the given files and folders. A folder holding `rubric.yaml` is linted as a rubric
  /// (with its `corpus/`), a folder holding `dev/`, `test/` or `real/` as a corpus; anything
  /// else as scenarios, judged against the rubric in `rubricFolder` when it loads.
  public static func lint(paths: [String], rubricFolder: URL) -> Report {
    var diagnostics: [Diagnostic] = []
    var files = 0
    var rubric: Rubric?
    var rubricPaths: [String] = []
    var scenarioPaths: [URL] = []
    var corpusPaths: [URL] = []
    func isCorpus(_ url: URL) -> Bool {
      CorpusSet.allCases.contains {
        FileManager.default.fileExists(atPath: url.appendingPathComponent($0.rawValue).path)
      }
    }
    for path in paths {
      let url = URL(fileURLWithPath: path)
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("rubric.yaml").path) {
        rubricPaths.append(path)
        if isCorpus(url.appendingPathComponent("corpus")) { corpusPaths.append(url.appendingPathComponent("corpus")) }
      } else if isCorpus(url) {
        corpusPaths.append(url)
      } else {
        scenarioPaths.append(url)
      }
    }
    for path in rubricPaths {
      let url = URL(fileURLWithPath: path)
      files +=
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".yaml") }.count
      do {
        let loaded = try Rubric.load(from: url)
        diagnostics += RubricLinter(rubric: loaded).problems()
        if rubric == nil { rubric = loaded }
      } catch let list as DiagnosticList {
        diagnostics += list.diagnostics
      } catch {
        diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "\(error)", code: "E000"))
      }
    }
    for url in corpusPaths {
      let loaded = CorpusLoader.load(folder: url)
      diagnostics += loaded.diagnostics
      files += Set(loaded.items.map(\.path)).count
    }
    if rubric == nil { rubric = try? Rubric.load(from: rubricFolder) }
    if !scenarioPaths.isEmpty {
      let library = ScenarioLibrary.load(paths: scenarioPaths, rubric: rubric)
      diagnostics += library.diagnostics
      for url in scenarioPaths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
        guard isDirectory.boolValue else { files += 1; continue }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter {
          ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".")
        }
        files += names.count
        // Linting nothing and reporting success would hide a wrong path.
        if names.isEmpty {
          diagnostics.append(
            Diagnostic(
              path: displayPath(url), line: 1, column: 1, message: "no scenario files (*.yaml, *.yml) in this folder",
              code: "E000"))
        }
      }
    }
    return Report(diagnostics: diagnostics.sorted(), filesChecked: files)
  }
}
