import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "simulate",
      abstract: "Write made-up trainee logs (for trying reports), scored by the real scorer.",
      discussion: """
        Plays generated replies of varied quality through the library's scenarios for N trainees \
        of M attempts each, spread over about four months. The same --seed writes the same files. \
        Refuses to touch a user who already has a log.
        """)

    @Option(help: "How many trainees.") var users: Int = 10
    @Option(help: "Attempts per trainee.") var attempts: Int = 20
    @Option(help: "Seed for the generator (same seed, same logs).") var seed: UInt64 = 1
    @Option(help: "First day of the simulated period (YYYY-MM-DD).") var start: String = "2026-01-05"
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (users, attempts, seed, start, global) = (self.users, self.attempts, self.seed, self.start, self.global)
      try reportingErrors {
        guard (1...100_000).contains(users) else {
          throw UserFacingError("--users must be between 1 and 100000, not \(users)", exitCode: 64)
        }
        guard (1...100_000).contains(attempts) else {
          throw UserFacingError("--attempts must be between 1 and 100000, not \(attempts)", exitCode: 64)
        }
        guard let first = CivilDate(start) else {
          throw UserFacingError("--start must be a date as YYYY-MM-DD, not '\(Sanitizer.visible(start))'", exitCode: 64)
        }
        let environment = try TrainerEnvironment(global)
        let library = environment.scenarios()
        environment.reportLibraryProblems(library)
        let simulator = Simulator(
          scenarios: library.scenarios, scorer: environment.scorer,
          options: Simulator.Options(users: users, attempts: attempts, seed: seed, start: first))
        do {
          let totals = try simulator.run(into: environment.data)
          print(
            "Wrote \(totals.attempts) attempts (\(totals.turns) turns) for \(totals.users) trainees under \(environment.data.usersFolder.path)."
          )
        } catch let refusal as Simulator.Refusal {
          throw UserFacingError(refusal.description)
        }
      }
    }
  }
}
