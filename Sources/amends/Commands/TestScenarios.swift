import AmendsKit
import ArgumentParser
import Foundation

private func displayName(_ url: URL) -> String { url.path }

extension Amends {
  struct TestScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "test",
      abstract: "Play the scenarios' sample replies through the real scorer and player.",
      discussion:
        "Prints PASS or FAIL per sample, with expected and actual on failure; exit status 1 when any sample fails or a file does not load."
    )

    @Argument(help: "Scenario files or folders (default: the library's Scenarios/).") var paths: [String] = []
    @Flag(name: [.short, .long], help: "Print only failures and the totals.") var quiet = false
    @Flag(
      help:
        "For a failing sample, say why each move or pitfall it expected was not found: the nearest phrase, what the trained layer weighed."
    ) var explain = false
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (paths, quiet, explain) = (self.paths, self.quiet, self.explain)
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let painter = environment.painter
        var urls = paths.isEmpty ? [environment.library.scenariosFolder] : environment.resolvePaths(paths)
        var passed = 0, failed = 0
        // A rubric folder: run every principle's examples and their automatic variants.
        for rubricFolder in urls
        where FileManager.default.fileExists(atPath: rubricFolder.appendingPathComponent("rubric.yaml").path) {
          let rubric = try Rubric.load(from: rubricFolder)
          let summary = RubricExampleRunner(scorer: Scorer(rubric: rubric)).run()
          for failure in summary.failures {
            print(painter.paint("FAIL", .red) + " " + Sanitizer.visible(failure.description))
          }
          passed += summary.checked - summary.failures.count
          failed += summary.failures.count
          if !quiet {
            print(
              "\(summary.checked - summary.failures.count) of \(summary.checked) rubric example checks passed in \(displayName(rubricFolder))"
            )
          }
        }
        urls.removeAll { FileManager.default.fileExists(atPath: $0.appendingPathComponent("rubric.yaml").path) }
        let library =
          urls.isEmpty
          ? ScenarioLibrary(scenarios: [], diagnostics: [])
          : ScenarioLibrary.load(paths: urls, rubric: environment.rubric)
        let errors = library.diagnostics.filter { $0.severity == .error }
        for d in errors { print(Sanitizer.visible(d.description)) }
        let runner = SampleRunner(scorer: environment.scorer, explain: explain)
        for scenario in library.scenarios {
          for result in runner.run(scenario) {
            if result.passed {
              passed += 1
              if !quiet { print(painter.paint("PASS", .green) + " " + Sanitizer.visible(result.name)) }
            } else {
              failed += 1
              print(painter.paint("FAIL", .red) + " " + Sanitizer.visible(result.name))
              print("    reply: " + Sanitizer.visible(SampleRunner.excerpt(result.reply)))
              for line in result.diff {
                let text = "    " + Sanitizer.visible(line.description)
                switch line {
                case .expected: print(painter.paint(text, .green))
                case .actual: print(painter.paint(text, .red))
                case .header, .same: print(text)
                }
              }
              if !result.explanations.isEmpty {
                print(painter.indent(ExplanationView(painter: painter).render(result.explanations), by: "  "))
              }
            }
          }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 || !errors.isEmpty { throw ExitCode(1) }
      }
    }
  }
}
