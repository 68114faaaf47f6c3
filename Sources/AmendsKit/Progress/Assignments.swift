import Foundation
import Yams

/// A scenario a manager assigned to trainees or teams, to finish by a day.
public struct Assignment: Sendable, Equatable {
  public var scenario: String
  public var due: CivilDate
  public var users: [String]
  public var teams: [String]
  /// `assess` when the assignment is an assessment (played with `amends play --mode assess`).
  public var mode: AttemptMode
  public var line: Int

  public var isAssessment: Bool { mode == .assess }
}

/// Where a trainee stands with one assignment.
public enum AssignmentStatus: String, Sendable, CaseIterable {
  case notStarted = "not started"
  case inProgress = "in progress"
  case done
  case overdue

  /// From the trainee's attempts: done once an attempt of the scenario (an assessment, when
  /// the assignment is one) has finished; overdue when not done after the due day.
  public static func of(_ assignment: Assignment, attempts: [AttemptRecord], today: CivilDate) -> AssignmentStatus {
    let relevant = attempts.filter {
      $0.scenario == assignment.scenario && (!assignment.isAssessment || $0.mode == .assess)
    }
    return decide(
      assignment, done: relevant.contains(where: \.isFinished), started: relevant.contains(where: \.isOpen),
      today: today)
  }

  /// The one rule, shared by a trainee's progress and a manager's report: done beats overdue,
  /// overdue beats in progress.
  public static func decide(_ assignment: Assignment, done: Bool, started: Bool, today: CivilDate) -> AssignmentStatus {
    if done { return .done }
    if today > assignment.due { return .overdue }
    return started ? .inProgress : .notStarted
  }
}

/// `assignments.yaml` in the data directory, written by a manager:
///
///     assignments:
///       - scenario: late-refund
///         users: [dana]
///         teams: [support-emea]      # members from teams.yaml
///         due: 2026-12-15
///         mode: assess               # optional; practice by default
public struct AssignmentsFile: Sendable, Equatable {
  public var assignments: [Assignment]

  /// What to tell a manager whose data folder has no assignments: where the file goes and
  /// what it looks like.
  public static func howToCreate(in data: DataDirectory) -> String {
    """
    No assignments yet. To assign a scenario, create \(displayPath(data.root.appendingPathComponent("assignments.yaml"))), for example:
      assignments:
        - scenario: late-refund
          users: [dana]
          teams: [support-emea]      # members from teams.yaml
          due: 2026-12-15
          mode: assess               # optional; practice by default
    """
  }

  public init(assignments: [Assignment]) { self.assignments = assignments }

  /// One trainee's assignments in a data directory, each with where they stand by their attempts.
  public static func statuses(
    of user: String, in data: DataDirectory, attempts: [AttemptRecord], today: CivilDate
  ) throws -> [(assignment: Assignment, status: AssignmentStatus)] {
    let file = try load(from: data)
    guard !file.assignments.isEmpty else { return [] }
    let teams = try TeamsFile.load(from: data)
    return file.assigned(to: user, teams: teams).map { ($0, AssignmentStatus.of($0, attempts: attempts, today: today)) }
  }

  /// The assignments of a data directory; none when it has no `assignments.yaml`. A malformed
  /// file throws its problems as diagnostics (`assignments.yaml:4:10: error: …`).
  public static func load(from data: DataDirectory) throws -> AssignmentsFile {
    let url = data.root.appendingPathComponent("assignments.yaml")
    guard let bytes = try SafeFile.read(url) else { return AssignmentsFile(assignments: []) }
    return try parse(bytes, path: displayPath(url))
  }

  static func parse(_ bytes: Data, path: String) throws -> AssignmentsFile {
    let reader = YAMLReader(path: path)
    guard let text = reader.decode(bytes) else { throw DiagnosticList(reader.diagnostics) }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return AssignmentsFile(assignments: []) }
    guard let root = reader.parse(text) else { throw DiagnosticList(reader.diagnostics) }
    var assignments: [Assignment] = []
    if let top = reader.mapping(root, "assignments.yaml", allowed: ["assignments"]),
      let items = reader.sequence(reader.require(top, "assignments", in: "assignments.yaml", at: root), "assignments")
    {
      for item in items {
        guard let fields = reader.mapping(item, "assignment", allowed: ["scenario", "users", "teams", "due", "mode"]),
          let scenario = reader.string(reader.require(fields, "scenario", in: "assignment", at: item), "scenario"),
          let dueText = reader.string(reader.require(fields, "due", in: "assignment", at: item), "due")
        else { continue }
        guard let due = CivilDate(dueText) else {
          reader.error(
            fields["due"], "due must be a day written YYYY-MM-DD, not '\(Sanitizer.visible(dueText))'", code: "E003")
          continue
        }
        let users = reader.strings(fields["users"], "users") ?? []
        for user in users where (try? UserName(user)) == nil {
          reader.error(fields["users"], "'\(Sanitizer.visible(user))' is not a valid user name", code: "E003")
        }
        let teams = reader.strings(fields["teams"], "teams") ?? []
        if users.isEmpty && teams.isEmpty {
          reader.error(item, "an assignment needs users or teams to assign it to", code: "E006")
        }
        let modeText = reader.string(fields["mode"], "mode") ?? AttemptMode.practice.rawValue
        let mode = AttemptMode(rawValue: modeText) ?? .practice
        if AttemptMode(rawValue: modeText) == nil {
          reader.error(
            fields["mode"], "mode must be practice or assess, not '\(Sanitizer.visible(modeText))'", code: "E003")
        }
        assignments.append(
          Assignment(scenario: scenario, due: due, users: users, teams: teams, mode: mode, line: item.mark?.line ?? 1))
      }
    }
    if reader.hasErrors { throw DiagnosticList(reader.diagnostics) }
    return AssignmentsFile(assignments: assignments)
  }

  /// The assignments of one trainee, directly or through a team, soonest due first.
  public func assigned(to user: String, teams: TeamsFile) -> [Assignment] {
    assignments.filter { a in
      a.users.contains(user) || a.teams.contains { teams.teams[$0]?.contains(user) ?? false }
    }.sorted { ($0.due, $0.scenario) < ($1.due, $1.scenario) }
  }
}
