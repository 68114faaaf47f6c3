import Foundation

/// The report as one self-contained HTML file: inline CSS (with a print stylesheet) and inline
/// SVG charts, no scripts and nothing fetched from a network. Every piece of text from a log is
/// escaped.
public enum ReportHTMLRenderer {
  public static func render(_ report: TeamReport, views: [TeamReport.View]) -> String {
    var body = "<header><h1>Team report</h1><p>\(e(report.filter))"
    if let first = report.firstDay, let last = report.lastDay { body += " · \(first) to \(last)" }
    body += " · \(report.trainees.count) trainee\(report.trainees.count == 1 ? "" : "s")"
    if report.skippedLines > 0 {
      body += " · \(report.skippedLines) unreadable log line\(report.skippedLines == 1 ? "" : "s") skipped"
    }
    body += "</p></header>\n"
    if report.isEmpty { body += "<p>No attempts match these filters.</p>\n" }
    for view in views {
      switch view {
      case .principles: body += principles(report)
      case .trainees: body += trainees(report)
      case .scenarios: body += scenarios(report)
      case .assignments: if !report.assignments.isEmpty { body += assignments(report) }
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>amends team report</title>
      <style>\(style)</style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  private static func e(_ text: String) -> String { HTMLText.escape(text) }

  private static func principles(_ report: TeamReport) -> String {
    let bars = report.principles.filter { $0.tally.applicable > 0 }.map { p -> SVGChart.Bar in
      let t = p.tally
      return SVGChart.Bar(
        label: p.id,
        segments: [
          (t.rate(t.good) ?? 0, "good"), (t.rate(t.missed) ?? 0, "missed"), (t.rate(t.violated) ?? 0, "violated"),
        ],
        note: "\(Figures.percent(t.goodRate))% good of \(t.applicable)")
    }
    var html = "<section id=\"principles\"><h2>Principles across the team</h2>\n"
    html += "<p class=\"legend\"><span class=\"key good\"></span> met or avoided "
    html += "<span class=\"key missed\"></span> missed <span class=\"key violated\"></span> violated</p>\n"
    html +=
      "<figure>" + SVGChart.bars(bars, title: "Share of turns per principle: good, missed, violated") + "</figure>\n"
    html += head(["Principle", "Kind", "Turns", "Met", "Missed", "Violated", "Avoided", "Good", "Trend"])
    for p in report.principles {
      let t = p.tally
      let trend = Figures.slope(p.trend.slopePer30Days, scale: 100).replacingOccurrences(of: "/mo", with: " pt/mo")
      html += row([
        e(p.id), e(p.kind?.rawValue ?? ""), "\(t.applicable)", "\(t.met)", "\(t.missed)", "\(t.violated)",
        "\(t.avoided)",
        "\(Figures.percent(t.goodRate))%", e(trend),
      ])
    }
    return html + "</tbody></table></section>\n"
  }

  private static func assignments(_ report: TeamReport) -> String {
    let counts = AssignmentRow.counts(report.assignments).map { "\($0.1) \($0.0.rawValue)" }.joined(separator: " · ")
    var html = "<section><h2>Assignments</h2>\n<p>" + counts + "</p>\n"
    html += head(["Trainee", "Scenario", "Due", "Kind", "Status"])
    for assignment in report.assignments.sorted(by: { ($0.due, $0.user, $0.scenario) < ($1.due, $1.user, $1.scenario) })
    {
      html += row([
        e(assignment.user), e(assignment.scenario), "\(assignment.due)",
        assignment.isAssessment ? "assessment" : "practice",
        e(assignment.status.rawValue),
      ])
    }
    return html + "</tbody></table></section>\n"
  }

  private static func trainees(_ report: TeamReport) -> String {
    var html = "<section id=\"trainees\"><h2>Trainees</h2>\n"
    html += head([
      "Trainee", "Attempts", "Finished", "Scenarios", "Average", "Reviewed", "Best", "Trend", "Weakest principles",
    ])
    for t in report.trainees {
      let weakest = t.weakest().map { "\(e($0.id)) \(Figures.percent($0.rate))%" }.joined(separator: ", ")
      html += row([
        e(t.user), "\(t.attempts)", "\(t.finished)", "\(t.scenariosCompleted.count)", Figures.score(t.automatic.mean),
        t.hasOverrides ? Figures.score(t.reviewed.mean) : "–", Figures.score(t.automatic.best),
        e(Figures.slope(t.trend.slopePer30Days)), weakest,
      ])
    }
    html += "</tbody></table>\n<h3>Score over time (weekly average of finished attempts)</h3>\n<div class=\"grid\">\n"
    for t in report.trainees where !t.trend.isEmpty {
      let chart = SVGChart.scoreLine(t.trend.points, title: "Weekly average score of \(t.user)")
      html += "<figure class=\"small\"><figcaption>\(e(t.user))</figcaption>" + chart + "</figure>\n"
    }
    return html + "</div></section>\n"
  }

  private static func scenarios(_ report: TeamReport) -> String {
    let ranked = report.scenarios.filter { $0.automatic.mean != nil }.sorted {
      ($0.automatic.mean ?? 0, $0.id) < ($1.automatic.mean ?? 0, $1.id)
    }
    let bars = ranked.map { s in
      SVGChart.Bar(
        label: s.id, segments: [((s.automatic.mean ?? 0) / 100, "score")],
        note: "average \(Figures.score(s.automatic.mean))")
    }
    var html = "<section id=\"scenarios\"><h2>Scenarios</h2>\n"
    if !bars.isEmpty {
      html +=
        "<figure>" + SVGChart.bars(bars, title: "Average score per scenario, hardest first", labelWidth: 220)
        + "</figure>\n"
    }
    html += head([
      "Scenario", "Attempts", "Finished", "Average", "Reviewed", "Hardest beat", "Poor or skipped",
      "Lowest reply there",
    ])
    for s in report.scenarios {
      let beat = s.hardestBeat
      let title = s.title.map { "<br><small>\(e($0))</small>" } ?? ""
      let reply =
        beat?.lowestReply.map { "<blockquote>\(e($0))</blockquote>" + (beat?.lowestScore.map { " (\($0))" } ?? "") }
        ?? ""
      html += row([
        e(s.id) + title, "\(s.attempts)", "\(s.finished)", Figures.score(s.automatic.mean),
        s.hasOverrides ? Figures.score(s.reviewed.mean) : "–", e(beat?.id ?? "–"),
        beat.map { "\(Figures.percent($0.failureRate))% of \($0.turns)" } ?? "–", reply,
      ])
    }
    return html + "</tbody></table></section>\n"
  }

  /// A table's opening and its header row.
  private static func head(_ titles: [String]) -> String {
    "<table><thead><tr>" + titles.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
  }

  /// One body row of cells, already escaped.
  private static func row(_ cells: [String]) -> String {
    "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
  }

  private static let style = """
    body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
    h1{margin-bottom:.2em}header p{color:#555;margin-top:0}
    table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
    th{background:#f4f4f4}blockquote{margin:0;white-space:pre-wrap;font-style:italic}
    .grid{display:flex;flex-wrap:wrap;gap:.5em}figure{margin:.5em 0}figure.small{margin:0}figcaption{font-size:13px;font-weight:600}
    svg .label,svg .note{font-size:12px;fill:#333}svg .axis{font-size:9px;fill:#777}
    svg .track{fill:#eee}svg .good{fill:#2e8b57}svg .missed{fill:#e0a030}svg .violated{fill:#c0392b}svg .score{fill:#4a6fa5}
    svg .grid{stroke:#e4e4e4}svg .line{fill:none;stroke:#4a6fa5;stroke-width:2}svg .dot{fill:#4a6fa5}
    .key{display:inline-block;width:.9em;height:.9em;vertical-align:middle}.key.good{background:#2e8b57}.key.missed{background:#e0a030}.key.violated{background:#c0392b}
    @media print{body{margin:0;max-width:none;font-size:11pt}section{break-inside:avoid-page}h2{break-before:page}h2:first-of-type{break-before:auto}
    th{background:none}figure.small{break-inside:avoid}.key,svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
    """
}
