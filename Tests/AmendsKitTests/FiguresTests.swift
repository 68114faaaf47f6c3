import Foundation
import Testing

@testable import AmendsKit

/// Dates, teams, and the escaping of each renderer.
@Suite struct FiguresTests {
  @Test(arguments: ["1970-01-01", "2024-02-29", "2026-03-31", "1999-12-31", "2100-03-01"])
  func civilDatesRoundTrip(_ text: String) throws {
    let date = try #require(CivilDate(text))
    #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    #expect(date.description == text)
    #expect(CivilDate.monday(ofWeek: date.week) <= date)
  }

  @Test(arguments: ["2026-02-30", "2026-13-01", "2026-3-1", "yesterday", "2025-02-29", ""])
  func badDatesAreRefusedNamingTheOption(_ text: String) {
    #expect(CivilDate(text) == nil)
    #expect(throws: ReportFilter.BadDate.self) { try ReportFilter.date(text, option: "--since") }
  }

  @Test func weeksStartOnMonday() throws {
    #expect(CivilDate.monday(ofWeek: try #require(CivilDate("2026-03-08")).week).description == "2026-03-02")
    #expect(CivilDate.monday(ofWeek: try #require(CivilDate("2026-03-09")).week).description == "2026-03-09")
  }

  @Test func teamsFileIsReadWithLineNumbersOnErrors() throws {
    let teams = try TeamsFile.parse(
      Data("teams:\n  support-emea: [dana, lee]\n  support-us: sam\n".utf8), path: "teams.yaml")
    #expect(teams.teams["support-emea"] == ["dana", "lee"])
    #expect(teams.teams["support-us"] == ["sam"])
    do {
      _ = try TeamsFile.parse(Data("teems:\n  a: [b]\n".utf8), path: "teams.yaml")
      Issue.record("a misspelt key must be refused")
    } catch let list as DiagnosticList {
      #expect(list.description.hasPrefix("teams.yaml:1:1: error: unknown key 'teems'"))
    }
  }

  @Test func csvQuotesCommasQuotesAndLineBreaks() {
    #expect(ReportCSVRenderer.field("plain") == "plain")
    #expect(ReportCSVRenderer.field("a, b") == "\"a, b\"")
    #expect(ReportCSVRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(ReportCSVRenderer.field("two\nlines") == "\"two\nlines\"")
    #expect(ReportCSVRenderer.freeText("=HYPERLINK(1)") == "'=HYPERLINK(1)")
    #expect(ReportCSVRenderer.freeText("red\u{1B}[31m text") == "red text")
  }

  @Test func htmlEscapesTextAndFetchesNothing() {
    var report = TeamReport(dataDirectory: "d", filter: "all")
    var trainee = TraineeSummary(user: "dana")
    trainee.attempts = 1
    trainee.trend.add(50, on: CivilDate(daysSinceEpoch: 20_500))
    trainee.trend.add(70, on: CivilDate(daysSinceEpoch: 20_520))
    report.trainees = [trainee]
    var scenario = ScenarioSummary(id: "late-refund")
    scenario.automatic.add(40)
    var beat = ScenarioSummary.BeatStats(id: "b")
    beat.turns = 1
    beat.lowestReply = "<script>alert(1)</script> & \u{1B}]0;title\u{07}"
    beat.lowestScore = 3
    scenario.beats["b"] = beat
    report.scenarios = [scenario]
    let html = ReportHTMLRenderer.render(report, views: TeamReport.View.allCases)
    #expect(html.contains("<svg"))
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"))
    #expect(!html.contains("\u{1B}"))
    #expect(!html.contains("http"))
    #expect(html.contains("@media print"))
  }

  @Test func tableLinesFitEightyColumns() {
    var report = TeamReport(dataDirectory: "d", filter: "all")
    var trainee = TraineeSummary(user: String(repeating: "n", count: 64))
    trainee.attempts = 3
    trainee.principles["personal-channel"] = {
      var t = VerdictTally(); t.add(.missed); t.add(.missed); return t
    }()
    trainee.principles["blame-shifting"] = {
      var t = VerdictTally(); t.add(.violated); t.add(.avoided); return t
    }()
    trainee.principles["act-on-input"] = {
      var t = VerdictTally(); t.add(.missed); t.add(.met); return t
    }()
    report.trainees = [trainee]
    report.principles = Fixtures.rubric.principles.map { PrincipleSummary(id: $0.id, kind: $0.kind) }
    var scenario = ScenarioSummary(id: String(repeating: "s", count: 40))
    var beat = ScenarioSummary.BeatStats(id: String(repeating: "b", count: 40))
    beat.turns = 1
    beat.lowestReply = String(repeating: "word ", count: 40)
    beat.lowestScore = 12
    scenario.beats[beat.id] = beat
    report.scenarios = [scenario]
    let text = ReportTableRenderer(painter: Painter(color: false)).render(report, views: TeamReport.View.allCases)
    for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
  }
}
