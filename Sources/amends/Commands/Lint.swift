import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
      abstract: "Check scenario files and the rubric, and print every problem at once.",
      discussion:
        "Each problem prints as path:line:column: error|warning: message [CODE]. Exit status 1 when any error is found. With no PATH, checks the library's Scenarios/ and Scoring/."
    )

    @Argument(help: "Scenario files or folders, or a Scoring/ folder.") var paths: [String] = []
    @Option(help: "How to print the problems.") var format: TextOrJSON = .text
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (paths, format) = (self.paths, self.format)
      try reportingErrors {
        let library = try Library.locate(override: global.library, executable: TrainerEnvironment.executablePath())
        let targets =
          paths.isEmpty
          ? [library.scenariosFolder.path, library.scoringFolder.path] : library.resolvePaths(paths).map(\.path)
        let report = Linter.lint(paths: targets, rubricFolder: library.scoringFolder)
        if format == .json {
          print(report.json)
        } else {
          for d in report.diagnostics { print(Sanitizer.visible(d.description)) }
          printError(report.summary)
        }
        if report.errorCount > 0 { throw ExitCode(1) }
      }
    }
  }
}
