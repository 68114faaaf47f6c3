import Foundation

/// One attempt replayed as the trainee saw it: each message from the scenario file, the reply,
/// and the feedback of the time (score, verdicts, evidence highlighted) rebuilt from the log,
/// with managers' notes under the turns they are about.
public struct TranscriptView {
  public let painter: Painter
  public let rubric: Rubric

  public init(painter: Painter, rubric: Rubric) {
    self.painter = painter
    self.rubric = rubric
  }

  /// The list of a user's attempts: number, scenario, mode, started, finished or open, the
  /// automatic score and, beside it, the score a manager's review gave, with the notes' count.
  public func list(user: String, attempts: [AttemptRecord], reviews: [Review] = []) -> String {
    if attempts.isEmpty { return "\(painter.safe(user)) has no attempts yet." }
    let reviewed = ReviewedScores(reviews)
    var lines = [painter.paint("Attempts of \(painter.safe(user))", .bold)]
    lines.append(
      painter.paint(
        "   #  " + Figures.column("SCENARIO", 26) + Figures.column("MODE", 9) + Figures.column("STARTED", 21)
          + Figures.column("STATUS", 21) + Figures.column("SCORE", 7) + Figures.column("REVIEWED", 10) + "NOTES", .dim))
    for a in attempts {
      let status = a.finished.map { "finished " + String($0.prefix(10)) } ?? (a.abandoned ? "abandoned" : "open")
      let score = a.isFinished ? (a.score.map(String.init) ?? "-") : "-"
      let review = a.reviewedScore(reviewed).map(String.init) ?? "-"
      let notes = reviewed.notes[a.number].map(String.init) ?? "-"
      lines.append(
        Figures.right(String(a.number), 4) + "  " + Figures.column(Sanitizer.visible(a.scenario), 26)
          + Figures.column(a.mode.rawValue, 9)
          + Figures.column(Sanitizer.visible(a.started), 21) + Figures.column(status, 21) + Figures.column(score, 7)
          + Figures.column(review, 10) + notes)
    }
    lines.append(painter.paint("`amends transcript \(painter.safe(user)) NUMBER` shows one attempt.", .dim))
    return lines.joined(separator: "\n")
  }

  /// The whole conversation of one attempt. `scenario` is nil when the library no longer has it.
  public func render(user: String, attempt: AttemptRecord, scenario: Scenario?, reviews: [Review]) -> String {
    let feedback = FeedbackView(painter: painter, rubric: rubric)
    var lines: [String] = []
    let title = scenario.map { painter.safe($0.title) } ?? Sanitizer.visible(attempt.scenario)
    lines.append(painter.rule("\(painter.safe(user)) · attempt \(attempt.number) · \(title)"))
    var facts = [
      "scenario \(Sanitizer.visible(attempt.scenario))", attempt.mode.rawValue,
      "started \(Sanitizer.visible(attempt.started))",
    ]
    facts.append(
      attempt.finished.map { "finished \(Sanitizer.visible($0))" } ?? (attempt.abandoned ? "abandoned" : "not finished")
    )
    if attempt.isFinished, let score = attempt.score { facts.append("score \(score)") }
    lines.append(painter.paint(facts.joined(separator: " · "), .dim))
    if let scenario, scenario.version != attempt.scenarioVersion {
      lines.append(
        painter.paint(
          "The scenario has changed since (version \(attempt.scenarioVersion) then, \(scenario.version) now): messages are today's text.",
          .yellow))
    }
    if scenario == nil {
      lines.append(
        painter.paint(
          "Scenario '\(Sanitizer.visible(attempt.scenario))' is not in the library any more: its messages cannot be shown; the replies and scores follow.",
          .yellow))
    }
    for review in reviews where review.attempt == attempt.number && review.turn == nil { lines.append(note(review)) }
    for event in attempt.events {
      lines.append("")
      if let beat = event.beat.flatMap({ scenario?.beat($0) }), let scenario {
        lines.append(message(beat, in: scenario, mood: event.moodBefore))
      } else {
        lines.append(painter.rule("beat \(Sanitizer.visible(event.beat ?? "?"))"))
      }
      let turnLabel = "turn \(event.turn.map(String.init) ?? "?")" + (event.retry == true ? " (retry)" : "")
      if event.event == .turnSkipped {
        lines.append(painter.paint("  \(turnLabel): skipped (counts as 0)", .dim))
      } else {
        lines.append(painter.paint("  \(turnLabel), \(Sanitizer.visible(event.at))", .dim))
        let reply = event.reply ?? ""
        lines.append(feedback.render(reply: reply, assessment: assessment(of: event)))
        if let review = event.review { lines.append(feedback.render(review: review)) }
      }
      for review in reviews where review.attempt == attempt.number && review.turn != nil && review.turn == event.turn {
        lines.append(note(review))
      }
    }
    if attempt.events.isEmpty { lines.append("(no replies logged)") }
    return lines.joined(separator: "\n")
  }

  private func message(_ beat: Beat, in scenario: Scenario, mood: Mood?) -> String {
    let name = painter.safe(scenario.member(beat.from)?.name ?? beat.from)
    var lines: [String] = []
    switch beat.kind {
    case .customer: lines.append(painter.rule("\(name), customer" + (mood.map { " · mood: \($0.rawValue)" } ?? "")))
    case .colleagueDraft: lines.append(painter.rule("\(name), colleague: a draft to rewrite"))
    case .executive: lines.append(painter.rule("\(name), executive"))
    }
    lines.append(painter.wrap(painter.safe(beat.message.trimmingCharacters(in: .whitespacesAndNewlines))))
    if let draft = beat.draft {
      lines.append(
        painter.indent(
          painter.wrap(painter.safe(draft.trimmingCharacters(in: .whitespacesAndNewlines)), width: 72), by: "  ┃ "))
    }
    return lines.joined(separator: "\n")
  }

  private func note(_ review: Review) -> String {
    var head = "  ✎ \(painter.safe(review.reviewer)), \(Sanitizer.visible(review.at))"
    if let score = review.override {
      head += ": reviewed score \(score)" + (review.reason.map { " (\(Sanitizer.visible($0)))" } ?? "")
    }
    return painter.paint(head, .magenta) + "\n" + painter.wrap(painter.safe(review.note), width: 76, indent: "    ")
  }

  /// The assessment of the time, rebuilt from the logged verdicts and evidence with the
  /// rubric's feedback text (points were not logged, so none are shown).
  func assessment(of event: LogEvent) -> Assessment {
    let verdicts = event.verdicts ?? [:]
    let results = rubric.principles.map { p -> PrincipleResult in
      let verdict = verdicts[p.id] ?? .notApplicable
      return PrincipleResult(
        id: p.id, verdict: verdict, evidence: event.evidence?[p.id] ?? [],
        feedback: p.feedback.text(for: verdict, kind: p.kind, weakOnly: false))
    }
    let score = event.score ?? 0
    return Assessment(
      score: score, band: event.band ?? rubric.band(for: score), results: results, points: [:],
      memory: ConversationMemory())
  }
}
