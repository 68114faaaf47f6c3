import AmendsKit
import ArgumentParser

extension Amends {
  struct Principles: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the principles replies are scored on, from the rubric's own data.")

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        print(PrinciplesView(painter: environment.painter, rubric: environment.rubric).render())
      }
    }
  }
}
