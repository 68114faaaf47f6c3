import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract: "Managers: note on a trainee's attempt or turn, optionally overriding its score.",
      discussion: """
        Appends one line to users/TRAINEE/reviews.jsonl; the trainee's log is never changed. \
        Reports show automatic and reviewed scores side by side; transcripts show the notes.
        """)

    @Argument(help: "The trainee.") var trainee: String
    @Argument(help: "The attempt number (see `amends transcript TRAINEE`).") var attempt: Int
    @Argument(help: "The turn number within the attempt; without it the note is on the whole attempt.") var turn: Int?
    @Option(help: "What the trainee should know.") var note: String
    @Option(help: "The reviewed score, 0 to 100.") var override: Int?
    @Option(help: "Why the automatic score was wrong (required with --override).") var reason: String?
    @Option(help: "Who is reviewing (default: $AMENDS_USER, then $USER, $LOGNAME, the login name).") var reviewer:
      String?
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let options = self
      try reportingErrors {
        let environment = try TrainerEnvironment(options.global)
        let name: UserName
        do { name = try UserName(options.trainee) } catch let invalid as UserName.Invalid {
          throw UserFacingError(invalid.description, exitCode: 64)
        }
        let resolved = UserName.resolve(
          explicit: options.reviewer, environment: ProcessInfo.processInfo.environment,
          accountName: TrainerEnvironment.accountName)
        let reviewer = resolved.isEmpty ? "manager" : resolved
        let review = AmendsKit.Review(
          reviewer: reviewer, attempt: options.attempt, turn: options.turn, note: options.note,
          override: options.override, reason: options.reason)
        do {
          try ReviewRecorder.record(review, in: UserStore(data: environment.data, user: name))
        } catch let rejected as ReviewRecorder.Rejected {
          throw UserFacingError(rejected.description, exitCode: 64)
        }
        let what = options.turn.map { "turn \($0) of attempt \(options.attempt)" } ?? "attempt \(options.attempt)"
        print("Noted on \(what) of \(name)" + (options.override.map { ", reviewed score \($0)" } ?? "") + ".")
      }
    }
  }
}
