import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "play",
      abstract: "Play a scenario (the one that trains your weakest principle when none is named).",
      discussion: """
        On a terminal you type replies with line editing; when standard input is a pipe, each \
        line is a reply, so `amends play late-refund --user dana < replies.txt` plays a script. \
        An unfinished attempt is offered for resuming (resumed without asking when piped).
        """)

    @Argument(
      help: "The scenario id (see `amends list`).", completion: .custom { _, _, _ in ScenarioIDs.forCompletion() })
    var scenario: String?

    @Flag(help: "Resume the unfinished attempt without asking.")
    var resume = false

    @Flag(help: "Start afresh even when an unfinished attempt exists (it is marked abandoned).")
    var restart = false

    @Option(help: "practice, or assess: an assessment has no hints, examples or retries.")
    var mode: AttemptMode = .practice

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (scenario, resume, restart, mode) = (self.scenario, self.resume, self.restart, self.mode)
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let input = makeLineSource(historyFile: try environment.store().historyURL)
        try environment.launcher(input: input).play(scenario, resume: resume, restart: restart, mode: mode)
      }
    }
  }
}

extension TrainerEnvironment {
  /// The launcher of a play from the shell or the home screen, reading lines from `input`.
  func launcher(input: LineSource) throws -> PlayLauncher {
    PlayLauncher(
      store: try store(), scorer: scorer, painter: painter, input: input, output: StandardOutput(painter: painter),
      editor: EditorLauncher(), scenariosFolder: library.scenariosFolder,
      namedScenario: { library.loadScenario(id: $0, rubric: rubric) }
    ) {
      let loaded = scenarios()
      reportLibraryProblems(loaded)
      return loaded
    }
  }
}

/// The scenario ids shell completion offers for `amends play`: the names of the library's
/// scenario files, read without loading them (completion must answer at once).
enum ScenarioIDs {
  static func forCompletion() -> [String] {
    let environment = ProcessInfo.processInfo.environment
    guard
      let library = try? Library.locate(
        override: environment["AMENDS_LIBRARY"], executable: TrainerEnvironment.executablePath()),
      let names = try? FileManager.default.contentsOfDirectory(atPath: library.scenariosFolder.path)
    else { return [] }
    return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
  }
}
