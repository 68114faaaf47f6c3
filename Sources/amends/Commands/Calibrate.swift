import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "calibrate",
      abstract: "Measure the scorer on the corpus: dev, the sealed test set and real published responses, apart.",
      discussion: """
        Per set: macro-F1 over the principles, Spearman between score and quality (or a \
        page's judgment), band agreement, and for published responses the share of good-over-bad \
        pairs. --errors lists the real-dev responses by judgment and score and the dev set's \
        disagreements; the sealed test and real sets are only ever shown as figures. Exit status 1 when a test or real figure falls more than the \
        tolerance below Scoring/corpus/record.yaml.
        """)

    @Option(help: "The corpus folder holding dev/, test/, real/ and real-dev/ (default: the library's Scoring/corpus).")
    var corpus: String?
    @Option(help: "How to print the figures.") var format: TextOrJSON = .text
    @Flag(help: "List every dev disagreement: item, expected and scored verdict, the words scored.") var errors = false
    @Option(
      help: ArgumentHelp(
        "Write the dev items' features, phrase-rubric verdicts and labels to FILE (JSON lines) for Tools/scoring/train.py; nothing is measured.",
        valueName: "FILE"))
    var features: String?
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (corpus, format, showErrors, featuresFile) = (self.corpus, self.format, self.errors, self.features)
      try reportingErrors {
        let environment = try TrainerEnvironment(global)
        let folder =
          corpus.map { URL(fileURLWithPath: $0) } ?? environment.library.scoringFolder.appendingPathComponent("corpus")
        let loaded = CorpusLoader.load(folder: folder)
        if loaded.hasErrors { throw DiagnosticList(loaded.diagnostics) }
        if let featuresFile {
          let text = TrainingFeatures.jsonLines(
            loaded.items(in: .dev), rubric: environment.rubric, scenarios: environment.scenarios().scenarios)
          do { try SafeFile.replace(URL(fileURLWithPath: featuresFile), with: Data(text.utf8)) } catch {
            throw UserFacingError("cannot write \(featuresFile): \(error)")
          }
          printError("amends: wrote the features of \(loaded.items(in: .dev).count) dev items to \(featuresFile)")
          return
        }
        let sets = Calibration.measure(loaded.items, scorer: environment.scorer)
        let report = CalibrationReport(sets: sets)
        if format == .json { print(report.json()) } else { environment.say(report.text()) }
        if showErrors { print(report.errors()) }
        let recordURL = folder.appendingPathComponent("record.yaml")
        guard FileManager.default.fileExists(atPath: recordURL.path) else { return }
        let regressions = try CalibrationRecord.load(from: recordURL).regressions(in: sets)
        for problem in regressions { printError("amends: below the record: \(problem)") }
        if !regressions.isEmpty { throw ExitCode(1) }
      }
    }
  }
}
