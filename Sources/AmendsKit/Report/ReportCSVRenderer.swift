import Foundation

/// One view of the report as one tidy RFC 4180 table: a header row, one row per trainee,
/// principle or scenario, CRLF line ends, and fields holding a comma, quote or line break
/// quoted with inner quotes doubled. Free text (titles, replies) loses terminal control
/// sequences, and a leading `= + - @` gets a `'` so a spreadsheet cannot run it as a formula.
public enum ReportCSVRenderer {
  public static func render(_ report: TeamReport, view: TeamReport.View) -> String {
    var rows: [[String]]
    switch view {
    case .trainees:
      rows = [
        [
          "user", "attempts", "finished", "turns", "scenarios_completed", "average_score", "reviewed_average_score",
          "best_score", "trend_per_30_days", "weakest_principles", "notes", "practice_average_score", "assessments",
          "assessment_average_score",
        ]
      ]
      for t in report.trainees {
        rows.append([
          t.user, String(t.attempts), String(t.finished), String(t.turns), String(t.scenariosCompleted.count),
          Figures.decimal(t.automatic.mean, 1), Figures.decimal(t.reviewed.mean, 1),
          t.automatic.best.map(String.init) ?? "",
          Figures.decimal(t.trend.slopePer30Days, 2), t.weakest().map(\.id).joined(separator: " "), String(t.notes),
          Figures.decimal(t.practice.mean, 1), String(t.assessment.count), Figures.decimal(t.assessment.mean, 1),
        ])
      }
    case .assignments:
      rows = [["user", "scenario", "due", "mode", "status"]]
      for a in report.assignments {
        rows.append([a.user, a.scenario, a.due.description, a.isAssessment ? "assess" : "practice", a.status.rawValue])
      }
    case .principles:
      rows = [
        ["principle", "kind", "applicable", "met", "missed", "violated", "avoided", "good_rate", "trend_per_30_days"]
      ]
      for p in report.principles {
        let t = p.tally
        rows.append([
          p.id, p.kind?.rawValue ?? "", String(t.applicable), String(t.met), String(t.missed), String(t.violated),
          String(t.avoided),
          Figures.decimal(t.goodRate, 4), Figures.decimal(p.trend.slopePer30Days, 4),
        ])
      }
    case .scenarios:
      rows = [
        [
          "scenario", "title", "attempts", "finished", "average_score", "reviewed_average_score", "hardest_beat",
          "hardest_beat_turns", "hardest_beat_failures", "hardest_beat_failure_rate", "lowest_reply",
          "lowest_reply_score",
        ]
      ]
      for s in report.scenarios {
        let beat = s.hardestBeat
        rows.append([
          s.id, freeText(s.title ?? ""), String(s.attempts), String(s.finished), Figures.decimal(s.automatic.mean, 1),
          Figures.decimal(s.reviewed.mean, 1), beat?.id ?? "", beat.map { String($0.turns) } ?? "",
          beat.map { String($0.failures) } ?? "",
          Figures.decimal(beat?.failureRate, 4), freeText(beat?.lowestReply ?? ""),
          beat?.lowestScore.map(String.init) ?? "",
        ])
      }
    }
    return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }

  /// One field, quoted when RFC 4180 requires it.
  static func field(_ value: String) -> String {
    let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func freeText(_ value: String) -> String {
    let clean = Sanitizer.terminalSafe(value)
    if let first = clean.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { return "'" + clean }
    return clean
  }
}
