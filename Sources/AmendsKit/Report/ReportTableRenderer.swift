import Foundation

/// The report as text tables for a terminal, each line at most 80 columns. Everything that came
/// from a log (user names, scenario and beat ids, replies) is passed through `Sanitizer` so a
/// reply holding escape sequences cannot repaint the manager's terminal.
public struct ReportTableRenderer {
  public let painter: Painter

  public init(painter: Painter) { self.painter = painter }

  public func render(_ report: TeamReport, views: [TeamReport.View]) -> String {
    var sections = [header(report)]
    for view in views {
      switch view {
      case .trainees: sections.append(trainees(report))
      case .principles: sections.append(principles(report))
      case .scenarios: sections.append(scenarios(report))
      case .assignments: if !report.assignments.isEmpty { sections.append(assignments(report)) }
      }
    }
    return sections.joined(separator: "\n\n")
  }

  private func header(_ report: TeamReport) -> String {
    var lines = [painter.paint("Team report", .bold) + " · " + safe(report.filter)]
    var facts = ["\(report.trainees.count) trainee\(report.trainees.count == 1 ? "" : "s")"]
    if let first = report.firstDay, let last = report.lastDay { facts.append("\(first) to \(last)") }
    if report.skippedLines > 0 {
      facts.append("\(report.skippedLines) unreadable line\(report.skippedLines == 1 ? "" : "s") skipped")
    }
    if !report.unreadableUsers.isEmpty {
      facts.append("unreadable: " + report.unreadableUsers.map(safe).joined(separator: ", "))
    }
    lines.append(painter.wrap(facts.joined(separator: " · "), width: 80))
    if report.isEmpty { lines.append("No attempts match these filters.") }
    return lines.joined(separator: "\n")
  }

  private func trainees(_ report: TeamReport) -> String {
    var lines = [painter.paint("Trainees", .bold)]
    lines.append(
      painter.paint(
        Figures.column("TRAINEE", 18) + Figures.right("ATT", 5) + Figures.right("DONE", 6) + Figures.right("SCEN", 6)
          + Figures.right("AVG", 5) + Figures.right("REV", 5) + Figures.right("BEST", 6) + "  TREND", .dim))
    for t in report.trainees {
      let points = t.trend.points.suffix(8).map(\.mean)
      let trend = points.isEmpty ? "-" : Figures.sparkline(Array(points)) + " " + Figures.slope(t.trend.slopePer30Days)
      lines.append(
        Figures.column(safe(t.user), 18) + Figures.right(String(t.attempts), 5) + Figures.right(String(t.finished), 6)
          + Figures.right(String(t.scenariosCompleted.count), 6) + Figures.right(Figures.score(t.automatic.mean), 5)
          + Figures.right(t.hasOverrides ? Figures.score(t.reviewed.mean) : "-", 5)
          + Figures.right(Figures.score(t.automatic.best), 6) + "  " + trend)
      let weakest = t.weakest()
      if !weakest.isEmpty {
        let text = "weakest: " + weakest.map { "\($0.id) \(Figures.percent($0.rate))%" }.joined(separator: ", ")
        lines.append(painter.paint(Figures.column("  " + text, 80).trimmingTrailingSpaces, .dim))
      }
      if t.assessment.count > 0 {
        let text =
          "practice avg \(Figures.score(t.practice.mean)) · \(t.assessment.count) assessment\(t.assessment.count == 1 ? "" : "s"), avg \(Figures.score(t.assessment.mean))"
        lines.append(painter.paint("  " + text, .dim))
      }
    }
    if report.trainees.isEmpty { lines.append("  (none)") }
    return lines.joined(separator: "\n")
  }

  /// Assignments from `assignments.yaml`: how many stand where, then each one not yet done.
  private func assignments(_ report: TeamReport) -> String {
    var lines = [painter.paint("Assignments", .bold)]
    lines.append(
      "  " + AssignmentRow.counts(report.assignments).map { "\($0.1) \($0.0.rawValue)" }.joined(separator: " · "))
    let open = report.assignments.filter { $0.status != .done }.sorted {
      ($0.due, $0.user, $0.scenario) < ($1.due, $1.user, $1.scenario)
    }
    if !open.isEmpty {
      lines.append(
        painter.paint(
          Figures.column("TRAINEE", 18) + Figures.column("SCENARIO", 26) + Figures.column("DUE", 12) + "STATUS", .dim))
    }
    for row in open {
      let status = row.status.rawValue + (row.isAssessment ? " (assessment)" : "")
      lines.append(
        Figures.column(safe(row.user), 18) + Figures.column(safe(row.scenario), 26)
          + Figures.column(row.due.description, 12)
          + painter.paint(status, row.status == .overdue ? .red : .yellow))
    }
    return lines.joined(separator: "\n")
  }

  private func principles(_ report: TeamReport) -> String {
    var lines = [painter.paint("Principles across the team (share of turns where each applied)", .bold)]
    lines.append(
      painter.paint(
        Figures.column("PRINCIPLE", 17) + Figures.column("KIND", 8) + Figures.right("TURNS", 6)
          + Figures.right("MET%", 6)
          + Figures.right("MISS%", 6) + Figures.right("VIOL%", 6) + Figures.right("AVOID%", 7)
          + Figures.right("GOOD%", 6)
          + "  TREND", .dim))
    for p in report.principles {
      let t = p.tally
      let trend = Figures.slope(p.trend.slopePer30Days, scale: 100).replacingOccurrences(of: "/mo", with: "pt/mo")
      lines.append(
        Figures.column(p.id, 17) + Figures.column(p.kind?.rawValue ?? "", 8) + Figures.right(String(t.applicable), 6)
          + Figures.right(Figures.percent(t.rate(t.met)), 6) + Figures.right(Figures.percent(t.rate(t.missed)), 6)
          + Figures.right(Figures.percent(t.rate(t.violated)), 6) + Figures.right(Figures.percent(t.rate(t.avoided)), 7)
          + Figures.right(Figures.percent(t.goodRate), 6) + "  " + (t.applicable == 0 ? "-" : trend))
    }
    return lines.joined(separator: "\n")
  }

  private func scenarios(_ report: TeamReport) -> String {
    var lines = [painter.paint("Scenarios", .bold)]
    lines.append(
      painter.paint(
        Figures.column("SCENARIO", 26) + Figures.right("ATT", 5) + Figures.right("DONE", 6) + Figures.right("AVG", 5)
          + Figures.right("REV", 5) + "  HARDEST BEAT (POOR OR SKIPPED)", .dim))
    for s in report.scenarios {
      var hardest = "-"
      if let beat = s.hardestBeat {
        hardest =
          Figures.column(safe(beat.id), 18).trimmingTrailingSpaces
          + " \(Figures.percent(beat.failureRate))% of \(beat.turns)"
      }
      lines.append(
        Figures.column(safe(s.id), 26) + Figures.right(String(s.attempts), 5) + Figures.right(String(s.finished), 6)
          + Figures.right(Figures.score(s.automatic.mean), 5)
          + Figures.right(s.hasOverrides ? Figures.score(s.reviewed.mean) : "-", 5)
          + "  " + hardest)
      if let beat = s.hardestBeat, let reply = beat.lowestReply, let score = beat.lowestScore {
        let quoted = "“" + Sanitizer.visible(reply).trimmingCharacters(in: .whitespaces) + "”"
        let tail = " (\(score))"
        lines.append(
          painter.paint("  lowest: " + Figures.column(quoted, 80 - 10 - tail.count).trimmingTrailingSpaces + tail, .dim)
        )
      }
    }
    if report.scenarios.isEmpty { lines.append("  (none)") }
    return lines.joined(separator: "\n")
  }

  private func safe(_ text: String) -> String { Sanitizer.visible(text) }
}

extension String {
  var trimmingTrailingSpaces: String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
