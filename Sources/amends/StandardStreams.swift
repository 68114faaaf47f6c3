import Foundation

extension FileHandle {
  /// Writes text, or nothing when it cannot be written. When the terminal window has been
  /// closed (EIO) there is no one left to tell, and Foundation's `write(_:)` would crash with a
  /// backtrace instead of letting the program end quietly. Play saves turn by turn, so nothing
  /// typed is lost either way.
  func writeIfPossible(_ text: String) { try? write(contentsOf: Data(text.utf8)) }
}
