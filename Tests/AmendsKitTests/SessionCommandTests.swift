import Testing

@testable import AmendsKit

@Suite struct SessionCommandTests {
  @Test(arguments: [
    (":hint", SessionCommand.hint), (":h", .hint), (" :brief ", .brief), (":principles", .principles), (":why", .why),
    (":w", .why),
    (":edit", .edit), (":example", .example), (":retry", .retry), (":skip", .skip), (":quit", .quit),
    (":q", .quit), (":help", .help), (":frobnicate", .unknown(":frobnicate")),
  ])
  func decodes(line: String, command: SessionCommand) {
    #expect(SessionCommand.decode(line) == command)
  }

  @Test(arguments: ["Hello", ":) thanks", ": not a command", "", ":"])
  func repliesAreNotCommands(_ line: String) {
    #expect(SessionCommand.decode(line) == nil)
  }
}
