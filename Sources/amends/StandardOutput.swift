import AmendsKit
import Foundation

/// Standard output as a `TextOutput`, every line fitted to the terminal's width.
final class StandardOutput: TextOutput {
  let painter: Painter
  init(painter: Painter) { self.painter = painter }

  func write(_ text: String) {
    FileHandle.standardOutput.writeIfPossible(painter.fit(text))
  }
}

extension TrainerEnvironment {
  /// Prints text for a person: fitted to the terminal, never folded inside a word.
  func say(_ text: String) {
    print(painter.fit(text))
  }
}
