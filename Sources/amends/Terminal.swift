import Foundation

/// What this process knows of its terminal.
enum Terminal {
  static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

  /// The terminal's width, asked anew each time (the window may have been resized): from the
  /// terminal itself, else $COLUMNS, else nil (a pipe: lines are left whole).
  @Sendable static func columns() -> Int? {
    var size = winsize()
    if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    if let value = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(value), columns > 0 {
      return columns
    }
    return nil
  }

  static func wantsColor(noColorFlag: Bool) -> Bool {
    if noColorFlag { return false }
    if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
    if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
  }
}
