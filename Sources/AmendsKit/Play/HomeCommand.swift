/// The commands of the home screen (the REPL of `amends` with no subcommand): the same as the
/// command line's, without "amends". Decoded in one place, handled by one exhaustive switch.
public enum HomeCommand: Equatable, Sendable {
  case play(String?), list, next, progress, principles, check, help, quit
  /// A word that is no command, as typed.
  case unknown(String)

  /// Each command's name (what Tab completes), how to type it, and what it does.
  public static let all: [(name: String, usage: String, help: String)] = [
    ("play", "play [ID]", "play a scenario (your recommended one when no id is given)"),
    ("list", "list", "the scenarios with your best scores"),
    ("next", "next", "the scenario that trains your weakest principle"),
    ("progress", "progress", "your scores, mastery per principle, trend and your manager's notes"),
    ("principles", "principles", "the principles replies are scored on"),
    ("check", "check", "paste a draft to grade it (end with a line holding a single '.')"),
    ("help", "help", "this list"),
    ("quit", "quit", "leave (Ctrl-D works too)"),
  ]

  /// The command a line types; nil for a blank line.
  public static func decode(_ line: String) -> HomeCommand? {
    let words = line.split(separator: " ").map(String.init)
    guard let first = words.first else { return nil }
    switch first {
    case "play": return .play(words.count > 1 ? words[1] : nil)
    case "list": return .list
    case "next": return .next
    case "progress": return .progress
    case "principles": return .principles
    case "check": return .check
    case "help", "?": return .help
    case "quit", "exit", ":quit", ":q": return .quit
    default: return .unknown(first)
    }
  }

  /// The command list, usage and description in aligned columns.
  public static func helpText() -> String {
    let width = (all.map(\.usage.count).max() ?? 0) + 3
    return all.map { "  " + $0.usage.padding(toLength: width, withPad: " ", startingAt: 0) + $0.help }.joined(
      separator: "\n")
  }
}
