import AmendsKit
import ArgumentParser
import Foundation

extension Amends {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Managers: the team's progress per trainee, principle and scenario.",
      discussion: """
        Reads every trainee's log under --data-dir (else $AMENDS_HOME) once, line by line. \
        --since/--until keep attempts that started on those days (inclusive); --user and --team \
        (from teams.yaml in the data directory) pick trainees; both repeat. Reviewed scores apply managers' \
        overrides from `amends review`; the automatic scores are shown beside them. CSV prints \
        one view: choose it with --view.
        """)

    @Option(help: "Which table to print (repeatable; default: all; csv needs exactly one).") var view:
      [TeamReport.View] = []
    @Option(help: "How to print the report.") var format: ReportOutput = .table
    @Option(help: "Only attempts started on or after this day (YYYY-MM-DD).") var since: String?
    @Option(help: "Only attempts started on or before this day (YYYY-MM-DD).") var until: String?
    @Option(help: "Only this team's trainees, from teams.yaml (repeatable).") var team: [String] = []
    @Option(help: "Only this scenario id (repeatable).") var scenario: [String] = []
    @Option(help: "Only this principle id (repeatable).") var principle: [String] = []
    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
      let options = self
      try reportingErrors { try options.report() }
    }

    private func report() throws {
      var views: [TeamReport.View] = []
      for v in view where !views.contains(v) { views.append(v) }
      if format == .csv && views.count != 1 {
        throw UserFacingError(
          "--format csv prints one table: add --view trainees, principles, scenarios or assignments", exitCode: 64)
      }
      if views.isEmpty { views = TeamReport.View.allCases }
      var filter = ReportFilter()
      do {
        filter.since = try ReportFilter.date(since, option: "--since")
        filter.until = try ReportFilter.date(until, option: "--until")
        filter = try filter.validated()
      } catch let bad as ReportFilter.BadDate {
        throw UserFacingError(bad.description, exitCode: 64)
      }
      if let unknown = principle.first(where: { !Rubric.principleIds.contains($0) }) {
        throw UserFacingError(
          "unknown principle '\(Sanitizer.visible(unknown))'; known: \(Rubric.principleIds.joined(separator: ", "))",
          exitCode: 64)
      }
      if !principle.isEmpty { filter.principles = Set(principle) }
      if !scenario.isEmpty { filter.scenarios = Set(scenario) }

      let environment = try TrainerEnvironment(global)
      let user = global.user
      let data = environment.data
      if data.users().isEmpty {
        print(
          "No trainee progress in \(Sanitizer.visible(data.root.path)) yet: trainees' attempts appear here after `amends play`."
        )
        return
      }
      do {
        filter.users = try ReportScope.users(
          named: user, teams: team, data: data,
          teamsFile: team.isEmpty ? TeamsFile(teams: [:]) : try TeamsFile.load(from: data))
      } catch let unknown as ReportScope.Unknown {
        throw UserFacingError(unknown.description, exitCode: 64)
      }
      let scenarios = environment.scenarios()
      let titles = Dictionary(scenarios.scenarios.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
      let aggregator = ReportAggregator(data: data, filter: filter, rubric: environment.rubric, scenarioTitles: titles)
      var result = aggregator.run(users: filter.users.map { $0.sorted() }) { printError($0) }
      result.assignments = try AssignmentRow.rows(for: result, data: data, filter: filter, today: CivilDate.today())
      switch format {
      case .csv: print(ReportCSVRenderer.render(result, view: views[0]), terminator: "")
      case .json: print(ReportJSONRenderer.render(result, views: views))
      case .html: print(ReportHTMLRenderer.render(result, views: views), terminator: "")
      case .table:
        environment.say(ReportTableRenderer(painter: environment.painter).render(result, views: views))
        if view.contains(.assignments) && result.assignments.isEmpty {
          let exists = FileManager.default.fileExists(atPath: data.root.appendingPathComponent("assignments.yaml").path)
          environment.say(
            "\n" + (exists ? "No assignment matches these filters." : AssignmentsFile.howToCreate(in: data)))
        }
      }
    }
  }
}
