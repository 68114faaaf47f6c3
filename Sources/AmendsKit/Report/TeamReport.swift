/// The result of aggregating a data directory: one summary per trainee, principle and
/// scenario. Every renderer (table, csv, json, html) draws from this and nothing else.
public struct TeamReport: Sendable {
  /// The three views a report can show.
  public enum View: String, Sendable, CaseIterable {
    case trainees, principles, scenarios
    /// Who stands where with the scenarios `assignments.yaml` assigns.
    case assignments
  }

  public var dataDirectory: String
  public var filter: String
  public var trainees: [TraineeSummary] = []
  public var principles: [PrincipleSummary] = []
  public var scenarios: [ScenarioSummary] = []
  /// Assigned scenarios per trainee and where each stands (empty without `assignments.yaml`).
  public var assignments: [AssignmentRow] = []
  /// Lines that could not be read and were skipped.
  public var skippedLines = 0
  /// Users whose folder or log could not be read.
  public var unreadableUsers: [String] = []
  /// Days of the first and last counted attempt.
  public var firstDay: CivilDate?
  public var lastDay: CivilDate?

  public init(dataDirectory: String, filter: String) {
    self.dataDirectory = dataDirectory
    self.filter = filter
  }

  /// True when no attempt was counted.
  public var isEmpty: Bool { trainees.allSatisfy { $0.attempts == 0 } }
}

/// One trainee's record over the report's attempts.
public struct TraineeSummary: Sendable {
  public var user: String
  public var attempts = 0
  public var finished = 0
  /// Turns counted (retries replace the answer they retried).
  public var turns = 0
  /// Distinct scenarios with at least one finished attempt.
  public var scenariosCompleted: Set<String> = []
  /// Scores of finished attempts as the scorer gave them.
  public var automatic = ScoreTally()
  /// The same attempts with managers' overrides applied.
  public var reviewed = ScoreTally()
  /// Finished attempts split by mode: practice, and assessments (`play --mode assess`).
  public var practice = ScoreTally()
  public var assessment = ScoreTally()
  /// Scenarios with an attempt counted, and those with a finished assessment: for assignments.
  public var startedScenarios: Set<String> = []
  public var scenariosAssessed: Set<String> = []
  /// Whether any override touched this trainee's counted attempts.
  public var hasOverrides = false
  public var notes = 0
  /// Finished attempts' automatic scores by the week they finished.
  public var trend = WeeklySeries()
  public var principles: [String: VerdictTally] = [:]

  public init(user: String) { self.user = user }

  /// The principles with the lowest share of good verdicts (at least `minimum` applicable
  /// turns), weakest first; ties in rubric order.
  public func weakest(
    _ count: Int = 3, minimum: Int = 2, order: [String] = Rubric.principleIds
  ) -> [(id: String, rate: Double)] {
    let ranked = order.compactMap { id -> (id: String, rate: Double)? in
      guard let tally = principles[id], tally.applicable >= minimum, let rate = tally.goodRate else { return nil }
      return (id, rate)
    }
    let sorted = ranked.enumerated().sorted { a, b in
      a.element.rate == b.element.rate ? a.offset < b.offset : a.element.rate < b.element.rate
    }
    return sorted.prefix(count).map(\.element).filter { $0.rate < 1 }
  }
}

/// One principle across the team.
public struct PrincipleSummary: Sendable {
  public var id: String
  public var kind: PrincipleKind?
  public var tally = VerdictTally()
  /// Share of good verdicts by week.
  public var trend = WeeklySeries()

  public init(id: String, kind: PrincipleKind?) {
    self.id = id
    self.kind = kind
  }
}

/// One scenario across the team, with the beat where replies fail most.
public struct ScenarioSummary: Sendable {
  public struct BeatStats: Sendable {
    public var id: String
    public var turns = 0
    /// Replies in the poor band, and skipped beats.
    public var failures = 0
    public var scoreSum = 0
    /// The lowest-scoring reply counted here, as the trainee typed it.
    public var lowestReply: String?
    public var lowestScore: Int?

    /// Adds the same beat's figures from a log read after this one's.
    mutating func add(_ other: BeatStats) {
      turns += other.turns
      failures += other.failures
      scoreSum += other.scoreSum
      if let score = other.lowestScore, lowestScore.map({ score < $0 }) ?? true {
        lowestScore = score
        lowestReply = other.lowestReply
      }
    }

    public var failureRate: Double { turns == 0 ? 0 : Double(failures) / Double(turns) }
    public var meanScore: Double? { turns == 0 ? nil : Double(scoreSum) / Double(turns) }
  }

  public var id: String
  public var title: String?
  public var attempts = 0
  public var finished = 0
  public var automatic = ScoreTally()
  public var reviewed = ScoreTally()
  public var hasOverrides = false
  public var beats: [String: BeatStats] = [:]

  public init(id: String, title: String? = nil) {
    self.id = id
    self.title = title
  }

  /// Adds the same scenario's figures from another user's logs, read after this one's: a beat's
  /// lowest reply stays the first one seen at that score.
  mutating func add(_ other: ScenarioSummary) {
    attempts += other.attempts
    finished += other.finished
    automatic.add(other.automatic)
    reviewed.add(other.reviewed)
    if other.hasOverrides { hasOverrides = true }
    for (beatID, theirs) in other.beats {
      beats[beatID, default: BeatStats(id: beatID)].add(theirs)
    }
  }

  /// The beat with the highest failure rate (then the lower mean score, then the id).
  public var hardestBeat: BeatStats? {
    beats.values.filter { $0.turns > 0 }.min { a, b in
      if a.failureRate != b.failureRate { return a.failureRate > b.failureRate }
      if a.meanScore != b.meanScore { return (a.meanScore ?? 0) < (b.meanScore ?? 0) }
      return a.id < b.id
    }
  }
}

/// One trainee's standing with one assignment, for the report.
public struct AssignmentRow: Sendable, Equatable {
  public var user: String
  public var scenario: String
  public var due: CivilDate
  public var isAssessment: Bool
  public var status: AssignmentStatus

  /// The rows of every assignment for every trainee it reaches, from what the report counted:
  /// done once an attempt (an assessment, for one) finished; overdue when not done after the
  /// due day; in progress once an attempt started.
  public static func rows(
    _ file: AssignmentsFile, teams: TeamsFile, trainees: [TraineeSummary], today: CivilDate
  ) -> [AssignmentRow] {
    var rows: [AssignmentRow] = []
    for trainee in trainees {
      for assignment in file.assigned(to: trainee.user, teams: teams) {
        let done =
          assignment.isAssessment
          ? trainee.scenariosAssessed.contains(assignment.scenario)
          : trainee.scenariosCompleted.contains(assignment.scenario)
        let status = AssignmentStatus.decide(
          assignment, done: done, started: trainee.startedScenarios.contains(assignment.scenario), today: today)
        rows.append(
          AssignmentRow(
            user: trainee.user, scenario: assignment.scenario, due: assignment.due,
            isAssessment: assignment.isAssessment, status: status))
      }
    }
    return rows
  }

  /// The rows of a data directory's `assignments.yaml` for a report: every trainee an
  /// assignment reaches within the filter, counted or not (an assigned trainee with no attempt
  /// is "not started", or overdue, never left out), and only the filter's scenarios.
  public static func rows(
    for report: TeamReport, data: DataDirectory, filter: ReportFilter, today: CivilDate
  ) throws -> [AssignmentRow] {
    let file = try AssignmentsFile.load(from: data)
    guard !file.assignments.isEmpty else { return [] }
    let teams = try TeamsFile.load(from: data)
    var trainees = Dictionary(report.trainees.map { ($0.user, $0) }, uniquingKeysWith: { a, _ in a })
    let assigned = Set(file.assignments.flatMap { $0.users + $0.teams.flatMap { teams.teams[$0] ?? [] } })
    for user in assigned where trainees[user] == nil && filter.includes(user: user) {
      trainees[user] = TraineeSummary(user: user)
    }
    let rows = AssignmentRow.rows(
      file, teams: teams, trainees: trainees.values.sorted { $0.user < $1.user }, today: today)
    return rows.filter { filter.scenarios?.contains($0.scenario) ?? true }
  }

  /// How many rows have each status, in the order of `AssignmentStatus.allCases`.
  public static func counts(_ rows: [AssignmentRow]) -> [(AssignmentStatus, Int)] {
    AssignmentStatus.allCases.map { status in (status, rows.filter { $0.status == status }.count) }
  }
}
