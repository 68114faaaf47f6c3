import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Play a scenario (the one that trains your weakest principle when none is named).",
      discussion: """
        On a terminal you type replies with line editing; when standard input is a pipe, each \
        line is a reply, so `amends play late-refund --user dana < replies.txt` plays a script. \
        An unfinished attempt is offered for resuming (resumed without asking when piped).
        """)

    @Argument(help: "The scenario id (see `amends list`).", completion: .custom { _, _, _ in [] })
    var scenario: String?

    @Flag(help: "Resume the unfinished attempt without asking.")
    var resume = false

    @Flag(help: "Start afresh even when an unfinished attempt exists (it is marked abandoned).")
    var restart = false

    @Option(help: "practice (default) or assess: an assessment has no hints, examples or retries.")
    var mode: String = "practice"

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (scenario, resume, restart, modeName) = (self.scenario, self.resume, self.restart, self.mode)
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        guard let mode = PlaySession.Mode(rawValue: modeName) else {
          throw UserFacingError("--mode must be practice or assess, not '\(Sanitizer.visible(modeName))'", exitCode: 64)
        }
        let input = makeLineSource(historyFile: try environment.store().historyURL)
        let launcher = PlayLauncher(environment: environment, input: input, output: StandardOutput(painter: environment.painter))
        try launcher.play(scenario, resume: resume, restart: restart, mode: mode)
      }
    }
  }
}

/// Starts or resumes a scenario for the REPL and for `amends play`.
struct PlayLauncher {
  let environment: TrainerEnvironment
  let input: LineSource
  let output: TextOutput

  func play(_ requested: String?, resume: Bool = false, restart: Bool = false, mode: PlaySession.Mode = .practice) throws {
    let store = try environment.store()
    try store.prepare()
    let lock = SessionLock()
    if try !lock.acquire(in: store.folder) {
      output.line(environment.painter.paint("Note: another amends session of \(store.user) is active; both are saved, turn by turn.", .yellow))
    }
    let library = environment.scenarios()
    environment.reportLibraryProblems(library)
    // A path to a scenario file (an author trying a new one) plays that file; one that fails
    // lint is refused with its messages.
    var fromFile: Scenario?
    if let requested, library.scenario(requested) == nil {
      if requested.hasSuffix(".yaml"), FileManager.default.fileExists(atPath: requested) {
        let (loaded, diagnostics) = ScenarioLibrary.loadFile(URL(fileURLWithPath: requested), rubric: environment.rubric)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics.sorted()) }
        fromFile = loaded
      } else if let broken = library.diagnostics.first(where: { $0.path.hasSuffix("/\(requested).yaml") && $0.severity == .error }) {
        throw UserFacingError("scenario '\(requested)' does not load: \(broken)")
      } else {
        let near = library.suggestions(for: requested)
        throw UserFacingError("no scenario '\(requested)'" + (near.isEmpty ? "; `amends list` shows them all" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))? (`amends list` shows them all)"))
      }
    }
    var scenario: Scenario
    var open = try store.openAttempt(scenario: fromFile?.id ?? requested)
    if let fromFile {
      scenario = fromFile
    } else if let requested, let file = library.scenario(requested) {
      scenario = file
    } else if let open, let file = library.scenario(open.scenario) {
      scenario = file
    } else {
      guard let pick = Recommender(library: library, summary: try store.summary()).recommend() else {
        throw UserFacingError("there are no scenarios in \(environment.library.scenariosFolder.path)")
      }
      scenario = pick.scenario
      output.line(environment.painter.paint("Playing \(scenario.id): \(pick.reason).", .dim))
      open = try store.openAttempt(scenario: scenario.id)
    }
    if let attempt = open, attempt.scenario == scenario.id, !restart {
      var accept = resume || !input.isInteractive
      if !accept {
        let question = YesNoQuestion(
          "Resume your unfinished attempt \(attempt.number) of “\(environment.painter.safe(scenario.title))”? [Y/n] ",
          defaultAnswer: .yes)
        switch question.ask(input, output) {
        case .yes: accept = true
        case .no: accept = false
        case .cancelled:
          output.line()
          output.line("Attempt \(attempt.number) is kept as it was; `amends play \(scenario.id)` offers it again.")
          return
        }
      }
      if accept {
        _ = try session(scenario, store: store, mode: mode).run(resume: attempt)
        return
      }
      try store.log.append(LogEvent(event: .attemptAbandoned, attempt: attempt.number))
    } else if let attempt = open, restart {
      try store.log.append(LogEvent(event: .attemptAbandoned, attempt: attempt.number))
    }
    _ = try session(scenario, store: store, mode: mode).run()
  }

  private func session(_ scenario: Scenario, store: UserStore, mode: PlaySession.Mode) -> PlaySession {
    let player = ScenarioPlayer(scenario: scenario, scorer: environment.scorer)
    let session = PlaySession(player: player, store: store, input: input, output: output, painter: environment.painter)
    session.editor = EditorLauncher()
    session.mode = mode
    return session
  }
}
