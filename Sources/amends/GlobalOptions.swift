import AmendsKit
import ArgumentParser
import Foundation

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
  // An array because `amends report` takes several; every other command takes one. The root
  // command and the subcommands share this group by its type (so `--data-dir` reaches both),
  // which is why the report cannot declare a `--user` of its own.
  @Option(help: "Whose progress to use (default: $AMENDS_USER, then $USER); `report` takes several.")
  var user: [String] = []

  @Option(name: .customLong("data-dir"), help: "Folder for progress files (default: $AMENDS_HOME, else $XDG_DATA_HOME/amends).")
  var dataDir: String?

  @Option(help: "Folder holding Scenarios/ and Scoring/ (default: $AMENDS_LIBRARY, else the bundled ones).")
  var library: String?

  @Flag(name: .customLong("no-color"), help: "Never colour the output (also: NO_COLOR).")
  var noColor = false
}

/// An error already phrased for the person reading it.
struct UserFacingError: Error, CustomStringConvertible {
  let description: String
  var exitCode: Int32 = 1
  init(_ description: String, exitCode: Int32 = 1) {
    self.description = description
    self.exitCode = exitCode
  }
}

/// Runs a command body, turning any error into one line on standard error and a non-zero exit
/// status: never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let exit as ExitCode {
    throw exit
  } catch let error as UserFacingError {
    FileHandle.standardError.write(Data("amends: error: \(Sanitizer.visible(error.description))\n".utf8))
    throw ExitCode(error.exitCode)
  } catch let list as DiagnosticList {
    FileHandle.standardError.write(Data((list.description + "\n").utf8))
    throw ExitCode(1)
  } catch {
    FileHandle.standardError.write(Data("amends: error: \(Sanitizer.visible(String(describing: error)))\n".utf8))
    throw ExitCode(1)
  }
}

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
      library = try Library.locate(override: global.library, executable: CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : Self.executablePath())
    } catch let notFound as Library.NotFound {
      throw UserFacingError(notFound.description)
    }
    rubric = try library.loadRubric()
    painter = Painter(color: Terminal.wantsColor(noColorFlag: global.noColor), columns: Terminal.columns)
    data = DataDirectory.resolve(override: global.dataDir)
  }

  static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// The user from --user, $AMENDS_USER or $USER, validated before it touches a path.
  func userName() throws -> UserName {
    let env = ProcessInfo.processInfo.environment
    if global.user.count > 1 {
      throw UserFacingError("--user was given \(global.user.count) times; give it once (only `amends report` takes several)", exitCode: 64)
    }
    let raw = global.user.first ?? env["AMENDS_USER"] ?? env["USER"] ?? ""
    do { return try UserName(raw) } catch let invalid as UserName.Invalid {
      throw UserFacingError(invalid.description)
    }
  }

  func store() throws -> UserStore { UserStore(data: data, user: try userName()) }

  func scenarios() -> ScenarioLibrary { library.loadScenarios(rubric: rubric) }

  var scorer: Scorer { Scorer(rubric: rubric) }

  /// Loaded scenario problems go to standard error as warnings: one bad file never stops the rest.
  func reportLibraryProblems(_ scenarios: ScenarioLibrary) {
    for d in scenarios.diagnostics where d.severity == .error {
      FileHandle.standardError.write(Data("\(d) (scenario skipped)\n".utf8))
    }
  }
}

enum Terminal {
  static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

  /// The terminal's width, asked anew each time (the window may have been resized): from the
  /// terminal itself, else $COLUMNS, else nil (a pipe: lines are left whole).
  @Sendable static func columns() -> Int? {
    var size = winsize()
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    if let value = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(value), columns > 0 { return columns }
    return nil
  }

  static func wantsColor(noColorFlag: Bool) -> Bool {
    if noColorFlag { return false }
    if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
    if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
  }
}

/// Standard output as a `TextOutput`, every line fitted to the terminal's width.
final class StandardOutput: TextOutput {
  let painter: Painter
  init(painter: Painter) { self.painter = painter }

  func write(_ text: String) {
    FileHandle.standardOutput.write(Data(painter.fit(text).utf8))
  }
}

extension TrainerEnvironment {
  /// Prints text for a person: fitted to the terminal, never folded inside a word.
  func say(_ text: String) {
    print(painter.fit(text))
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
      if found.inLibrary { printError("amends: '\(path)' is not in the working directory; using the library's \(found.url.path)") }
      return found.url
    }
  }
}
