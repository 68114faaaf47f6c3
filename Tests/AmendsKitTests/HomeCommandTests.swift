import Testing

@testable import AmendsKit

@Suite struct HomeCommandTests {
  @Test(arguments: [
    ("play", HomeCommand.play(nil)), ("play late-refund", .play("late-refund")), ("list", .list), ("next", .next),
    ("progress", .progress), ("principles", .principles), ("check", .check), ("help", .help), ("?", .help),
    ("quit", .quit), ("exit", .quit), (":q", .quit), ("prgress", .unknown("prgress")),
  ])
  func decodes(_ line: String, _ command: HomeCommand) {
    #expect(HomeCommand.decode(line) == command)
  }

  @Test func aBlankLineIsNoCommand() {
    #expect(HomeCommand.decode("") == nil)
    #expect(HomeCommand.decode("   ") == nil)
  }

  @Test func helpNamesEveryCommandBesideItsDescription() {
    let help = HomeCommand.helpText()
    for command in HomeCommand.all { #expect(help.contains(command.usage) && help.contains(command.help)) }
    let columns = Set(
      help.split(separator: "\n").map { line in
        line.distance(
          from: line.startIndex, to: line.range(of: HomeCommand.all.first { line.contains($0.help) }!.help)!.lowerBound)
      })
    #expect(columns.count == 1, "descriptions start in one column")
  }
}
