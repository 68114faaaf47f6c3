import Foundation

/// Starts or resumes a scenario, for the home screen and for `amends play`: a scenario id, a
/// path to a scenario file (an author trying a new one), or nothing (the recommended one, or
/// the unfinished attempt); offers an unfinished attempt for resuming, or abandons it on
/// `restart`; then plays a `PlaySession`.
public struct PlayLauncher {
  public let store: UserStore
  public let scorer: Scorer
  public let painter: Painter
  public let input: LineSource
  public let output: TextOutput
  public var editor: ExternalEditor?
  /// Loads the library when a play starts (after the session lock is taken), so that a home
  /// screen plays the files as they are now.
  public let library: () -> ScenarioLibrary
  /// Where the library's scenarios live, for the message when there are none.
  public let scenariosFolder: URL
  /// Loads one scenario by id from its own file, when it can; a play of a named scenario then
  /// skips loading the library (`Library.loadScenario`).
  public let namedScenario: (String) -> Scenario?

  public init(
    store: UserStore, scorer: Scorer, painter: Painter, input: LineSource, output: TextOutput, editor: ExternalEditor?,
    scenariosFolder: URL, namedScenario: @escaping (String) -> Scenario? = { _ in nil },
    library: @escaping () -> ScenarioLibrary
  ) {
    self.store = store
    self.scorer = scorer
    self.painter = painter
    self.input = input
    self.output = output
    self.editor = editor
    self.scenariosFolder = scenariosFolder
    self.namedScenario = namedScenario
    self.library = library
  }

  /// Why a play could not start, phrased for the person.
  public struct Refusal: Error, CustomStringConvertible {
    public let description: String
  }

  public func play(
    _ requested: String?, resume: Bool = false, restart: Bool = false, mode: AttemptMode = .practice
  ) throws {
    try store.prepare()
    let lock = SessionLock()
    if try !lock.acquire(in: store.folder) {
      output.line(
        painter.paint("Note: another amends session of \(store.user) is active; both are saved, turn by turn.", .yellow)
      )
    }
    // A named scenario needs only its own file; the whole library is for the rest: a path, a
    // mistyped or broken id (for its messages), the recommendation, an unfinished attempt.
    let library =
      requested.flatMap(namedScenario).map { ScenarioLibrary(scenarios: [$0], diagnostics: []) } ?? self.library()
    // A path to a scenario file plays that file; one that fails lint is refused with its messages.
    var fromFile: Scenario?
    if let requested, library.scenario(requested) == nil {
      if requested.hasSuffix(".yaml"), FileManager.default.fileExists(atPath: requested) {
        let (loaded, diagnostics) = ScenarioLibrary.loadFile(URL(fileURLWithPath: requested), rubric: scorer.rubric)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics.sorted()) }
        fromFile = loaded
      } else if let broken = library.diagnostics.first(where: {
        $0.path.hasSuffix("/\(requested).yaml") && $0.severity == .error
      }) {
        throw Refusal(description: "scenario '\(requested)' does not load: \(broken)")
      } else {
        let near = library.suggestions(for: requested)
        throw Refusal(
          description: "no scenario '\(requested)'"
            + (near.isEmpty
              ? "; `amends list` shows them all"
              : "; did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))? (`amends list` shows them all)"))
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
        throw Refusal(description: "there are no scenarios in \(scenariosFolder.path)")
      }
      scenario = pick.scenario
      output.line(painter.paint("Playing \(scenario.id): \(pick.reason).", .dim))
      open = try store.openAttempt(scenario: scenario.id)
    }
    if let attempt = open, attempt.scenario == scenario.id, !restart {
      var accept = resume || !input.isInteractive
      if !accept {
        let question = YesNoQuestion(
          "Resume your unfinished attempt \(attempt.number) of “\(painter.safe(scenario.title))”? [Y/n] ",
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
        _ = try session(scenario, mode: mode).run(resume: attempt)
        return
      }
      try store.log.append(LogEvent(event: .attemptAbandoned, attempt: attempt.number))
    } else if let attempt = open, restart {
      try store.log.append(LogEvent(event: .attemptAbandoned, attempt: attempt.number))
    }
    _ = try session(scenario, mode: mode).run()
  }

  private func session(_ scenario: Scenario, mode: AttemptMode) -> PlaySession {
    let player = ScenarioPlayer(scenario: scenario, scorer: scorer)
    let session = PlaySession(player: player, store: store, input: input, output: output, painter: painter)
    session.editor = editor
    session.mode = mode
    return session
  }
}
