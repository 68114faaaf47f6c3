import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "progress",
      abstract: "Show your scenarios, best scores, mastery per principle and your trend.")

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        environment.say(try ProgressCommand.render(environment))
      }
    }

    static func render(_ environment: TrainerEnvironment) throws -> String {
      let store = try environment.store()
      let (attempts, problems) = try store.attempts()
      for problem in problems { printError(problem.description) }
      let notes = try ManagerNotes.load(store)
      let text = ProgressView(painter: environment.painter, rubric: environment.rubric).render(
        user: store.user.value, summary: try store.summary(), library: environment.scenarios(),
        openAttempts: attempts.filter(\.isOpen), assignments: try assignments(environment, attempts: attempts),
        notes: notes, attempts: attempts)
      try? notes.markSeen(store)  // a folder one may read but not write still shows its notes
      return text
    }

    /// The trainee's assignments from the data folder's `assignments.yaml`, with their status.
    static func assignments(
      _ environment: TrainerEnvironment, attempts: [AttemptRecord]
    ) throws -> [(assignment: Assignment, status: AssignmentStatus)] {
      try AssignmentsFile.statuses(
        of: try environment.store().user.value, in: environment.data, attempts: attempts, today: CivilDate.today())
    }
  }
}
