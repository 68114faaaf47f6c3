/// What a line source gives back.
public enum LineInput: Equatable, Sendable {
  case line(String)
  /// Ctrl-C: the line being typed was abandoned.
  case interrupted
  /// Ctrl-D, `quit`, or the end of piped input.
  case end
}

/// Where typed lines come from: libedit on a terminal, standard input in a pipe, an array in
/// tests. The session never knows which.
public protocol LineSource: AnyObject {
  /// Whether a person is typing (prompts and decorations are shown only then).
  var isInteractive: Bool { get }
  func readLine(prompt: String) -> LineInput
  /// Words that Tab completes.
  func setCompletions(_ words: [String])
  /// Adds a line to the history (Up-arrow).
  func remember(_ line: String)
}

extension LineSource {
  public func setCompletions(_ words: [String]) {}
  public func remember(_ line: String) {}
}

/// Where text goes.
public protocol TextOutput: AnyObject {
  func write(_ text: String)
}

extension TextOutput {
  public func line(_ text: String = "") { write(text + "\n") }
}

/// Opens an external editor on some text (`:edit`); the executable provides one.
public protocol ExternalEditor {
  func edit(_ initial: String) -> Result<String, EditorFailure>
}

public struct EditorFailure: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// Lines from an array: for tests and scripted sessions.
public final class ScriptedLines: LineSource {
  private var lines: [String]
  public let isInteractive: Bool
  public private(set) var prompts: [String] = []

  public init(_ lines: [String], interactive: Bool = false) {
    self.lines = lines
    self.isInteractive = interactive
  }

  public func readLine(prompt: String) -> LineInput {
    prompts.append(prompt)
    if lines.isEmpty { return .end }
    return .line(lines.removeFirst())
  }
}

/// Collects output in memory: for tests.
public final class CapturedOutput: TextOutput {
  public private(set) var text = ""
  public init() {}
  public func write(_ text: String) { self.text += text }
}
