import AmendsKit
import Foundation

/// The REPL's home screen: the same commands as the command line, without "amends".
struct HomeScreen {
  let environment: TrainerEnvironment

  func run() throws {
    let store = try environment.store()
    try store.prepare()
    let painter = environment.painter
    let output = StandardOutput(painter: environment.painter)
    let input = makeLineSource(historyFile: store.historyURL)
    let library = environment.scenarios()
    environment.reportLibraryProblems(library)
    input.setCompletions(HomeCommand.all.map(\.name) + library.ids)
    if input.isInteractive {
      output.line(painter.paint("amends", .bold) + " — practise answering upset customers. You are \(store.user).")
      output.line(try homeSummary(store, library))
      output.line(painter.paint("Type help for commands, Tab to complete, Ctrl-D to leave.", .dim))
    }
    while true {
      guard case .line(let raw) = readCommand(input, painter) else { break }
      guard let command = HomeCommand.decode(raw) else { continue }
      input.remember(raw)
      do {
        switch command {
        case .play(let id):
          try environment.launcher(input: input).play(id)
          input.setCompletions(HomeCommand.all.map(\.name) + library.ids)
        case .list:
          output.line(ScenarioListing.table(library.scenarios, summary: try store.summary(), painter: painter))
        case .next:
          if let pick = Recommender(library: library, summary: try store.summary()).recommend() {
            output.line(
              "\(pick.scenario.id): \(painter.safe(pick.scenario.title)) (\(pick.reason)). Type: play \(pick.scenario.id)"
            )
          }
        case .progress:
          output.line(try Amends.ProgressCommand.render(environment))
        case .principles:
          output.line(PrinciplesView(painter: painter, rubric: environment.rubric).render())
        case .check:
          try checkPasted(input, output)
        case .help:
          output.line(HomeCommand.helpText())
        case .quit:
          return
        case .unknown(let word):
          let near = Suggest.nearest(word, in: HomeCommand.all.map(\.name))
          output.line(
            "Unknown command '\(Sanitizer.visible(word))'" + (near.map { "; did you mean '\($0)'?" } ?? "")
              + " Type help for the list.")
        }
      } catch let error as UserFacingError {
        output.line(painter.paint("error: \(Sanitizer.visible(error.description))", .red))
      } catch let list as DiagnosticList {
        // A scenario file that does not load: its messages, and the home screen stays open.
        output.line(Sanitizer.terminalSafe(list.description))
      } catch {
        output.line(painter.paint("error: \(Sanitizer.visible(String(describing: error)))", .red))
      }
    }
  }

  private func readCommand(_ input: LineSource, _ painter: Painter) -> LineInput {
    while true {
      let answer = input.readLine(prompt: input.isInteractive ? painter.paint("amends> ", .bold) : "")
      if answer == .interrupted { continue }
      return answer
    }
  }

  private func homeSummary(_ store: UserStore, _ library: ScenarioLibrary) throws -> String {
    let summary = try store.summary()
    let open = try store.attempts().attempts.filter(\.isOpen)
    var lines: [String] = []
    let done = summary.scenarios.values.filter { $0.completed > 0 }.count
    lines.append("\(done) of \(library.scenarios.count) scenarios completed.")
    if let attempt = open.last { lines.append("Unfinished: \(attempt.scenario) (type: play \(attempt.scenario))") }
    let notes = try ManagerNotes.load(store)
    if !notes.unseen.isEmpty {
      let count = notes.unseen.count
      lines.append(environment.painter.paint("\(count) new note\(count == 1 ? "" : "s") from your manager:", .yellow))
      let attempts = try store.attempts().attempts
      for review in notes.unseen {
        lines.append(
          environment.painter.wrap(
            ManagerNotes.line(review, attempts: attempts, painter: environment.painter), width: 96, indent: "  "))
      }
      try? notes.markSeen(store)  // a folder one may read but not write still shows its notes
    }
    let assigned = try Amends.ProgressCommand.assignments(environment, attempts: try store.attempts().attempts).filter {
      $0.status != .done
    }
    if !assigned.isEmpty {
      lines.append("Assigned to you:")
      let view = ProgressView(painter: environment.painter, rubric: environment.rubric)
      lines += assigned.map { view.assignmentLine($0.assignment, $0.status, library: library) }
    }
    if let pick = Recommender(library: library, summary: summary).recommend() {
      lines.append("Suggested next: \(pick.scenario.id) — \(pick.reason).")
    }
    return lines.joined(separator: "\n")
  }

  private func checkPasted(_ input: LineSource, _ output: TextOutput) throws {
    if input.isInteractive { output.line("Paste the draft; end with a line holding a single '.'") }
    var lines: [String] = []
    reading: while true {
      switch input.readLine(prompt: input.isInteractive ? "draft> " : "") {
      case .line(let line):
        if line == "." { break reading }
        lines.append(line)
      case .end: break reading  // Ctrl-D ends the draft, as a single '.' does
      case .interrupted:
        output.line("(check abandoned)")
        return
      }
    }
    let text = lines.joined(separator: "\n")
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      output.line("(nothing to check)"); return
    }
    let assessment = environment.scorer.score(text)
    output.line(
      FeedbackView(painter: environment.painter, rubric: environment.rubric).render(reply: text, assessment: assessment)
    )
  }
}
