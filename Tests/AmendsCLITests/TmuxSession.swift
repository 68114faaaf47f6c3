import Foundation

/// One program running in a real pseudo-terminal under a private tmux server: keys are typed
/// as a person types them, and the screen is read back as the person sees it. Each session has
/// its own server (its own socket), so sessions never see each other or a user's own tmux.
final class TmuxSession {
  static var isAvailable: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || FileManager.default.isExecutableFile(atPath: "/bin/tmux")
  }

  let socket: String
  let name = "amends"
  /// Where the shell writes the program's exit status once it ends.
  let statusFile: URL

  /// Starts `command` (a shell command line) in a terminal of `width` × `height`, in a UTF-8
  /// locale unless the command sets its own.
  init(_ command: String, width: Int = 120, height: Int = 40) {
    socket = "amends-\(getpid())-\(UUID().uuidString.prefix(8))"
    statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("amends-status-\(UUID().uuidString)")
    let line = "\(command); echo $? > \(Self.quoted(statusFile.path)); sleep 600"
    _ = tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), line])
  }

  deinit {
    _ = tmux(["kill-server"])
    try? FileManager.default.removeItem(at: statusFile)
  }

  /// Runs tmux and returns what it printed. Not through Foundation's `Process`: the first call
  /// starts the tmux server, which inherits the descriptors Foundation uses to notice that its
  /// child has exited, so `waitUntilExit()` would wait for the server. `system()` waits for the
  /// shell alone, and the output goes through a file, never a pipe the server could hold open.
  @discardableResult
  func tmux(_ args: [String]) -> String {
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("amends-tmux-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: outURL) }
    let words = ["tmux", "-u", "-L", socket] + args
    let command =
      "LANG=C.UTF-8 " + words.map(Self.quoted).joined(separator: " ")
      + " </dev/null >\(Self.quoted(outURL.path)) 2>/dev/null"
    _ = system(command)
    return (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
  }

  static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Types text literally, character by character as a paste would arrive.
  func type(_ text: String) { tmux(["send-keys", "-t", name, "-l", text]) }

  /// Presses keys by tmux's names: Enter, BSpace, Left, C-c, C-d, Up …
  func press(_ keys: String...) { tmux(["send-keys", "-t", name] + keys) }

  /// Sends raw bytes (hex), as a broken paste would.
  func sendBytes(_ hex: [String]) { tmux(["send-keys", "-t", name, "-H"] + hex) }

  func resize(width: Int, height: Int) {
    tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
  }

  /// The screen as shown; with `joined`, lines the terminal folded are joined back.
  func screen(joined: Bool = false) -> String {
    tmux(["capture-pane", "-p", "-t", name, "-S", "-200"] + (joined ? ["-J"] : []))
  }

  /// Waits until the screen holds `text` `times` times (at most 20 s: CI machines are slow;
  /// longer for a program under valgrind).
  @discardableResult
  func waitFor(_ text: String, times: Int = 1, seconds: Int = 20) -> Bool {
    for _ in 0..<(seconds * 10) {
      if screen(joined: true).components(separatedBy: text).count - 1 >= times { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return false
  }

  /// The program's exit status once it has ended (waiting up to 10 s); nil while it runs.
  func exitStatus(wait: Bool = true) -> Int32? {
    for _ in 0..<(wait ? 100 : 1) {
      if let text = try? String(contentsOf: statusFile, encoding: .utf8),
        let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return status
      }
      if wait { Thread.sleep(forTimeInterval: 0.1) }
    }
    return nil
  }

  /// True when the program crashed: a signal's exit status or Swift's crash report on screen.
  var crashed: Bool {
    if let status = exitStatus(wait: false), status >= 128 { return true }
    let text = screen()
    return text.contains("Program crashed") || text.contains("Segmentation fault") || text.contains("Fatal error")
  }
}
