import AmendsKit
import Foundation
import Testing

/// Drives the REPL under a real pseudo-terminal with tmux: Up-arrow recalls the previous line,
/// Tab completes a command, Ctrl-C abandons a line, Ctrl-D leaves.
@Suite(.serialized) struct TerminalTests {
  static var hasTmux: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || FileManager.default.isExecutableFile(atPath: "/bin/tmux")
  }

  /// A private tmux server for this test process, so the test never meets a user's own.
  static let socket = "amends-test-\(getpid())"

  /// Runs tmux and returns what it printed. Not through Foundation's `Process`: the first call
  /// starts the tmux server, which inherits the descriptors Foundation uses to notice that its
  /// child has exited, so `waitUntilExit()` would wait for the server. `system()` waits for the
  /// shell alone, and the output goes through a file, never a pipe the server could hold open.
  func tmux(_ args: [String]) -> String {
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("amends-tmux-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: outURL) }
    let words = ["tmux", "-L", Self.socket] + args
    let command =
      words.map(Self.shellQuoted).joined(separator: " ") + " </dev/null >\(Self.shellQuoted(outURL.path)) 2>/dev/null"
    _ = system(command)
    return (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
  }

  static func shellQuoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  func screen(_ session: String) -> String { tmux(["capture-pane", "-p", "-t", session]) }

  /// Waits until the screen holds `text` (at most 20 s: CI machines are slow and shared).
  func waitFor(_ text: String, in session: String, times: Int = 1) -> Bool {
    for _ in 0..<200 {
      if screen(session).components(separatedBy: text).count - 1 >= times { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return false
  }

  @Test(.enabled(if: hasTmux)) func upArrowRecallsAndTabCompletes() throws {
    let library = Harness.library(["parcel": ScenarioTemplate.text(id: "parcel")])
    defer { try? FileManager.default.removeItem(at: library) }
    let session = "amends-test-\(getpid())-\(Int.random(in: 0...99999))"
    let command =
      "NO_COLOR=1 \(Harness.binary.path) --library \(library.path) --data-dir \(library.path)/data --user tty"
    _ = tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
    defer { _ = tmux(["kill-server"]) }
    #expect(waitFor("amends>", in: session), "no prompt: \(screen(session))")

    _ = tmux(["send-keys", "-t", session, "principles", "Enter"])
    #expect(waitFor("Pitfalls", in: session))
    // Up-arrow brings back "principles".
    _ = tmux(["send-keys", "-t", session, "Up"])
    #expect(waitFor("amends> principles", in: session), "\(screen(session))")
    // Ctrl-C abandons that line; the program goes on.
    _ = tmux(["send-keys", "-t", session, "C-c"])
    #expect(waitFor("^C", in: session))
    // Tab completes "prog" to "progress".
    _ = tmux(["send-keys", "-t", session, "prog", "Tab"])
    #expect(waitFor("amends> progress", in: session), "\(screen(session))")
    _ = tmux(["send-keys", "-t", session, "Enter"])
    #expect(waitFor("Progress of tty", in: session))
    // Tab completes scenario ids too.
    _ = tmux(["send-keys", "-t", session, "play par", "Tab"])
    #expect(waitFor("amends> play parcel", in: session), "\(screen(session))")
    _ = tmux(["send-keys", "-t", session, "C-c"])
    // Ctrl-D leaves cleanly, and the history file was kept.
    _ = tmux(["send-keys", "-t", session, "C-d"])
    var exited = false
    for _ in 0..<100 where !exited {
      exited = !tmux(["list-sessions"]).contains(session)
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(exited)
    let history =
      (try? String(contentsOf: library.appendingPathComponent("data/users/tty/history"), encoding: .utf8)) ?? ""
    #expect(history.contains("principles"))
  }

  /// With colour on, the painted prompt reaches the screen as colour, not as "[1m" text, and
  /// the cursor lands right after it.
  @Test(.enabled(if: hasTmux)) func aColouredPromptIsDrawnAsColour() throws {
    let library = Harness.library(["parcel": ScenarioTemplate.text(id: "parcel")])
    defer { try? FileManager.default.removeItem(at: library) }
    let session = "amends-colour-\(getpid())"
    let command =
      "env -u NO_COLOR TERM=xterm-256color \(Harness.binary.path) --library \(library.path) --data-dir \(library.path)/data --user tty"
    _ = tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
    defer { _ = tmux(["kill-server"]) }
    #expect(waitFor("amends>", in: session), "no prompt: \(screen(session))")
    _ = tmux(["send-keys", "-t", session, "prog", "C-a", "X"])
    #expect(waitFor("amends> Xprog", in: session), "\(screen(session))")
    #expect(!screen(session).contains("[1m") && !screen(session).contains("[0m"))
  }
}
