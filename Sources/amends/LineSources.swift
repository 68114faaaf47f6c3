import AmendsKit
import Foundation
import LineEditor

/// Lines typed at a terminal, through libedit: cursor movement, history (Up/Down, Ctrl-R),
/// Tab completion; Ctrl-C abandons the line, Ctrl-D ends. History is saved after every line.
final class TerminalLines: LineSource {
  private let editor: OpaquePointer
  private let historyFile: URL?
  let isInteractive = true

  init?(historyFile: URL?) {
    guard let editor = line_editor_open("amends") else { return nil }
    self.editor = editor
    self.historyFile = historyFile
    if let historyFile, FileManager.default.fileExists(atPath: historyFile.path) {
      _ = line_editor_load_history(editor, historyFile.path)
    }
  }

  deinit { line_editor_close(editor) }

  func readLine(prompt: String) -> LineInput {
    line_editor_set_prompt(editor, TerminalLines.markingEscapes(prompt))
    var status = LINE_EDITOR_LINE
    guard let text = line_editor_read(editor, &status) else {
      if status == LINE_EDITOR_INTERRUPTED { return .interrupted }
      FileHandle.standardOutput.writeIfPossible("\n")
      return .end
    }
    if line_editor_take_invalid_input(editor) != 0 {
      FileHandle.standardError.writeIfPossible(
        "amends: warning: that line was not valid UTF-8; bad bytes were replaced with \u{FFFD}\n")
    }
    return .line(String(cString: text))
  }

  /// Wraps each ANSI escape sequence of a prompt in \u{1} marks, which libedit's
  /// `EL_PROMPT_ESC` prints as they are without counting them as columns.
  static func markingEscapes(_ prompt: String) -> String {
    var out = ""
    var inEscape = false
    for scalar in prompt.unicodeScalars {
      if scalar == "\u{1B}" {
        inEscape = true
        out.unicodeScalars.append("\u{1}")
      }
      out.unicodeScalars.append(scalar)
      if inEscape && scalar != "\u{1B}" && scalar != "[" && (scalar.properties.isAlphabetic) {
        inEscape = false
        out.unicodeScalars.append("\u{1}")
      }
    }
    return out
  }

  func setCompletions(_ words: [String]) {
    var pointers = words.map { strdup($0) }
    pointers.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
        line_editor_set_completions(editor, $0, Int32(buffer.count))
      }
    }
    pointers.forEach { free($0) }
  }

  func remember(_ line: String) {
    line_editor_add_history(editor, line)
    if let historyFile {
      _ = line_editor_save_history(editor, historyFile.path)
      chmod(historyFile.path, 0o600)
    }
  }
}

/// Lines from standard input when it is not a terminal: no prompts, replies one per line.
/// Invalid UTF-8 is decoded with replacement characters, NUL bytes are dropped.
final class PipedLines: LineSource {
  let isInteractive = false
  private var reachedEnd = false
  private(set) var sawInvalidText = false

  func readLine(prompt: String) -> LineInput {
    if reachedEnd { return .end }
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    let count = getline(&line, &capacity, line_editor_stdin())
    defer { free(line) }
    guard count >= 0, let line else { reachedEnd = true; return .end }
    var bytes = UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: count)
      .filter { $0 != 0 }
    if bytes.last == 0x0A { bytes.removeLast() }
    let text = String(decoding: bytes, as: UTF8.self)
    if !sawInvalidText && String(validating: bytes, as: UTF8.self) == nil {
      sawInvalidText = true
      FileHandle.standardError.writeIfPossible(
        "amends: warning: input is not valid UTF-8; bad bytes were replaced with \u{FFFD}\n")
    }
    return .line(text)
  }
}

/// Opens $VISUAL or $EDITOR on a temporary file for `:edit`.
struct EditorLauncher: ExternalEditor {
  func edit(_ initial: String) -> Result<String, EditorFailure> {
    let env = ProcessInfo.processInfo.environment
    guard let command = [env["VISUAL"], env["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
      return .failure(EditorFailure("set $VISUAL or $EDITOR to use :edit"))
    }
    // A fresh name, created exclusively and never through a link: /tmp is shared.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("amends-reply-\(UUID().uuidString).txt")
    let fd = open(file.path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { return .failure(EditorFailure("cannot create \(file.path)")) }
    defer { try? FileManager.default.removeItem(at: file) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: Data(initial.utf8))
      try handle.close()
    } catch {
      return .failure(EditorFailure("cannot write \(file.path): \(error.localizedDescription)"))
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "\(command) \"$1\"", "amends-editor", file.path]
    do { try process.run() } catch { return .failure(EditorFailure("cannot start \(command): \(error)")) }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      return .failure(EditorFailure("\(command) exited with status \(process.terminationStatus)"))
    }
    guard let data = FileManager.default.contents(atPath: file.path) else {
      return .failure(EditorFailure("cannot read \(file.path)"))
    }
    return .success(String(decoding: data, as: UTF8.self))
  }
}

/// The line source for this process: libedit on a terminal, standard input otherwise.
func makeLineSource(historyFile: URL?) -> LineSource {
  if Terminal.isInteractive, let terminal = TerminalLines(historyFile: historyFile) { return terminal }
  return PipedLines()
}
