import Foundation

/// Plays one scenario with a person: shows each message, reads replies and commands from a
/// line source, scores through `ScenarioPlayer`, logs every turn, and prints the feedback.
/// Input and output are injected, so tests drive it with arrays of lines.
public final class PlaySession {

  public let player: ScenarioPlayer
  public let store: UserStore
  public let input: LineSource
  public let output: TextOutput
  public let painter: Painter
  public var editor: ExternalEditor?
  public var mode: AttemptMode = .practice
  public var now: () -> Date = Date.init

  private var state: ConversationState
  /// The attempt as logged so far, kept beside the log as each event is written, so the end
  /// of the scenario never reads back what it just wrote.
  private var record: AttemptRecord?
  private var attempt: Int { record?.number ?? 0 }
  private var turn = 0
  private var lastOutcome: TurnOutcome?
  private var retrying = false
  private var feedback: FeedbackView { FeedbackView(painter: painter, rubric: player.scorer.rubric) }
  private var scenario: Scenario { player.scenario }

  public init(player: ScenarioPlayer, store: UserStore, input: LineSource, output: TextOutput, painter: Painter) {
    self.player = player
    self.store = store
    self.input = input
    self.output = output
    self.painter = painter
    self.state = player.start()
  }

  /// How the session ended.
  public enum Ending: Equatable { case finished(score: Int), paused }

  /// Plays from the start, or from where `resume` stopped.
  public func run(resume: AttemptRecord? = nil) throws -> Ending {
    try store.prepare()
    if let resume {
      // An attempt killed before its first reply has no saved state: it resumes at the start.
      record = resume
      turn = resume.events.compactMap(\.turn).max() ?? resume.events.count
      state = resume.state ?? player.start()
      output.line(painter.paint("Resuming attempt \(attempt) of “\(painter.safe(scenario.title))”.", .bold))
      if resume.events.isEmpty { showOpening() }
    } else {
      let started = now()
      var opening: LogEvent?
      _ = try store.log.startAttempt { number in
        var event = LogEvent(event: .attemptStarted, attempt: number, at: started)
        event.scenario = scenario.id
        event.scenarioVersion = scenario.version
        event.scenarioHash = scenario.contentHash
        event.rubricVersion = player.scorer.rubric.version
        event.mode = mode
        opening = event
        return event
      }
      record = opening.map(AttemptRecord.init(started:))
      showOpening()
    }
    input.setCompletions(SessionCommand.all.map(\.name))
    while let beatId = state.beat, let beat = scenario.beat(beatId) {
      show(beat)
      guard try readTurn(beat) else {
        output.line()
        output.line("Progress saved. Run `amends play \(scenario.id)` to resume this attempt.")
        return .paused
      }
    }
    return .finished(score: try finish())
  }

  // MARK: - Showing

  private func showOpening() {
    output.line(painter.rule(painter.safe(scenario.title)))
    output.line(
      painter.paint("Difficulty: \(scenario.difficulty.rawValue) · severity: \(scenario.severity.rawValue)", .dim))
    output.line(painter.reflow(painter.safe(scenario.brief.role)))
    if !scenario.brief.situation.isEmpty { output.line(painter.reflow(painter.safe(scenario.brief.situation))) }
    output.line(
      painter.paint("Type your reply and press Enter (end a line with \\ to continue it). :help lists commands.", .dim))
  }

  private func show(_ beat: Beat) {
    let member = scenario.member(beat.from)
    let name = painter.safe(member?.name ?? beat.from)
    output.line()
    switch beat.kind {
    case .customer:
      output.line(painter.rule("\(name), customer") + " " + moodLabel())
    case .colleagueDraft:
      output.line(painter.rule("\(name), colleague: a draft to rewrite"))
    case .executive:
      output.line(painter.rule("\(name), executive"))
    }
    output.line(painter.wrap(painter.safe(beat.message.trimmingCharacters(in: .whitespacesAndNewlines))))
    if let draft = beat.draft {
      output.line(painter.paint("Draft (rewrite it before it is sent):", .bold))
      output.line(
        painter.indent(
          painter.wrap(painter.safe(draft.trimmingCharacters(in: .whitespacesAndNewlines)), width: 72), by: "  ┃ "))
    }
  }

  private func moodLabel() -> String {
    let style: Painter.Style
    switch state.mood {
    case .furious, .angry: style = .red
    case .upset, .wary: style = .yellow
    case .calm, .satisfied: style = .green
    }
    return painter.paint("mood: \(state.mood.rawValue)", style)
  }

  // MARK: - Reading a turn

  /// Reads until a reply is scored or the beat is skipped (true), or the person leaves (false).
  private func readTurn(_ beat: Beat) throws -> Bool {
    while true {
      guard let entry = readReply() else { return false }
      if let command = SessionCommand.decode(entry) {
        switch try handle(command, beat) {
        case .continueReading: continue
        case .leave: return false
        case .moved: return true
        }
      }
      if entry.utf8.count > Scorer.maximumReplyBytes {
        output.line(
          painter.paint(
            "That reply is \(entry.utf8.count / 1024) KB; the limit is \(Scorer.maximumReplyBytes / 1024) KB. Nothing was scored.",
            .red))
        continue
      }
      try score(entry, beat)
      return true
    }
  }

  /// One reply, joining lines that end with a backslash; nil at the end of input or on :quit.
  private func readReply() -> String? {
    var parts: [String] = []
    while true {
      let prompt = input.isInteractive ? (parts.isEmpty ? painter.paint("you> ", .cyan) : "...> ") : ""
      switch input.readLine(prompt: prompt) {
      case .end:
        if parts.isEmpty { return nil }
        return parts.joined(separator: "\n")
      case .interrupted:
        parts = []
        continue
      case .line(let raw):
        let line = raw.replacingOccurrences(of: "\r", with: "")
        if line.hasSuffix("\\") {
          parts.append(String(line.dropLast()))
          continue
        }
        parts.append(line)
        let reply = parts.joined(separator: "\n")
        if reply.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          parts = []
          if input.isInteractive {
            output.line(painter.paint("(an empty reply is not scored; type your reply, or :help)", .dim))
          }
          continue
        }
        input.remember(reply.replacingOccurrences(of: "\n", with: " "))
        return reply
      }
    }
  }

  private enum CommandResult { case continueReading, leave, moved }

  private func handle(_ command: SessionCommand, _ beat: Beat) throws -> CommandResult {
    let assessing = mode == .assess
    switch command {
    case .hint:
      output.line(assessing ? "Hints are off in an assessment." : hint(for: beat))
    case .brief:
      output.line(BriefView(painter: painter).render(scenario))
    case .principles:
      output.line(PrinciplesView(painter: painter, rubric: player.scorer.rubric).render())
    case .help:
      for c in SessionCommand.all {
        output.line("  \(c.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(c.help)")
      }
    case .edit:
      guard let editor else { output.line("No editor is available here."); return .continueReading }
      switch editor.edit("") {
      case .success(let text):
        let reply = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if reply.isEmpty { output.line("(the editor returned nothing; nothing was scored)"); return .continueReading }
        output.line(painter.indent(painter.safe(reply), by: "you> "))
        try score(reply, beat)
        return .moved
      case .failure(let failure):
        output.line(painter.paint("Could not open the editor: \(failure)", .red))
      }
    case .example:
      if assessing { output.line("Examples are off in an assessment."); return .continueReading }
      guard let last = lastOutcome else {
        output.line("Reply first; then :example shows a strong reply to the same message.")
        return .continueReading
      }
      if let sample = player.example(for: last.beat.id) {
        output.line(painter.paint("A strong reply to that message:", .bold))
        output.line(painter.indent(painter.wrap(painter.safe(sample.reply), width: 72), by: "  │ "))
      } else {
        output.line("This scenario has no sample reply for that message.")
      }
    case .why:
      if assessing { output.line("Explanations are off in an assessment."); return .continueReading }
      guard let last = lastOutcome else {
        output.line("Reply first; then :why explains each move that was not counted.")
        return .continueReading
      }
      let context = ScenarioPlayer.context(for: last.beat, in: scenario)
      let explanations = Explainer.explain(
        last.reply, context: context, memory: last.before.memory, scorer: player.scorer)
      output.line(ExplanationView(painter: painter).render(explanations))
    case .retry:
      if assessing { output.line("Retries are off in an assessment."); return .continueReading }
      guard let last = lastOutcome else { output.line("There is no reply to retry yet."); return .continueReading }
      state = last.before
      retrying = true
      lastOutcome = nil
      output.line("Answer “\(painter.safe(last.beat.id))” again; both attempts are logged.")
      return .moved
    case .skip:
      let before = state
      state = player.skip(state)
      turn += 1
      var event = LogEvent(event: .turnSkipped, attempt: attempt, at: now())
      event.turn = turn
      event.beat = beat.id
      event.beatKind = beat.kind.rawValue
      event.moodBefore = before.mood
      event.state = state
      try log(event)
      lastOutcome = nil
      output.line(painter.paint("Skipped.", .dim))
      return .moved
    case .quit:
      return .leave
    case .unknown(let name):
      output.line(
        "Unknown command \(painter.safe(name)). Commands: " + SessionCommand.all.map(\.name).joined(separator: " "))
    }
    return .continueReading
  }

  private func hint(for beat: Beat) -> String {
    let rubric = player.scorer.rubric
    let context = ScenarioPlayer.context(for: beat, in: scenario)
    var lines: [String] = []
    if let hint = beat.hint { lines.append(painter.reflow(painter.safe(hint))) }
    let expected = beat.expects.compactMap { rubric.principle($0) }
    if !expected.isEmpty {
      lines.append(painter.paint("This message expects:", .bold))
      for p in expected { lines.append("  \(p.id): \(p.title)") }
    }
    let moves = rubric.principles.filter { p in
      p.kind == .move && !beat.expects.contains(p.id)
        && p.applies.allSatisfy { $0 == .remedyOffered || $0.holds(context, remedyOffered: true) }
    }
    if !moves.isEmpty {
      lines.append("Also scored here: " + moves.map(\.id).joined(separator: ", ") + "; and every pitfall.")
    }
    return lines.joined(separator: "\n")
  }

  // MARK: - Scoring

  private func score(_ reply: String, _ beat: Beat) throws {
    guard let outcome = player.respond(to: state, with: reply) else { return }
    turn += 1
    try log(outcome.logEvent(attempt: attempt, turn: turn, at: now(), retry: retrying))
    retrying = false
    lastOutcome = outcome
    state = outcome.after

    output.line(feedback.render(reply: reply, assessment: outcome.assessment, showReply: true))
    if let review = outcome.draftReview { output.line(feedback.render(review: review)) }
    if beat.kind == .customer && outcome.before.mood != outcome.after.mood {
      output.line(painter.paint("  mood: \(outcome.before.mood.rawValue) → \(outcome.after.mood.rawValue)", .dim))
    }
    if mode == .practice && input.isInteractive {
      output.line(painter.paint("  (:retry to answer again, :example for a strong reply)", .dim))
    }
  }

  // MARK: - Finishing

  /// Appends an event of this attempt to the log, then to the record of it.
  private func log(_ event: LogEvent) throws {
    try store.log.append(event)
    record?.apply(event)
  }

  private func finish() throws -> Int {
    let score = record?.score ?? 0
    var event = LogEvent(event: .attemptFinished, attempt: attempt, at: now())
    event.scenario = scenario.id
    event.score = score
    event.band = player.scorer.rubric.band(for: score)
    try log(event)
    output.line()
    output.line(painter.rule("The end"))
    if let record {
      output.line(AttemptSummaryView(painter: painter, rubric: player.scorer.rubric).render(record, score: score))
    }
    if let outcome = state.outcome {
      output.line(painter.paint("How it ended", .bold))
      output.line(painter.reflow(painter.safe(outcome)))
    }
    if !scenario.debrief.isEmpty {
      output.line(painter.paint("Debrief", .bold))
      output.line(painter.reflow(painter.safe(scenario.debrief.trimmingCharacters(in: .whitespacesAndNewlines))))
    }
    _ = try? store.summary()
    return score
  }
}
