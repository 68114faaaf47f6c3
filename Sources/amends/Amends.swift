import AmendsKit
import ArgumentParser
import Foundation
import LineEditor

@main
struct Amends: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "amends",
    abstract: "Practise answering upset customers, and get every reply scored.",
    discussion: """
      Run `amends` with no command for the trainer's home screen, or `amends play` to start the \
      scenario that trains your weakest principle. Replies are scored against the principles \
      listed by `amends principles`. Progress is saved per user under $AMENDS_HOME. The rubric, \
      compiled, is kept under $XDG_CACHE_HOME/amends so that later runs start faster \
      (AMENDS_CACHE=DIR puts it elsewhere, AMENDS_CACHE=off turns it off).
      """,
    version: AmendsVersion.current,
    subcommands: [
      Play.self, List.self, Next.self, ProgressCommand.self, Check.self, Principles.self,
      Lint.self, TestScenarios.self, New.self, Calibrate.self, Report.self, Simulate.self, Transcript.self, Review.self,
    ]
  )

  @OptionGroup var global: GlobalOptions

  /// The compiled cache starts reading before the arguments are parsed; the character type
  /// comes from the environment (a UTF-8 one when it gives none) before anything reads a
  /// keystroke: in the C locale libedit drops every byte of `£` and `ë`.
  static func main() {
    // Compiled patterns from an earlier run are read on the other core while the arguments are
    // parsed; loading the rubric waits for them (`CompiledCache`). Without a cache
    // folder, or when the executable cannot be examined, every pattern is compiled.
    if let folder = CompiledCache.folder(environment: CompiledCache.environment()),
      let build = CompiledCache.buildIdentity(version: AmendsVersion.current)
    {
      CompiledCache.shared.activateInBackground(folder: folder, build: build)
    }
    _ = line_editor_adopt_locale()
    main(nil)
  }

  mutating func run() throws {
    try reportingErrors {
      let environment = try TrainerEnvironment(global)
      try HomeScreen(environment: environment).run()
    }
  }
}

enum AmendsVersion {
  static let current = "0.1.0"
}
