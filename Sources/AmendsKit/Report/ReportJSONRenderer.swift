/// The report as one JSON document for scripts: keys in snake_case, sorted, shares between 0
/// and 1, scores 0–100, absent figures as null. Written through `PrettyJSON`, as `JSONEncoder` would.
public enum ReportJSONRenderer {
  public static func render(_ report: TeamReport, views: [TeamReport.View]) -> String {
    var fields: [(String, PrettyJSON)] = [
      ("data_directory", .string(report.dataDirectory)),
      ("filter", .string(report.filter)),
      ("first_day", .optional(report.firstDay?.description)),
      ("last_day", .optional(report.lastDay?.description)),
      ("skipped_lines", .int(report.skippedLines)),
      ("unreadable_users", .strings(report.unreadableUsers)),
    ]
    if views.contains(.trainees) { fields.append(("trainees", .array(report.trainees.map(trainee)))) }
    if views.contains(.principles) { fields.append(("principles", .array(report.principles.map(principle)))) }
    if views.contains(.scenarios) { fields.append(("scenarios", .array(report.scenarios.map(scenario)))) }
    if views.contains(.assignments), !report.assignments.isEmpty {
      fields.append(("assignments", .array(report.assignments.map(assignment))))
    }
    return PrettyJSON.object(fields).text
  }

  static func points(_ series: WeeklySeries, places: Int) -> PrettyJSON {
    .array(
      series.points.map { point in
        var fields: [(String, PrettyJSON)] = [("week", .string(point.week.description)), ("count", .int(point.count))]
        if let mean = Figures.rounded(point.mean, places) { fields.append(("mean", .double(mean))) }
        return .object(fields)
      })
  }

  static func trainee(_ t: TraineeSummary) -> PrettyJSON {
    .object([
      ("user", .string(t.user)),
      ("attempts", .int(t.attempts)),
      ("finished", .int(t.finished)),
      ("turns", .int(t.turns)),
      ("scenarios_completed", .int(t.scenariosCompleted.count)),
      ("notes", .int(t.notes)),
      ("average_score", .optional(Figures.rounded(t.automatic.mean, 2))),
      ("reviewed_average_score", .optional(Figures.rounded(t.reviewed.mean, 2))),
      ("practice_average_score", .optional(Figures.rounded(t.practice.mean, 2))),
      ("assessment_average_score", .optional(Figures.rounded(t.assessment.mean, 2))),
      ("assessments", .int(t.assessment.count)),
      ("best_score", .optional(t.automatic.best)),
      ("trend_per_30_days", .optional(Figures.rounded(t.trend.slopePer30Days, 2))),
      ("weakest_principles", .strings(t.weakest().map(\.id))),
      ("weekly", points(t.trend, places: 2)),
    ])
  }

  static func principle(_ p: PrincipleSummary) -> PrettyJSON {
    let t = p.tally
    return .object([
      ("id", .string(p.id)),
      ("kind", .optional(p.kind?.rawValue)),
      ("applicable", .int(t.applicable)),
      ("met", .int(t.met)),
      ("missed", .int(t.missed)),
      ("violated", .int(t.violated)),
      ("avoided", .int(t.avoided)),
      ("good_rate", .optional(Figures.rounded(t.goodRate, 4))),
      ("trend_per_30_days", .optional(Figures.rounded(p.trend.slopePer30Days, 4))),
      ("weekly", points(p.trend, places: 4)),
    ])
  }

  static func scenario(_ s: ScenarioSummary) -> PrettyJSON {
    let beats = s.beats.values.sorted { $0.id < $1.id }.map { beat -> PrettyJSON in
      // A beat leaves out what it lacks (no reply scored yet) rather than writing null.
      var fields: [(String, PrettyJSON)] = [
        ("id", .string(beat.id)),
        ("turns", .int(beat.turns)),
        ("failures", .int(beat.failures)),
        ("failure_rate", .double(Figures.rounded(beat.failureRate, 4) ?? 0)),
      ]
      if let average = Figures.rounded(beat.meanScore, 2) { fields.append(("average_score", .double(average))) }
      if let reply = beat.lowestReply { fields.append(("lowest_reply", .string(reply))) }
      if let score = beat.lowestScore { fields.append(("lowest_score", .int(score))) }
      return .object(fields)
    }
    return .object([
      ("id", .string(s.id)),
      ("title", .optional(s.title)),
      ("attempts", .int(s.attempts)),
      ("finished", .int(s.finished)),
      ("average_score", .optional(Figures.rounded(s.automatic.mean, 2))),
      ("reviewed_average_score", .optional(Figures.rounded(s.reviewed.mean, 2))),
      ("hardest_beat", .optional(s.hardestBeat?.id)),
      ("beats", .array(beats)),
    ])
  }

  static func assignment(_ a: AssignmentRow) -> PrettyJSON {
    .object([
      ("user", .string(a.user)),
      ("scenario", .string(a.scenario)),
      ("due", .string(a.due.description)),
      ("mode", .string(a.isAssessment ? "assess" : "practice")),
      ("status", .string(a.status.rawValue)),
    ])
  }
}
