import AmendsKit
import ArgumentParser

extension Amends {
  struct Principles: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the principles replies are scored on, from the rubric's own data.")

    @Option(help: "text (default), or markdown: the reference section of docs/scoring.md.")
    var format: String = "text"

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let format = self.format
      try reportingErrors {
        guard ["text", "markdown"].contains(format) else {
          throw UserFacingError("--format must be text or markdown, not '\(Sanitizer.visible(format))'", exitCode: 64)
        }
        let environment = try TrainerEnvironment(global)
        if format == "markdown" {
          print(PrincipleReference(rubric: environment.rubric).markdown())
        } else {
          environment.say(PrinciplesView(painter: environment.painter, rubric: environment.rubric).render())
        }
      }
    }
  }
}
