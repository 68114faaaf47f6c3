import Foundation

/// Builds a `TeamReport` by streaming every user's log once, line by line, folding each turn
/// into running tallies as soon as it can no longer be replaced by a retry. Memory grows with
/// users, scenarios, beats and weeks, never with the number of turns.
public struct ReportAggregator: Sendable {
  public let data: DataDirectory
  public let filter: ReportFilter
  /// Principle ids in rubric order with their kind; the principles view lists these.
  public let principles: [(id: String, kind: PrincipleKind?)]
  /// Scenario id → title, for display.
  public let scenarioTitles: [String: String]
  /// A reply scoring below this failed (the rubric's fair floor).
  public let failureBelow: Int

  public init(data: DataDirectory, filter: ReportFilter, rubric: Rubric?, scenarioTitles: [String: String] = [:]) {
    failureBelow = rubric?.bandFloors[.fair] ?? 40
    self.data = data
    self.filter = filter
    if let rubric {
      principles = rubric.principles.map { ($0.id, $0.kind) }
    } else {
      principles = Rubric.principleIds.map { ($0, nil) }
    }
    self.scenarioTitles = scenarioTitles
  }

  /// Aggregates the given users (all of the data directory's when nil). Users are read on every
  /// core, each into tallies of its own that are added to the team's in user order as soon as
  /// the users before them are: the report and its warnings come out as if read one by one, and
  /// memory holds a few dozen users' tallies at a time, never the turns.
  /// `warn` receives each warning (`path:line: warning: …`), in user order, on whichever thread
  /// hands the results on, one at a time.
  public func run(users requested: [String]? = nil, warn: (String) -> Void = { _ in }) -> TeamReport {
    var report = TeamReport(dataDirectory: displayPath(data.root), filter: filter.summary)
    let principleIDs = principles.filter { filter.includes(principle: $0.id) }
    var team = TeamTallies(principles: principleIDs, titles: scenarioTitles)
    let users = (requested ?? data.users()).filter { filter.includes(user: $0) }
    OrderedPipeline.run(count: users.count) { index in
      read(users[index], principles: principleIDs)
    } consume: { result in
      guard let result else { return }
      for warning in result.warnings { warn(warning) }
      if result.unreadable {
        report.unreadableUsers.append(result.trainee.user)
        return
      }
      team.add(result.team)
      report.skippedLines += result.skippedLines
      if result.trainee.attempts > 0 || requested != nil || filter.users != nil {
        report.trainees.append(result.trainee)
      }
    }
    report.principles = team.principleSlots
    report.scenarios = team.scenarios.values.sorted { $0.id < $1.id }
    report.firstDay = team.firstDay
    report.lastDay = team.lastDay
    return report
  }

  /// What one user's log adds to the report.
  private struct UserResult {
    var trainee: TraineeSummary
    var team: TeamTallies
    var warnings: [String]
    var skippedLines: Int
    var unreadable: Bool
  }

  private func read(_ user: String, principles: [(id: String, kind: PrincipleKind?)]) -> UserResult? {
    guard let name = try? UserName(user) else { return nil }
    let store = UserStore(data: data, user: name)
    let warnings = WarningBuffer()
    var team = TeamTallies(principles: principles, titles: scenarioTitles)
    var reader = UserLogReader(
      user: user, filter: filter, reviews: loadReviews(store, warn: warnings.add), failureBelow: failureBelow,
      warn: warnings.add)
    do {
      try reader.read(store.log.url, into: &team)
    } catch {
      warnings.add("\(displayPath(store.folder)): warning: \(error); user skipped")
      return UserResult(
        trainee: reader.trainee, team: team, warnings: warnings.lines, skippedLines: 0, unreadable: true)
    }
    return UserResult(
      trainee: reader.trainee, team: team, warnings: warnings.lines, skippedLines: reader.skippedLines,
      unreadable: false)
  }

  private func loadReviews(_ store: UserStore, warn: (String) -> Void) -> ReviewedScores {
    let log = ReviewLog(store: store)
    guard let (reviews, problems) = try? log.read() else {
      warn("\(displayPath(log.url)): warning: cannot read the reviews; reviewed scores equal automatic ones")
      return ReviewedScores()
    }
    for problem in problems { warn(problem.description) }
    return ReviewedScores(reviews)
  }
}

/// One user's warnings, kept until the report reaches that user, so that they come out in user
/// order however the users were scheduled.
private final class WarningBuffer {
  private(set) var lines: [String] = []
  func add(_ line: String) { lines.append(line) }
}

/// The team-wide tallies that every user's log adds to.
struct TeamTallies {
  var principleOrder: [String]
  /// The principles' summaries in `principleOrder`, and for each index of
  /// `Rubric.principleIds` its position there (-1 when the report leaves it out).
  var principleSlots: [PrincipleSummary] = []
  private var slotOfKnown = [Int](repeating: -1, count: Rubric.principleIds.count)
  var scenarios: [String: ScenarioSummary] = [:]
  let titles: [String: String]
  var firstDay: CivilDate?
  var lastDay: CivilDate?

  init(principles: [(id: String, kind: PrincipleKind?)], titles: [String: String]) {
    principleOrder = principles.map(\.id)
    for p in principles {
      if let known = TurnVerdicts.index[p.id] { slotOfKnown[known] = principleSlots.count }
      principleSlots.append(PrincipleSummary(id: p.id, kind: p.kind))
    }
    self.titles = titles
  }

  mutating func scenario(_ id: String, _ body: (inout ScenarioSummary) -> Void) {
    // In place, with one hash: copying the summary out and back made its beats be copied on
    // every turn.
    body(&scenarios[id, default: ScenarioSummary(id: id, title: titles[id])])
  }

  /// Where the principle with index `known` of `Rubric.principleIds` is kept, if reported.
  func slot(ofPrinciple known: Int) -> Int? {
    let slot = slotOfKnown[known]
    return slot < 0 ? nil : slot
  }

  /// Adds another user's tallies (made with the same principles and titles).
  mutating func add(_ other: TeamTallies) {
    for (slot, summary) in other.principleSlots.enumerated() {
      principleSlots[slot].tally.add(summary.tally)
      principleSlots[slot].trend.add(summary.trend)
    }
    for (id, theirs) in other.scenarios {
      // In place: a copy out and back would copy the scenario's beats for every user.
      scenario(id) { mine in
        if mine.title == nil { mine.title = theirs.title }
        mine.add(theirs)
      }
    }
    saw(other.firstDay)
    saw(other.lastDay)
  }

  mutating func saw(_ day: CivilDate?) {
    guard let day else { return }
    if firstDay.map({ day < $0 }) ?? true { firstDay = day }
    if lastDay.map({ $0 < day }) ?? true { lastDay = day }
  }
}
