import Testing

@testable import AmendsKit

@Suite struct SanitizerTests {
  @Test(arguments: [
    ("clear\u{1B}[2Jscreen", "clearscreen"),
    ("title\u{1B}]0;pwned\u{07}done", "titledone"),
    ("osc\u{1B}]2;x\u{1B}\\end", "oscend"),
    ("bell\u{07}nul\u{0}", "bellnul"),
    ("8bit\u{9B}31mcsi", "8bitcsi"),
    ("keep\nlines\tand tabs", "keep\nlines\tand tabs"),
    ("bidi\u{202E}txet", "biditxet"),
    ("emoji 😀 ok", "emoji 😀 ok"),
  ])
  func removesControlSequences(input: String, expected: String) {
    #expect(Sanitizer.terminalSafe(input) == expected)
  }

  @Test func wrappingCountsOnlyVisibleColumns() {
    let painter = Painter(color: true)
    let painted = (0..<12).map { painter.paint("word\($0)", .green) }.joined(separator: " ")
    let lines = painter.wrap(painted, width: 20).split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.allSatisfy { Painter.visibleWidth($0) <= 20 })
  }

  /// A painted feedback line keeps its indent, and its bullet's hanging indent, when the
  /// terminal is too narrow for it (seen in tmux: "✓ avoided:" lost its two spaces).
  @Test func aPaintedIndentedLineKeepsItsIndentWhenFitted() {
    let painter = Painter(color: true, columns: { 40 })
    let line =
      painter.paint("  ✓ avoided: ", .green)
      + painter.paint("over-apology, excuses, blame-shifting, condescension, bribery", .dim)
    let lines = painter.fit(line).split(separator: "\n").map { Sanitizer.terminalSafe(String($0)) }
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("  ✓ avoided: over-apology"))
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") }, "\(lines)")
    #expect(lines.allSatisfy { Painter.visibleWidth($0) <= 40 })
  }
}
