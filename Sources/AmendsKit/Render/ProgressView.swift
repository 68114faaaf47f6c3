import Foundation

/// A trainee's progress: scenarios done and best scores, mastery per principle, the trend.
public struct ProgressView {
  public let painter: Painter
  public let rubric: Rubric
  public init(painter: Painter, rubric: Rubric) {
    self.painter = painter
    self.rubric = rubric
  }

  /// One assignment: scenario, due day, where the trainee stands, and whether it is an assessment.
  public func assignmentLine(_ assignment: Assignment, _ status: AssignmentStatus, library: ScenarioLibrary) -> String {
    let style: Painter.Style = status == .done ? .green : status == .overdue ? .red : .yellow
    let kind = assignment.isAssessment ? "  assessment: play it with --mode assess" : ""
    let title = library.scenario(assignment.scenario)?.title ?? "(not in the library)"
    return "  \(assignment.scenario.padding(toLength: 24, withPad: " ", startingAt: 0)) due \(assignment.due)  "
      + painter.paint(status.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0), style)
      + " \(painter.safe(title))\(kind)"
  }

  public static func masteryLabel(_ tally: Summary.PrincipleTally?) -> String {
    guard let tally, let mastery = tally.mastery else { return "not practised" }
    if tally.recent.count < 3 { return "new" }
    if mastery >= 0.8 { return "mastered" }
    if mastery >= 0.5 { return "practising" }
    return "learning"
  }

  public func render(
    user: String, summary: Summary, library: ScenarioLibrary, openAttempts: [AttemptRecord],
    assignments: [(assignment: Assignment, status: AssignmentStatus)] = [], notes: ManagerNotes? = nil,
    attempts: [AttemptRecord] = []
  ) -> String {
    var lines = [painter.paint("Progress of \(user)", .bold)]
    if let notes, !notes.reviews.isEmpty {
      lines.append(painter.paint("Notes from your manager", .bold))
      let newCount = notes.unseen.count
      // The newest first; every unseen note, and the latest few seen ones.
      let shown = Array(notes.reviews.enumerated().reversed().prefix(max(newCount, 5)))
      for (index, review) in shown {
        let tag = index >= notes.seen ? painter.paint("new ", .yellow) : ""
        lines.append(
          painter.wrap(tag + ManagerNotes.line(review, attempts: attempts, painter: painter), width: 96, indent: "  "))
      }
      if notes.reviews.count > shown.count {
        lines.append(
          "  … and \(notes.reviews.count - shown.count) earlier (amends transcript shows them with the replies)")
      }
    }
    if !assignments.isEmpty {
      lines.append(painter.paint("Assigned", .bold))
      lines += assignments.map { assignmentLine($0.assignment, $0.status, library: library) }
    }
    if summary.scenarios.isEmpty {
      lines.append("  Nothing played yet. `amends next` suggests where to start.")
      return lines.joined(separator: "\n")
    }
    let completed = summary.scenarios.values.filter { $0.completed > 0 }.count
    lines.append(
      "  \(completed) of \(library.scenarios.count) scenarios completed, \(summary.turns) repl\(summary.turns == 1 ? "y" : "ies") scored."
    )
    lines.append(painter.paint("Scenarios", .bold))
    for (id, progress) in summary.scenarios.sorted(by: { $0.key < $1.key }) {
      let title = library.scenario(id)?.title ?? id
      let best = progress.best.map { "best \($0)" } ?? "not finished"
      let open =
        openAttempts.contains { $0.scenario == id }
        ? painter.paint(" (unfinished attempt: resume with `amends play \(id)`)", .yellow) : ""
      lines.append(
        "  \(id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(best.padding(toLength: 13, withPad: " ", startingAt: 0)) \(progress.attempts) attempt\(progress.attempts == 1 ? "" : "s")  \(painter.safe(title))\(open)"
      )
    }
    lines.append(
      painter.paint(
        "Mastery (your first answer to each message, last \(MasteryPolicy.window) where it could show)", .bold))
    for p in rubric.principles {
      let tally = summary.principles[p.id]
      let label = ProgressView.masteryLabel(tally)
      let bar = tally?.mastery.map { meter($0) } ?? "          "
      let pct = tally?.mastery.map { String(format: "%3.0f%%", $0 * 100) } ?? "   -"
      lines.append("  \(p.id.padding(toLength: 17, withPad: " ", startingAt: 0)) \(bar) \(pct)  \(label)")
    }
    if summary.retries > 0 {
      let tallies = summary.principles.values
      let good = tallies.reduce(0) { $0 + $1.practiceGood }, total = tallies.reduce(0) { $0 + $1.practiceTotal }
      let share = total == 0 ? 0 : Int((Double(good) / Double(total) * 100).rounded())
      lines.append(
        "  Practice: \(summary.retries) retried answer\(summary.retries == 1 ? "" : "s") (\(share)% of their verdicts good); retries are not counted for mastery."
      )
    }
    if !summary.trend.isEmpty {
      let recent = summary.trend.suffix(12)
      let scores = recent.map(\.score)
      lines.append(painter.paint("Trend", .bold))
      lines.append("  \(sparkline(scores))  " + scores.map(String.init).joined(separator: " "))
      if scores.count >= 2, let first = scores.first, let last = scores.last {
        let delta = last - first
        lines.append(
          "  " + (delta > 0 ? "up \(delta) points" : delta < 0 ? "down \(-delta) points" : "level")
            + " over the last \(scores.count) finished attempts")
      }
    }
    return lines.joined(separator: "\n")
  }

  private func meter(_ share: Double) -> String {
    let filled = Int((share * 10).rounded())
    return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
  }

  public func sparkline(_ scores: [Int]) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(scores.map { bars[min(bars.count - 1, max(0, $0 * bars.count / 101))] })
  }
}
