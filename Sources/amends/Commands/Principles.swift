import AmendsKit
import ArgumentParser

extension Amends {
  struct Principles: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "principles",
      abstract: "List the principles replies are scored on, from the rubric's own data.")

    @Option(help: "text, or markdown: the reference section of docs/scoring.md.")
    var format: TextOrMarkdown = .text

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let format = self.format
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        if format == .markdown {
          print(PrincipleReference(rubric: environment.rubric).markdown())
        } else {
          environment.say(PrinciplesView(painter: environment.painter, rubric: environment.rubric).render())
        }
      }
    }
  }
}
