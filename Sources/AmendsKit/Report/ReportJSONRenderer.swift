import Foundation

/// The report as one JSON document for scripts: keys in snake_case, sorted, shares between 0
/// and 1, scores 0–100, absent figures as null. Text is JSON-escaped by the encoder.
public enum ReportJSONRenderer {
  struct Document: Encodable {
    var dataDirectory: String
    var filter: String
    var firstDay: String?
    var lastDay: String?
    var skippedLines: Int
    var unreadableUsers: [String]
    var trainees: [Trainee]?
    var principles: [Principle]?
    var scenarios: [ScenarioRow]?
    var assignments: [Assigned]?

    enum CodingKeys: String, CodingKey {
      case filter, trainees, principles, scenarios, assignments
      case dataDirectory = "data_directory", firstDay = "first_day", lastDay = "last_day"
      case skippedLines = "skipped_lines", unreadableUsers = "unreadable_users"
    }

    // Encode nulls for absent figures instead of dropping the key, so every row has the same keys.
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(dataDirectory, forKey: .dataDirectory)
      try c.encode(filter, forKey: .filter)
      try c.encode(firstDay, forKey: .firstDay)
      try c.encode(lastDay, forKey: .lastDay)
      try c.encode(skippedLines, forKey: .skippedLines)
      try c.encode(unreadableUsers, forKey: .unreadableUsers)
      try c.encodeIfPresent(trainees, forKey: .trainees)
      try c.encodeIfPresent(principles, forKey: .principles)
      try c.encodeIfPresent(scenarios, forKey: .scenarios)
      try c.encodeIfPresent(assignments, forKey: .assignments)
    }
  }

  struct Assigned: Encodable {
    var user, scenario, due, mode, status: String
  }

  struct Point: Encodable {
    var week: String
    var mean: Double?
    var count: Int
  }

  struct Trainee: Encodable {
    var user: String
    var attempts, finished, turns, scenariosCompleted, notes: Int
    var averageScore, reviewedAverageScore, trendPer30Days: Double?
    var practiceAverageScore, assessmentAverageScore: Double?
    var assessments: Int
    var bestScore: Int?
    var weakestPrinciples: [String]
    var weekly: [Point]

    enum CodingKeys: String, CodingKey {
      case user, attempts, finished, turns, notes, weekly, assessments
      case practiceAverageScore = "practice_average_score", assessmentAverageScore = "assessment_average_score"
      case scenariosCompleted = "scenarios_completed", averageScore = "average_score"
      case reviewedAverageScore = "reviewed_average_score", trendPer30Days = "trend_per_30_days"
      case bestScore = "best_score", weakestPrinciples = "weakest_principles"
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(user, forKey: .user)
      try c.encode(attempts, forKey: .attempts)
      try c.encode(finished, forKey: .finished)
      try c.encode(turns, forKey: .turns)
      try c.encode(scenariosCompleted, forKey: .scenariosCompleted)
      try c.encode(notes, forKey: .notes)
      try c.encode(averageScore, forKey: .averageScore)
      try c.encode(reviewedAverageScore, forKey: .reviewedAverageScore)
      try c.encode(practiceAverageScore, forKey: .practiceAverageScore)
      try c.encode(assessmentAverageScore, forKey: .assessmentAverageScore)
      try c.encode(assessments, forKey: .assessments)
      try c.encode(bestScore, forKey: .bestScore)
      try c.encode(trendPer30Days, forKey: .trendPer30Days)
      try c.encode(weakestPrinciples, forKey: .weakestPrinciples)
      try c.encode(weekly, forKey: .weekly)
    }
  }

  struct Principle: Encodable {
    var id: String
    var kind: String?
    var applicable, met, missed, violated, avoided: Int
    var goodRate, trendPer30Days: Double?
    var weekly: [Point]

    enum CodingKeys: String, CodingKey {
      case id, kind, applicable, met, missed, violated, avoided, weekly
      case goodRate = "good_rate", trendPer30Days = "trend_per_30_days"
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(kind, forKey: .kind)
      try c.encode(applicable, forKey: .applicable)
      try c.encode(met, forKey: .met)
      try c.encode(missed, forKey: .missed)
      try c.encode(violated, forKey: .violated)
      try c.encode(avoided, forKey: .avoided)
      try c.encode(goodRate, forKey: .goodRate)
      try c.encode(trendPer30Days, forKey: .trendPer30Days)
      try c.encode(weekly, forKey: .weekly)
    }
  }

  struct Beat: Encodable {
    var id: String
    var turns, failures: Int
    var failureRate: Double
    var averageScore: Double?
    var lowestReply: String?
    var lowestScore: Int?

    enum CodingKeys: String, CodingKey {
      case id, turns, failures
      case failureRate = "failure_rate", averageScore = "average_score", lowestReply = "lowest_reply", lowestScore = "lowest_score"
    }
  }

  struct ScenarioRow: Encodable {
    var id: String
    var title: String?
    var attempts, finished: Int
    var averageScore, reviewedAverageScore: Double?
    var hardestBeat: String?
    var beats: [Beat]

    enum CodingKeys: String, CodingKey {
      case id, title, attempts, finished, beats
      case averageScore = "average_score", reviewedAverageScore = "reviewed_average_score", hardestBeat = "hardest_beat"
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(title, forKey: .title)
      try c.encode(attempts, forKey: .attempts)
      try c.encode(finished, forKey: .finished)
      try c.encode(averageScore, forKey: .averageScore)
      try c.encode(reviewedAverageScore, forKey: .reviewedAverageScore)
      try c.encode(hardestBeat, forKey: .hardestBeat)
      try c.encode(beats, forKey: .beats)
    }
  }

  public static func render(_ report: TeamReport, views: [TeamReport.View]) -> String {
    var document = Document(
      dataDirectory: report.dataDirectory, filter: report.filter, firstDay: report.firstDay?.description,
      lastDay: report.lastDay?.description, skippedLines: report.skippedLines, unreadableUsers: report.unreadableUsers)
    if views.contains(.trainees) { document.trainees = report.trainees.map(trainee) }
    if views.contains(.principles) { document.principles = report.principles.map(principle) }
    if views.contains(.scenarios) { document.scenarios = report.scenarios.map(scenario) }
    if views.contains(.assignments), !report.assignments.isEmpty {
      document.assignments = report.assignments.map {
        Assigned(user: $0.user, scenario: $0.scenario, due: $0.due.description, mode: $0.isAssessment ? "assess" : "practice", status: $0.status.rawValue)
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(document) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  static func points(_ series: WeeklySeries, places: Int) -> [Point] {
    series.points.map { Point(week: $0.week.description, mean: ReportFormat.rounded($0.mean, places), count: $0.count) }
  }

  static func trainee(_ t: TraineeSummary) -> Trainee {
    Trainee(
      user: t.user, attempts: t.attempts, finished: t.finished, turns: t.turns, scenariosCompleted: t.scenariosCompleted.count,
      notes: t.notes, averageScore: ReportFormat.rounded(t.automatic.mean, 2), reviewedAverageScore: ReportFormat.rounded(t.reviewed.mean, 2),
      trendPer30Days: ReportFormat.rounded(t.trend.slopePer30Days, 2),
      practiceAverageScore: ReportFormat.rounded(t.practice.mean, 2), assessmentAverageScore: ReportFormat.rounded(t.assessment.mean, 2),
      assessments: t.assessment.count, bestScore: t.automatic.best,
      weakestPrinciples: t.weakest().map(\.id), weekly: points(t.trend, places: 2))
  }

  static func principle(_ p: PrincipleSummary) -> Principle {
    let t = p.tally
    return Principle(
      id: p.id, kind: p.kind?.rawValue, applicable: t.applicable, met: t.met, missed: t.missed, violated: t.violated, avoided: t.avoided,
      goodRate: ReportFormat.rounded(t.goodRate, 4), trendPer30Days: ReportFormat.rounded(p.trend.slopePer30Days, 4),
      weekly: points(p.trend, places: 4))
  }

  static func scenario(_ s: ScenarioSummary) -> ScenarioRow {
    let beats = s.beats.values.sorted { $0.id < $1.id }.map {
      Beat(id: $0.id, turns: $0.turns, failures: $0.failures, failureRate: ReportFormat.rounded($0.failureRate, 4) ?? 0,
        averageScore: ReportFormat.rounded($0.meanScore, 2), lowestReply: $0.lowestReply, lowestScore: $0.lowestScore)
    }
    return ScenarioRow(
      id: s.id, title: s.title, attempts: s.attempts, finished: s.finished, averageScore: ReportFormat.rounded(s.automatic.mean, 2),
      reviewedAverageScore: ReportFormat.rounded(s.reviewed.mean, 2), hardestBeat: s.hardestBeat?.id, beats: beats)
  }
}
