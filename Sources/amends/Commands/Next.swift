import AmendsKit
import ArgumentParser

extension Amends {
  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Recommend the scenario that trains your weakest principle.")

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let library = environment.scenarios()
        guard let pick = Recommender(library: library, summary: try environment.store().summary()).recommend() else {
          throw UserFacingError("there are no scenarios to recommend")
        }
        print("\(pick.scenario.id): \(pick.scenario.title)")
        print("  Why: \(pick.reason).")
        print("  Start it with: amends play \(pick.scenario.id)")
      }
    }
  }
}
