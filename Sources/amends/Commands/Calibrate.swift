import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure the scorer against the calibration set: precision and recall per principle, band agreement.",
      discussion: "Exit status 1 when a threshold of docs/scoring.md is not met.")

    @Argument(help: "The calibration file (default: the library's Scoring/calibration.yaml).") var file: String?
    @Flag(help: "List every disagreement.") var verbose = false
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (file, verbose) = (self.file, self.verbose)
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let url = file.map { URL(fileURLWithPath: $0) } ?? environment.library.scoringFolder.appendingPathComponent("calibration.yaml")
        let set = try CalibrationSet.load(from: url)
        let result = CalibrationResult.measure(set, scorer: environment.scorer)
        print(result.render())
        if verbose {
          for d in result.disagreements { print("  \(d.item) (line \(d.line)): \(d.principle) expected \(d.expected.rawValue), scored \(d.actual.rawValue)") }
          for b in result.bandMisses { print("  \(b.item): band expected \(b.expected.rawValue), scored \(b.actual.rawValue) (\(b.score))") }
        }
        let shortfalls = result.shortfalls()
        for s in shortfalls { printError("amends: below threshold: \(s)") }
        if !shortfalls.isEmpty { throw ExitCode(1) }
      }
    }
  }
}
