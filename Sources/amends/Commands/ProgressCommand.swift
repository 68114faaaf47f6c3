import AmendsKit
import ArgumentParser

extension Amends {
  struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "progress",
      abstract: "Show your scenarios, best scores, mastery per principle and your trend.")

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        print(try ProgressCommand.render(environment))
      }
    }

    static func render(_ environment: TrainerEnvironment) throws -> String {
      let store = try environment.store()
      let (attempts, problems) = try store.attempts()
      for problem in problems { printError(problem.description) }
      return ProgressView(painter: environment.painter, rubric: environment.rubric).render(
        user: store.user.value, summary: try store.summary(), library: environment.scenarios(),
        openAttempts: attempts.filter(\.isOpen))
    }
  }
}
