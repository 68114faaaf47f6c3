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
}
