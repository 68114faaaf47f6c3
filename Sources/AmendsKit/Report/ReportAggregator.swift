import Foundation

/// Builds a `TeamReport` by streaming every user's log once, line by line, folding each turn
/// into running tallies as soon as it can no longer be replaced by a retry. Memory grows with
/// users, scenarios, beats and weeks, never with the number of turns.
public struct ReportAggregator {
  public let data: DataDirectory
  public let filter: ReportFilter
  /// Principle ids in rubric order with their kind; the principles view lists these.
  public let principles: [(id: String, kind: PrincipleKind?)]
  /// Scenario id → title, for display.
  public let scenarioTitles: [String: String]
  /// Receives each warning (`path:line: warning: …`) as it is found.
  public let warn: (String) -> Void

  public init(data: DataDirectory, filter: ReportFilter, rubric: Rubric?, scenarioTitles: [String: String] = [:], warn: @escaping (String) -> Void) {
    self.data = data
    self.filter = filter
    if let rubric {
      principles = rubric.principles.map { ($0.id, $0.kind) }
    } else {
      principles = Rubric.principleIds.map { ($0, nil) }
    }
    self.scenarioTitles = scenarioTitles
    self.warn = warn
  }

  /// Aggregates the given users (all of the data directory's when nil).
  public func run(users requested: [String]? = nil) -> TeamReport {
    var report = TeamReport(dataDirectory: displayPath(data.root), filter: filter.summary)
    var team = TeamTallies(principles: principles.filter { filter.includes(principle: $0.id) }, titles: scenarioTitles)
    for user in requested ?? data.users() where filter.includes(user: user) {
      guard let name = try? UserName(user) else { continue }
      let store = UserStore(data: data, user: name)
      var reader = UserLogReader(user: user, filter: filter, reviews: loadReviews(store), warn: warn)
      do {
        try reader.read(store.log.url, into: &team)
      } catch {
        warn("\(displayPath(store.folder)): warning: \(error); user skipped")
        report.unreadableUsers.append(user)
        continue
      }
      report.skippedLines += reader.skippedLines
      if reader.trainee.attempts > 0 || requested != nil || filter.users != nil {
        report.trainees.append(reader.trainee)
      }
    }
    report.principles = team.principleOrder.compactMap { team.principles[$0] }
    report.scenarios = team.scenarios.values.sorted { $0.id < $1.id }
    report.firstDay = team.firstDay
    report.lastDay = team.lastDay
    return report
  }

  private func loadReviews(_ store: UserStore) -> ReviewedScores {
    let log = ReviewLog(store: store)
    guard let (reviews, problems) = try? log.read() else {
      warn("\(displayPath(log.url)): warning: cannot read the reviews; reviewed scores equal automatic ones")
      return ReviewedScores()
    }
    for problem in problems { warn(problem.description) }
    return ReviewedScores(reviews)
  }
}

/// The team-wide tallies that every user's log adds to.
struct TeamTallies {
  var principleOrder: [String]
  var principles: [String: PrincipleSummary] = [:]
  var scenarios: [String: ScenarioSummary] = [:]
  let titles: [String: String]
  var firstDay: CivilDate?
  var lastDay: CivilDate?

  init(principles: [(id: String, kind: PrincipleKind?)], titles: [String: String]) {
    principleOrder = principles.map(\.id)
    for p in principles { self.principles[p.id] = PrincipleSummary(id: p.id, kind: p.kind) }
    self.titles = titles
  }

  mutating func scenario(_ id: String, _ body: (inout ScenarioSummary) -> Void) {
    var summary = scenarios[id] ?? ScenarioSummary(id: id)
    if summary.title == nil { summary.title = titles[id] }
    body(&summary)
    scenarios[id] = summary
  }

  mutating func saw(_ day: CivilDate?) {
    guard let day else { return }
    if firstDay.map({ day < $0 }) ?? true { firstDay = day }
    if lastDay.map({ $0 < day }) ?? true { lastDay = day }
  }
}
