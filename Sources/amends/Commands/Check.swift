import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Grade a real draft before you send it.",
      discussion:
        "Reads FILE, or standard input when FILE is - or absent. JSON output: {score, principles: [{id, verdict, evidence: [{text, start, end}], feedback}]}, offsets in UTF-8 bytes; with --explain, also explanations: [{principle, verdict, near?, overruled?, learned?}]."
    )

    @Argument(help: "The draft to grade; - or nothing reads standard input.") var file: String?
    @Option(help: "How severe the failure is (default: moderate).") var severity: Severity?
    @Option(help: "Judge against this scenario's brief (facts, policy, severity).") var scenario: String?
    @Flag(name: .customLong("input"), help: "The message you answer carries feedback or a request for change.")
    var carriesInput = false
    @Option(help: "How to print the verdicts.") var format: TextOrJSON = .text
    @Flag(help: "Also print how the text was read: each word's form, sentence and flags (for rubric authors).")
    var tokens = false
    @Flag(
      help:
        "Also explain each move not counted and pitfall not found: the nearest phrase (or the one the trained layer overruled), and what the trained layer weighed."
    ) var explain = false
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let (file, givenSeverity, scenarioId, carriesInput, format, showTokens, explain) = (
        self.file, self.severity, self.scenario, self.carriesInput, self.format, self.tokens, self.explain
      )
      try reportingErrors {
        if showTokens && format == .json {
          throw UserFacingError(
            "--tokens prints a listing for people; use it without --format json", exitCode: 64)
        }
        let severity = givenSeverity ?? .moderate
        let environment = try TrainerEnvironment(global)
        var context = ScoringContext(severity: severity)
        context.carriesInput = carriesInput
        if let scenarioId {
          let library = environment.scenarios()
          guard let scenario = library.scenario(scenarioId), let beat = scenario.beats.first else {
            throw UserFacingError(
              "no scenario '\(Sanitizer.visible(scenarioId))'; valid ids: \(library.ids.joined(separator: ", "))",
              exitCode: 64)
          }
          context = ScenarioPlayer.context(for: beat, in: scenario)
          if let givenSeverity { context.severity = givenSeverity }
          if carriesInput { context.carriesInput = true }
        }
        let text = try DraftInput.read(file)
        let assessment = environment.scorer.score(text, context: context)
        if showTokens { print(TokenListing.render(TextAnalyzer.analyze(text))) }
        let explanations = explain ? Explainer.explain(text, context: context, scorer: environment.scorer) : nil
        if format == .json {
          // One JSON document: the explanations go inside it, not after it.
          print(CheckReport.json(assessment, explanations: explanations))
        } else {
          environment.say(
            FeedbackView(painter: environment.painter, rubric: environment.rubric).render(
              reply: text, assessment: assessment))
          if let explanations { environment.say(ExplanationView(painter: environment.painter).render(explanations)) }
        }
      }
    }
  }
}

/// Reads a draft from a file or standard input, with the limits and warnings `check` promises.
enum DraftInput {
  static func read(_ file: String?) throws -> String {
    let data: Data
    if file == nil || file == "-" {
      if isatty(STDIN_FILENO) == 1 {
        // As `cat` does, read what is typed, but say so: a silent wait looks like a hang.
        printError("Type or paste the draft, then press Ctrl-D on a new line to check it (or: amends check FILE).")
      }
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file!, isDirectory: &isDirectory), !isDirectory.boolValue,
        let contents = FileManager.default.contents(atPath: file!)
      else { throw UserFacingError("cannot read \(file!)") }
      data = contents
    }
    if data.count > Scorer.maximumReplyBytes {
      throw UserFacingError(
        "\(file ?? "standard input") is \(data.count / 1024) KB; amends checks drafts up to \(Scorer.maximumReplyBytes / 1024) KB"
      )
    }
    let bytes = [UInt8](data).filter { $0 != 0 }
    let text = String(decoding: bytes, as: UTF8.self)
    if String(validating: bytes, as: UTF8.self) == nil {
      printError(
        "amends: warning: \(file ?? "standard input") is not valid UTF-8; bad bytes were replaced with \u{FFFD}")
    }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw UserFacingError("\(file ?? "standard input") is empty: there is no draft to check")
    }
    return text
  }
}
