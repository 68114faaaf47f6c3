import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Transcript: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "transcript",
      abstract: "Managers: replay one attempt of a trainee, with scores, evidence and notes.",
      discussion:
        "Without ATTEMPT, lists the trainee's attempts: number, scenario, mode, started, finished or open, score.")

    @Argument(help: "The trainee.") var trainee: String
    @Argument(help: "The attempt number (see the list without it).") var attempt: Int?
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (trainee, number, global) = (self.trainee, self.attempt, self.global)
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let name: UserName
        do { name = try UserName(trainee) } catch let invalid as UserName.Invalid {
          throw UserFacingError(invalid.description, exitCode: 64)
        }
        let store = UserStore(data: environment.data, user: name)
        guard store.exists else {
          let known = environment.data.users()
          throw UserFacingError(
            "no trainee '\(name)' in \(environment.data.usersFolder.path); known: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
          )
        }
        let (attempts, problems) = try store.attempts()
        for problem in problems { printError(problem.description) }
        let view = TranscriptView(painter: environment.painter, rubric: environment.rubric)
        guard let number else {
          let (reviews, reviewProblems) = try ReviewLog(store: store).read()
          for problem in reviewProblems { printError(problem.description) }
          environment.say(view.list(user: name.value, attempts: attempts, reviews: reviews))
          return
        }
        guard let record = attempts.first(where: { $0.number == number }) else {
          throw UserFacingError(
            "\(name) has no attempt \(number); attempts: \(attempts.isEmpty ? "none" : attempts.map { String($0.number) }.joined(separator: ", "))"
          )
        }
        let (reviews, reviewProblems) = try ReviewLog(store: store).read()
        for problem in reviewProblems { printError(problem.description) }
        let scenario = environment.scenarios().scenario(record.scenario)
        environment.say(view.render(user: name.value, attempt: record, scenario: scenario, reviews: reviews))
      }
    }
  }
}
