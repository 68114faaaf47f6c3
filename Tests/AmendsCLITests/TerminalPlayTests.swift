import Foundation
import Testing

/// The trainee's paths typed in a real terminal (tmux, UTF-8), asserting on the screen and on
/// the log: resuming, text beyond ASCII, line editing, `:edit`, a resize, Ctrl-C everywhere.
/// A crash anywhere fails the test.
@Suite(.serialized) struct TerminalPlayTests {
  /// A fresh library with late-refund (a brief full of £ amounts) and a data folder.
  struct Setup {
    let library: URL
    var data: URL { library.appendingPathComponent("data") }
    var log: URL { data.appendingPathComponent("users/tty/attempts.jsonl") }

    init() throws { library = try Harness.library(bundled: ["late-refund"]) }

    func command(_ arguments: String = "play late-refund", environment: String = "LANG=C.UTF-8 NO_COLOR=1") -> String {
      "\(environment) \(Harness.binary.path) --library \(library.path) --data-dir \(data.path) --user tty \(arguments)"
    }

    /// The log's events as JSON objects.
    func events() -> [[String: Any]] {
      Harness.lines(of: log).compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func turns() -> [[String: Any]] { events().filter { $0["event"] as? String == "turn-scored" } }

    /// One reply played through a pipe, then `:quit`: an unfinished attempt to resume.
    func leaveAnUnfinishedAttempt() throws {
      let result = try Harness.run(
        ["play", "late-refund", "--library", library.path, "--data-dir", data.path, "--user", "tty"],
        input: "I'm sorry, Joanne. I approved your £189 refund this morning.\n:quit\n")
      #expect(result.status == 0, "\(result.stderr)")
    }

    func cleanUp() { try? FileManager.default.removeItem(at: library) }
  }

  enum ResumeAnswer: String, CaseIterable, CustomStringConvertible {
    case yes = "y", no = "n", enter = "Enter", controlD = "Ctrl-D", word = "yes", nonsenseThenNo = "maybe, then n"
    var description: String { rawValue }
  }

  @Test(.enabled(if: TmuxSession.isAvailable), arguments: ResumeAnswer.allCases)
  func resumePromptAnswers(_ answer: ResumeAnswer) throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    try setup.leaveAnUnfinishedAttempt()
    let terminal = TmuxSession(setup.command())
    #expect(
      terminal.waitFor("Resume your unfinished attempt 1 of “Five working days, and it's day twelve”? [Y/n]"),
      "\(terminal.screen())")
    switch answer {
    case .yes: terminal.type("y"); terminal.press("Enter")
    case .word: terminal.type("YES"); terminal.press("Enter")
    case .enter: terminal.press("Enter")
    case .no: terminal.type("n"); terminal.press("Enter")
    case .nonsenseThenNo:
      terminal.type("maybe"); terminal.press("Enter")
      #expect(terminal.waitFor("Please answer y or n"), "\(terminal.screen())")
      terminal.type("n"); terminal.press("Enter")
    case .controlD: terminal.press("C-d")
    }
    switch answer {
    case .yes, .word, .enter:
      #expect(terminal.waitFor("Resuming attempt 1"), "\(terminal.screen())")
      #expect(terminal.waitFor("you>"))
      terminal.type("It will be with you by Monday 19 May at the latest; I will email you on Monday.")
      terminal.press("Enter")
      #expect(terminal.waitFor("Score"), "\(terminal.screen())")
      let turns = setup.turns()
      #expect(turns.count == 2)
      #expect(turns.allSatisfy { $0["attempt"] as? Int == 1 })
      #expect(!setup.events().contains { $0["event"] as? String == "attempt-abandoned" })
    case .no, .nonsenseThenNo:
      #expect(terminal.waitFor("── Five working days"), "\(terminal.screen())")
      let events = setup.events()
      #expect(events.contains { $0["event"] as? String == "attempt-abandoned" && $0["attempt"] as? Int == 1 })
      #expect(events.contains { $0["event"] as? String == "attempt-started" && $0["attempt"] as? Int == 2 })
    case .controlD:
      #expect(terminal.waitFor("is kept as it was"), "\(terminal.screen())")
      #expect(terminal.exitStatus() == 0)
      // Nothing was written: the attempt is still open, to be offered again.
      #expect(setup.events().count == 2)
    }
    #expect(!terminal.crashed, "\(terminal.screen())")
  }

  /// The resume question also comes from the home screen's `play`, and Ctrl-C there goes back.
  @Test(.enabled(if: TmuxSession.isAvailable)) func resumeFromTheHomeScreen() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    try setup.leaveAnUnfinishedAttempt()
    let terminal = TmuxSession(setup.command(""))
    #expect(terminal.waitFor("amends>"), "\(terminal.screen())")
    #expect(terminal.screen().contains("Unfinished: late-refund"))
    terminal.type("play late-refund"); terminal.press("Enter")
    #expect(terminal.waitFor("[Y/n]"))
    terminal.press("C-c")
    #expect(terminal.waitFor("is kept as it was"), "\(terminal.screen())")
    #expect(terminal.waitFor("amends>", times: 2))
    terminal.type("play late-refund"); terminal.press("Enter")
    #expect(terminal.waitFor("[Y/n]", times: 2))
    terminal.press("Enter")
    #expect(terminal.waitFor("Resuming attempt 1"), "\(terminal.screen())")
    #expect(!terminal.crashed, "\(terminal.screen())")
  }

  /// £, accents, CJK and emoji typed at the prompt reach the log byte for byte, and the
  /// evidence offsets still point at the words they name.
  @Test(
    .enabled(if: TmuxSession.isAvailable), arguments: ["LANG=C.UTF-8", "LC_ALL=C", "env -u LANG -u LC_ALL -u LC_CTYPE"])
  func everyCharacterIsKept(_ locale: String) throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let terminal = TmuxSession(setup.command(environment: "\(locale) NO_COLOR=1"))
    #expect(terminal.waitFor("you>"), "\(terminal.screen())")
    let reply = "Sorry Zoë — your £189 refund is on its way to your Visa 🙏 我们很抱歉 — Joanne, it's our mistake."
    terminal.type(reply)
    terminal.press("Enter")
    #expect(terminal.waitFor("Score"), "\(terminal.screen())")
    let turn = try #require(setup.turns().first)
    #expect(turn["reply"] as? String == reply)
    let bytes = Array(reply.utf8)
    let evidence = (turn["evidence"] as? [String: [[String: Any]]]) ?? [:]
    #expect(!evidence.isEmpty)
    for (_, spans) in evidence {
      for span in spans {
        let start = span["start"] as? Int ?? -1, end = span["end"] as? Int ?? -1
        #expect(start >= 0 && end <= bytes.count && start < end)
        #expect(String(decoding: bytes[start..<end], as: UTF8.self) == span["text"] as? String)
      }
    }
    // The echo shows the reply whole, its highlighted words marked where they are.
    #expect(terminal.screen(joined: true).contains("£189 [+refund+]"), "\(terminal.screen())")
    #expect(terminal.screen(joined: true).contains("🙏 我们很抱歉"))
    #expect(!terminal.crashed)
  }

  /// Backspace removes a whole character however many bytes it has; the cursor moves over them.
  @Test(.enabled(if: TmuxSession.isAvailable)) func lineEditingOverMultibyteText() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let terminal = TmuxSession(setup.command())
    #expect(terminal.waitFor("you>"))
    terminal.type("Your £189 refund 🙏X")
    terminal.press("BSpace", "BSpace")  // X, then the emoji
    terminal.type("is sent")
    for _ in 0..<18 { terminal.press("Left") }  // back over "189 refund is sent", to just after the £
    terminal.press("BSpace")  // the £
    terminal.type("€")
    terminal.press("C-e")
    terminal.type(", Joanne.")
    terminal.press("Enter")
    #expect(terminal.waitFor("Score"), "\(terminal.screen())")
    #expect(setup.turns().first?["reply"] as? String == "Your €189 refund is sent, Joanne.")
    // History holds the reply; Up brings it back whole, and Ctrl-R finds it by a multibyte word.
    #expect(terminal.waitFor("you>"))
    terminal.press("Up")
    #expect(terminal.waitFor("you> Your €189 refund is sent, Joanne."), "\(terminal.screen())")
    terminal.press("C-u", "C-r")
    terminal.type("€189")
    #expect(terminal.waitFor("(search)`€189': Your €189 refund is sent, Joanne."), "\(terminal.screen())")
    terminal.press("C-g")  // back to the (empty) line as it was
    terminal.press("C-r")
    terminal.type("zzz")
    #expect(terminal.waitFor("(failed search)`zzz'"), "\(terminal.screen())")
    terminal.press("C-g", "C-r")
    terminal.type("189")
    #expect(terminal.waitFor("(search)`189': Your €189 refund is sent, Joanne."), "\(terminal.screen())")
    terminal.press("Enter")  // runs the line found: a second turn, the same reply
    #expect(terminal.waitFor("Score", times: 2), "\(terminal.screen())")
    #expect(setup.turns().count == 2 && setup.turns().last?["reply"] as? String == "Your €189 refund is sent, Joanne.")
    #expect(!terminal.crashed, "\(terminal.screen())")
  }

  /// A broken paste (bytes that are not UTF-8) arrives as U+FFFD with a warning, never dropped.
  @Test(.enabled(if: TmuxSession.isAvailable)) func invalidBytesAreReplacedAndReported() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let terminal = TmuxSession(setup.command())
    #expect(terminal.waitFor("you>"))
    terminal.type("Sorry ")
    terminal.sendBytes(["ff", "c3", "28"])
    terminal.type("ok")
    terminal.press("Enter")
    #expect(terminal.waitFor("not valid UTF-8"), "\(terminal.screen())")
    #expect(terminal.waitFor("Score"), "\(terminal.screen())")
    #expect(setup.turns().first?["reply"] as? String == "Sorry \u{FFFD}\u{FFFD}(ok")
  }

  /// `:edit` opens $EDITOR on a file; what the editor leaves there is the reply.
  @Test(.enabled(if: TmuxSession.isAvailable)) func editWritesTheReplyInTheEditor() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let editor = setup.library.appendingPathComponent("fake-editor.sh")
    let reply =
      "I'm sorry, Joanne: your £189 refund sat in our approval queue, and that's our fault.\nIt reaches your Visa by Monday 19 May."
    let written = setup.library.appendingPathComponent("reply.txt")
    try reply.write(to: written, atomically: true, encoding: .utf8)
    try "#!/bin/sh\ncat \(TmuxSession.quoted(written.path)) > \"$1\"\n".write(
      to: editor, atomically: true, encoding: .utf8)
    chmod(editor.path, 0o755)
    let terminal = TmuxSession(setup.command(environment: "LANG=C.UTF-8 NO_COLOR=1 VISUAL= EDITOR=\(editor.path)"))
    #expect(terminal.waitFor("you>"))
    terminal.type(":edit")
    terminal.press("Enter")
    #expect(terminal.waitFor("Score"), "\(terminal.screen())")
    #expect(setup.turns().first?["reply"] as? String == reply)
    #expect(!terminal.crashed)
  }

  /// After the window shrinks, the line typed so far is kept and what follows fits the new
  /// width: no line is folded by the terminal, so no word is cut.
  @Test(.enabled(if: TmuxSession.isAvailable)) func aResizeKeepsTheLineAndTheNewWidth() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let terminal = TmuxSession(setup.command(), width: 120)
    #expect(terminal.waitFor("you>"))
    terminal.type("I'm sorry, Joanne; the refund sat in our queue and that is our fault. ")
    terminal.resize(width: 60, height: 40)
    Thread.sleep(forTimeInterval: 0.3)
    terminal.type("Your £189 reaches your Visa by Monday 19 May.")
    terminal.press("Enter")
    #expect(terminal.waitFor("Score"), "\(terminal.screen())")
    #expect(
      setup.turns().first?["reply"] as? String
        == "I'm sorry, Joanne; the refund sat in our queue and that is our fault. Your £189 reaches your Visa by Monday 19 May."
    )
    // From the score on, every line the program wrote fits in 60 columns.
    let after = terminal.screen(joined: true).components(separatedBy: "Score").last ?? ""
    for line in after.split(separator: "\n") { #expect(TerminalWidthProbe.columns(line) <= 60, "folded: \(line)") }
    #expect(!terminal.crashed)
  }

  /// The resize above once corrupted the heap: libedit kept the cursor's old column across the
  /// resize, and its fast path for a character typed at the end of the line wrote past the end
  /// of a display row that had just become narrower. It crashed only now and then (in scoring,
  /// the next allocation), so this runs the same keys under valgrind, which reports every such
  /// write.
  @Test(.enabled(if: TmuxSession.isAvailable && Valgrind.isAvailable)) func aResizeWritesNoMemoryOutOfBounds() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let binary = try Valgrind.readableCopy(of: Harness.binary, in: setup.library)
    let log = setup.library.appendingPathComponent("valgrind.log")
    let terminal = TmuxSession(
      "LANG=C.UTF-8 NO_COLOR=1 valgrind --error-limit=no --log-file=\(TmuxSession.quoted(log.path)) "
        + "\(TmuxSession.quoted(binary.path)) --library \(TmuxSession.quoted(setup.library.path)) "
        + "--data-dir \(TmuxSession.quoted(setup.data.path)) --user tty play late-refund", width: 120)
    #expect(terminal.waitFor("you>", seconds: 120), "\(terminal.screen())")
    terminal.type("I'm sorry, Joanne; the refund sat in our queue and that is our fault. ")
    Thread.sleep(forTimeInterval: 1)
    terminal.resize(width: 60, height: 40)
    Thread.sleep(forTimeInterval: 1)
    terminal.type("Your £189 reaches your Visa by Monday 19 May.")
    Thread.sleep(forTimeInterval: 1)
    terminal.press("Enter")
    #expect(terminal.waitFor("Score", seconds: 120), "\(terminal.screen())")
    #expect(
      setup.turns().first?["reply"] as? String
        == "I'm sorry, Joanne; the refund sat in our queue and that is our fault. Your £189 reaches your Visa by Monday 19 May."
    )
    let report = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(report.contains("Memcheck"), "valgrind wrote no report")
    #expect(!report.contains("Invalid write") && !report.contains("Invalid read"), "\(report)")
  }

  /// Ctrl-C abandons what is being typed at every prompt and never ends the program.
  @Test(.enabled(if: TmuxSession.isAvailable)) func controlCAtEveryPrompt() throws {
    let setup = try Setup()
    defer { setup.cleanUp() }
    let terminal = TmuxSession(setup.command(""))
    #expect(terminal.waitFor("amends>"))
    terminal.type("prog"); terminal.press("C-c")  // the home prompt
    #expect(terminal.waitFor("amends>", times: 2))
    terminal.type("check"); terminal.press("Enter")
    #expect(terminal.waitFor("draft>"))
    terminal.type("a first line"); terminal.press("Enter")
    terminal.type("half a draft"); terminal.press("C-c")  // the draft prompt
    #expect(terminal.waitFor("(check abandoned)"), "\(terminal.screen())")
    #expect(terminal.waitFor("amends>", times: 3), "\(terminal.screen())")
    terminal.type("play late-refund"); terminal.press("Enter")
    #expect(terminal.waitFor("you>"))
    terminal.type("a reply I regret"); terminal.press("C-c")  // the reply prompt
    #expect(terminal.waitFor("you>", times: 2))
    terminal.type("first line \\"); terminal.press("Enter")
    #expect(terminal.waitFor("...>"))
    terminal.type("second"); terminal.press("C-c")  // the continuation prompt
    #expect(terminal.waitFor("you>", times: 3), "\(terminal.screen())")
    #expect(setup.turns().isEmpty)
    terminal.type(":quit"); terminal.press("Enter")
    #expect(terminal.waitFor("amends>", times: 4), "\(terminal.screen())")
    terminal.type("play late-refund"); terminal.press("Enter")
    #expect(terminal.waitFor("[Y/n]"))
    terminal.press("C-c")  // the resume question
    #expect(terminal.waitFor("amends>", times: 5), "\(terminal.screen())")
    terminal.press("C-d")
    #expect(terminal.exitStatus() == 0, "\(terminal.screen())")
    #expect(!terminal.crashed)
  }
}

/// Columns a line takes on screen, as the terminal counts them (wide characters two).
enum TerminalWidthProbe {
  static func columns<S: StringProtocol>(_ text: S) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      if scalar.properties.generalCategory == .nonspacingMark || scalar == "\u{200D}" || scalar == "\u{FE0F}" {
        return width
      }
      let v = scalar.value
      let wide =
        scalar.properties.isEmojiPresentation || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
        || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v)
      return width + (wide ? 2 : 1)
    }
  }
}

/// valgrind's memcheck, for the terminal tests of the C line editor.
enum Valgrind {
  static var isAvailable: Bool {
    ["/usr/bin/valgrind", "/usr/bin/objcopy"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// A copy of `binary` without its debug sections, which this valgrind cannot read in a Swift
  /// binary (it stops at start-up).
  static func readableCopy(of binary: URL, in folder: URL) throws -> URL {
    let copy = folder.appendingPathComponent("amends-for-valgrind")
    let strip = Process()
    strip.executableURL = URL(fileURLWithPath: "/usr/bin/objcopy")
    strip.arguments = ["--strip-debug", binary.path, copy.path]
    try strip.run()
    strip.waitUntilExit()
    guard strip.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    return copy
  }
}
