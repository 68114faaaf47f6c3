import AmendsKit
import Foundation

/// Everything a command needs, resolved once from the options and the environment.
struct TrainerEnvironment {
  let global: GlobalOptions
  let library: Library
  let rubric: Rubric
  let painter: Painter
  let data: DataDirectory

  init(_ global: GlobalOptions) throws {
    self.global = global
    do {
      library = try Library.locate(
        override: global.library,
        executable: CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : Self.executablePath())
    } catch let notFound as Library.NotFound {
      throw UserFacingError(notFound.description)
    }
    rubric = try library.loadRubric()
    // The rubric lives as long as the process: freeing its thousands of compiled patterns just
    // before exit took about a millisecond of every command's run, for nothing.
    _ = Unmanaged.passRetained(Kept(rubric))
    painter = Painter(color: Terminal.wantsColor(noColorFlag: global.noColor), columns: Terminal.columns)
    data = DataDirectory.resolve(override: global.dataDir)
  }

  /// Holds a value that is never released (see `init`).
  private final class Kept<Value>: Sendable where Value: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
  }

  static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// The user from --user, $AMENDS_USER, $USER, $LOGNAME or the login account, validated
  /// before it touches a path.
  func userName() throws -> UserName {
    let env = ProcessInfo.processInfo.environment
    if global.user.count > 1 {
      throw UserFacingError(
        "--user was given \(global.user.count) times; give it once (only `amends report` takes several)", exitCode: 64)
    }
    let raw = UserName.resolve(explicit: global.user.first, environment: env, accountName: Self.accountName)
    do { return try UserName(raw) } catch let invalid as UserName.Invalid {
      throw UserFacingError(invalid.description)
    }
  }

  /// The login account's name, from the password database.
  static func accountName() -> String? {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
    return String(cString: name)
  }

  func store() throws -> UserStore { UserStore(data: data, user: try userName()) }

  func scenarios() -> ScenarioLibrary { library.loadScenarios(rubric: rubric) }

  var scorer: Scorer { Scorer(rubric: rubric) }

  /// Loaded scenario problems go to standard error as warnings: one bad file never stops the rest.
  func reportLibraryProblems(_ scenarios: ScenarioLibrary) {
    for d in scenarios.diagnostics where d.severity == .error {
      FileHandle.standardError.writeIfPossible("\(d) (scenario skipped)\n")
    }
  }
}

extension TrainerEnvironment {
  /// Paths an author named, found in the working directory or else in the library.
  func resolvePaths(_ paths: [String]) -> [URL] { library.resolvePaths(paths) }
}

extension Library {
  /// Each path in the working directory, else in the library (saying so on standard error).
  /// A path in neither is passed on as given, for the loader to report as a diagnostic.
  func resolvePaths(_ paths: [String]) -> [URL] {
    paths.map { path in
      guard let found = resolve(path) else { return URL(fileURLWithPath: path) }
      if found.inLibrary {
        printError("amends: '\(path)' is not in the working directory; using the library's \(found.url.path)")
      }
      return found.url
    }
  }
}
