import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the scenarios with difficulty, severity, tags and your best score.")

    @Option(help: "Only scenarios with this tag.") var tag: String?
    @Option(help: "Only this difficulty.") var difficulty: Difficulty?
    @Option(help: "Only scenarios that train this principle id.") var principle: String?
    @Option(help: "How to print the list.") var format: TextOrJSON = .text
    @Flag(help: "Print the library's counts: per principle, arrival kind, difficulty, branching.") var stats = false
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (tag, difficulty, principle, format, stats) = (
        self.tag, self.difficulty, self.principle, self.format, self.stats
      )
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        if let principle, !Rubric.principleIds.contains(principle) {
          throw UserFacingError(
            "unknown principle '\(Sanitizer.visible(principle))'; known: \(Rubric.principleIds.joined(separator: ", "))",
            exitCode: 64)
        }
        let library = environment.scenarios()
        environment.reportLibraryProblems(library)
        let shown = library.scenarios.filter { s in
          (tag == nil || s.tags.contains(tag!)) && (difficulty == nil || s.difficulty == difficulty)
            && (principle == nil || s.trains.contains(principle!))
        }
        if stats {
          environment.say(LibraryStats(scenarios: library.scenarios).render())
          return
        }
        let summary = (try? environment.store().summary())
        if format == .json {
          print(ScenarioListing.json(shown, summary: summary))
        } else {
          environment.say(ScenarioListing.table(shown, summary: summary, painter: environment.painter))
        }
      }
    }
  }
}
