/// A yes/no question asked at a prompt, with a defined answer for everything a person can type:
/// `y`/`yes`, `n`/`no` (any case), Enter for the default, and Ctrl-D or Ctrl-C to back out.
/// Anything else asks again, naming the choices.
public struct YesNoQuestion: Sendable {
  public enum Answer: Equatable, Sendable {
    case yes, no
    /// Ctrl-D, Ctrl-C or the end of input: the person backed out of the question.
    case cancelled
  }

  public let prompt: String
  public let defaultAnswer: Answer

  /// `prompt` should end with the choices, `[Y/n]` or `[y/N]`, matching `defaultAnswer`.
  public init(_ prompt: String, defaultAnswer: Answer) {
    self.prompt = prompt
    self.defaultAnswer = defaultAnswer
  }

  /// The answer to one typed line; nil when the line is not an answer.
  public func interpret(_ line: String) -> Answer? {
    switch line.trimmingCharacters(in: .whitespaces).lowercased() {
    case "": return defaultAnswer
    case "y", "yes": return .yes
    case "n", "no": return .no
    default: return nil
    }
  }

  public func ask(_ input: LineSource, _ output: TextOutput) -> Answer {
    while true {
      switch input.readLine(prompt: prompt) {
      case .end, .interrupted:
        return .cancelled
      case .line(let text):
        if let answer = interpret(text) { return answer }
        // A pipe that answers nonsense must not loop forever.
        guard input.isInteractive else { return defaultAnswer }
        output.line("Please answer y or n (Enter for \(defaultAnswer == .yes ? "yes" : "no"), Ctrl-D to go back).")
      }
    }
  }
}
