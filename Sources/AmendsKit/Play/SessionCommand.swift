import Foundation

/// The commands a trainee can type inside a scenario instead of a reply. Decoded in one place,
/// handled by one exhaustive switch in `PlaySession`.
public enum SessionCommand: Equatable, Sendable {
  case hint, brief, principles, edit, example, why, retry, skip, quit, help
  case unknown(String)

  public static let all: [(name: String, help: String)] = [
    (":hint", "what this message expects, naming the principles"),
    (":brief", "your role, the company's facts and policy, what you may offer"),
    (":principles", "the principles replies are scored on"),
    (":edit", "write the reply in $VISUAL or $EDITOR"),
    (":example", "after a reply: a strong reply to the same message"),
    (":why", "after a reply: why a move was not counted, what came nearest"),
    (":retry", "answer the last message again (both attempts are logged)"),
    (":skip", "skip this message"),
    (":quit", "leave; your progress is saved and the attempt can be resumed"),
    (":help", "this list"),
  ]

  /// A command when the line is one (it starts with a colon and a letter); nil for a reply.
  public static func decode(_ line: String) -> SessionCommand? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix(":"), trimmed.count > 1, trimmed.dropFirst().first?.isLetter == true else { return nil }
    switch trimmed.dropFirst().lowercased() {
    case "hint", "h": return .hint
    case "brief", "b": return .brief
    case "principles", "p": return .principles
    case "edit", "e": return .edit
    case "example", "ex": return .example
    case "why", "w": return .why
    case "retry", "r": return .retry
    case "skip", "s": return .skip
    case "quit", "q", "exit": return .quit
    case "help", "?": return .help
    default: return .unknown(String(trimmed))
    }
  }
}
