import AmendsKit
import ArgumentParser

extension Amends {
  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "next",
      abstract: "Recommend the scenario that trains your weakest principle.")

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let library = environment.scenarios()
        guard let pick = Recommender(library: library, summary: try environment.store().summary()).recommend() else {
          throw UserFacingError("there are no scenarios to recommend")
        }
        environment.say("\(pick.scenario.id): \(environment.painter.safe(pick.scenario.title))")
        environment.say("  Why: \(pick.reason).")
        environment.say("  Start it with: amends play \(pick.scenario.id)")
      }
    }
  }
}
