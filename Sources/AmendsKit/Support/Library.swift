import Foundation

/// The scenarios and rubric amends plays with: the bundled ones, or a folder named by
/// `--library` or `$AMENDS_LIBRARY` that holds `Scenarios/` and `Scoring/`.
public struct Library: Sendable {
  public let root: URL
  public var scenariosFolder: URL { root.appendingPathComponent("Scenarios") }
  public var scoringFolder: URL { root.appendingPathComponent("Scoring") }

  public struct NotFound: Error, CustomStringConvertible {
    public let description: String
  }

  /// Finds the library: the override when given; else, beside the executable, `../share/amends`
  /// (an installed copy) or the nearest folder above it holding `Scenarios/` and `Scoring/`
  /// (a build inside the repository).
  public static func locate(
    override: String?, executable: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Library {
    if let path = override ?? environment["AMENDS_LIBRARY"], !path.isEmpty {
      let url = URL(fileURLWithPath: path)
      guard isLibrary(url) else {
        throw NotFound(description: "\(path) is not an amends library: it needs a Scenarios/ and a Scoring/ folder")
      }
      return Library(root: url)
    }
    let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
    var folder = exe.deletingLastPathComponent()
    let installed = folder.deletingLastPathComponent().appendingPathComponent("share/amends")
    if isLibrary(installed) { return Library(root: installed) }
    for _ in 0..<8 {
      if isLibrary(folder) { return Library(root: folder) }
      folder = folder.deletingLastPathComponent()
    }
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    if isLibrary(cwd) { return Library(root: cwd) }
    throw NotFound(
      description: "cannot find the bundled scenarios and rubric; pass --library DIR or set AMENDS_LIBRARY")
  }

  /// Where a path an author typed points: the working directory first (as every tool reads a
  /// path), then the library (so `amends test Scenarios/` works from anywhere). Nil when it is
  /// in neither.
  public func resolve(
    _ path: String, cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  ) -> ResolvedPath? {
    let local = path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
    if FileManager.default.fileExists(atPath: local.path) {
      return ResolvedPath(url: local.standardizedFileURL, inLibrary: false)
    }
    guard !path.hasPrefix("/") else { return nil }
    let inLibrary = root.appendingPathComponent(path)
    if FileManager.default.fileExists(atPath: inLibrary.path) {
      return ResolvedPath(url: inLibrary.standardizedFileURL, inLibrary: true)
    }
    return nil
  }

  public struct ResolvedPath: Sendable {
    public let url: URL
    /// True when the path was not in the working directory and was found in the library.
    public let inLibrary: Bool
  }

  static func isLibrary(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    let fm = FileManager.default
    return fm.fileExists(atPath: url.appendingPathComponent("Scoring/rubric.yaml").path)
      && fm.fileExists(atPath: url.appendingPathComponent("Scenarios").path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  public func loadRubric() throws -> Rubric { try Rubric.load(from: scoringFolder) }

  public func loadScenarios(rubric: Rubric?) -> ScenarioLibrary {
    ScenarioLibrary.load(paths: [scenariosFolder], rubric: rubric)
  }

  /// Scenario `id` from its own file, `Scenarios/ID.yaml`, when that file loads without errors
  /// and holds that id; nil otherwise, and the caller loads the whole library for its messages.
  /// Playing one scenario need not parse all of them: that was two thirds of `play`'s start-up.
  public func loadScenario(id: String, rubric: Rubric?) -> Scenario? {
    // The id becomes a file name: only a plain one, never a path.
    guard !id.isEmpty, !id.hasPrefix("."), !id.contains("/") else { return nil }
    let url = scenariosFolder.appendingPathComponent(id + ".yaml")
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    guard let scenario = ScenarioLibrary.loadFile(url, rubric: rubric).0, scenario.id == id else { return nil }
    return scenario
  }
}
