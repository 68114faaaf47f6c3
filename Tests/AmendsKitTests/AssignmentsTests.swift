import Foundation
import Testing

@testable import AmendsKit

@Suite struct AssignmentsTests {
  let file = """
    assignments:
      - scenario: late-refund
        users: [dana]
        due: 2026-12-15
      - scenario: double-charge
        teams: [emea]
        due: 2026-12-01
        mode: assess
    """

  func record(_ scenario: String, mode: AttemptMode = .practice, finished: Bool) -> AttemptRecord {
    AttemptRecord(
      number: 1, scenario: scenario, scenarioVersion: 1, mode: mode, started: "2026-11-30T10:00:00Z",
      finished: finished ? "2026-11-30T10:10:00Z" : nil)
  }

  @Test func readsUsersAndTeamsAndSortsByDueDay() throws {
    let parsed = try AssignmentsFile.parse(Data(file.utf8), path: "assignments.yaml")
    let teams = TeamsFile(teams: ["emea": ["dana", "lee"]])
    #expect(parsed.assigned(to: "dana", teams: teams).map(\.scenario) == ["double-charge", "late-refund"])
    #expect(parsed.assigned(to: "lee", teams: teams).map(\.scenario) == ["double-charge"])
    #expect(parsed.assigned(to: "sam", teams: teams).isEmpty)
    #expect(parsed.assignments[1].isAssessment)
  }

  @Test func statusFollowsTheAttempts() throws {
    let parsed = try AssignmentsFile.parse(Data(file.utf8), path: "assignments.yaml")
    let practice = parsed.assignments[0], assessment = parsed.assignments[1]
    let before = try #require(CivilDate("2026-11-30")), after = try #require(CivilDate("2026-12-20"))
    #expect(AssignmentStatus.of(practice, attempts: [], today: before) == .notStarted)
    #expect(
      AssignmentStatus.of(practice, attempts: [record("late-refund", finished: false)], today: before) == .inProgress)
    #expect(AssignmentStatus.of(practice, attempts: [record("late-refund", finished: true)], today: after) == .done)
    #expect(AssignmentStatus.of(practice, attempts: [record("late-refund", finished: false)], today: after) == .overdue)
    // An assessment is done only by an assessed attempt.
    #expect(
      AssignmentStatus.of(assessment, attempts: [record("double-charge", finished: true)], today: before) == .notStarted
    )
    #expect(
      AssignmentStatus.of(assessment, attempts: [record("double-charge", mode: .assess, finished: true)], today: after)
        == .done)
  }

  @Test(arguments: [
    ("assignments:\n  - scenario: x\n    due: 2026-13-01\n    users: [a]\n", "3:10", "YYYY-MM-DD"),
    ("assignments:\n  - scenario: x\n    due: 2026-12-01\n", "2:5", "needs users or teams"),
    ("assignments:\n  - scenario: x\n    due: 2026-12-01\n    users: [../x]\n", "4:12", "not a valid user name"),
    (
      "assignments:\n  - scenario: x\n    due: 2026-12-01\n    users: [a]\n    mode: exam\n", "5:11",
      "practice or assess"
    ),
    ("assignments:\n  - scenario: x\n    due: 2026-12-01\n    user: [a]\n", "4:5", "unknown key 'user'"),
  ])
  func badFilesAreOneLineErrorsWithPlace(_ text: String, _ place: String, _ message: String) {
    #expect {
      try AssignmentsFile.parse(Data(text.utf8), path: "assignments.yaml")
    } throws: { error in
      let shown = "\(error)"
      return shown.contains("assignments.yaml:\(place): error:") && shown.contains(message)
    }
  }
}
