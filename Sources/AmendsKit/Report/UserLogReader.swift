import Foundation

/// Streams one user's `attempts.jsonl` into their `TraineeSummary` and the team's tallies.
///
/// A turn is held back only until the next turn of its attempt arrives, because a retry of
/// the same beat replaces it (as `AttemptRecord.effectiveTurns` does); after that it is folded
/// into the tallies and forgotten. An attempt is held as a few running sums until it finishes.
struct UserLogReader {
  private(set) var trainee: TraineeSummary
  private(set) var skippedLines = 0
  let filter: ReportFilter
  let reviews: ReviewedScores
  let warn: (String) -> Void

  private struct PendingTurn {
    var number: Int?
    var beat: String
    var score: Int
    var skipped: Bool
    var verdicts: TurnVerdicts?
    var reply: String?
    var day: CivilDate?
  }

  private struct PendingAttempt {
    var scenario: String
    var assessed = false
    var last: PendingTurn?
    var turns = 0
    var automaticSum = 0
    var reviewedSum = 0
    var touchedByOverride = false
  }

  private var open: [Int: PendingAttempt] = [:]
  /// The trainee's verdict tallies by index of `Rubric.principleIds`, until the log is read.
  private var traineeTallies: [Int: VerdictTally] = [:]
  private let decoder = JSONDecoder()

  init(user: String, filter: ReportFilter, reviews: ReviewedScores, warn: @escaping (String) -> Void) {
    trainee = TraineeSummary(user: user)
    trainee.notes = reviews.noteCount
    self.filter = filter
    self.reviews = reviews
    self.warn = warn
  }

  mutating func read(_ url: URL, into team: inout TeamTallies) throws {
    let path = displayPath(url)
    try LineReader.forEachLine(of: url) { number, line, terminated in
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
      guard terminated else {
        skip(path, number, "incomplete last line (the write never finished) skipped")
        return
      }
      // The byte scanner reads well-formed lines; anything it refuses, the decoder judges.
      guard let event = ReportEventScanner.scan(line) ?? (try? decoder.decode(ReportEvent.self, from: Data(line))) else {
        skip(path, number, "unreadable log line skipped (kept in the file)")
        return
      }
      guard event.schema <= LogEvent.schemaVersion else {
        skip(path, number, "line written by a newer amends (log schema \(event.schema)) skipped; update amends")
        return
      }
      apply(event, path: path, line: number, team: &team)
    }
    // Attempts still open at the end of the log were quit, killed or abandoned.
    for number in open.keys.sorted() { close(number, finishedOn: nil, team: &team) }
    for (index, tally) in traineeTallies { trainee.principles[Rubric.principleIds[index]] = tally }
  }

  private mutating func skip(_ path: String, _ line: Int, _ message: String) {
    skippedLines += 1
    warn("\(path):\(line): warning: \(message)")
  }

  private mutating func apply(_ event: ReportEvent, path: String, line: Int, team: inout TeamTallies) {
    switch LogEvent.Kind(rawValue: event.event) {
    case .attemptStarted?:
      let scenario = event.scenario ?? "?"
      guard open[event.attempt] == nil, filter.includesAttempt(startedAt: event.at, scenario: scenario) else { return }
      open[event.attempt] = PendingAttempt(scenario: scenario, assessed: event.mode == "assess")
      trainee.attempts += 1
      trainee.startedScenarios.insert(scenario)
      team.scenario(scenario) { $0.attempts += 1 }
      team.saw(CivilDate(timestamp: event.at))
    case .turnScored?, .turnSkipped?:
      guard var attempt = open[event.attempt] else { return }
      let skipped = event.event == LogEvent.Kind.turnSkipped.rawValue
      let turn = PendingTurn(
        number: event.turn, beat: event.beat ?? "?", score: skipped ? 0 : (event.score ?? 0), skipped: skipped,
        verdicts: skipped ? nil : event.verdicts, reply: event.reply, day: CivilDate(timestamp: event.at))
      if event.retry == true, let last = attempt.last, last.beat == turn.beat {
        attempt.last = turn  // the retry replaces the answer it retried
      } else {
        if let last = attempt.last { fold(last, into: &attempt, event.attempt, team: &team) }
        attempt.last = turn
      }
      open[event.attempt] = attempt
    case .attemptFinished?:
      guard open[event.attempt] != nil else { return }
      close(event.attempt, finishedOn: CivilDate(timestamp: event.at), team: &team)
    case .attemptAbandoned?:
      guard open[event.attempt] != nil else { return }
      close(event.attempt, finishedOn: nil, team: &team)
    case nil:
      skip(path, line, "unknown event '\(Sanitizer.visible(event.event))' skipped")
    }
  }

  /// Adds a turn that can no longer be retried to every tally.
  private mutating func fold(_ turn: PendingTurn, into attempt: inout PendingAttempt, _ number: Int, team: inout TeamTallies) {
    attempt.turns += 1
    attempt.automaticSum += turn.score
    var reviewed = turn.score
    if let n = turn.number, let override = reviews.turns[number]?[n] {
      reviewed = override
      attempt.touchedByOverride = true
    }
    attempt.reviewedSum += reviewed
    trainee.turns += 1
    if let verdicts = turn.verdicts {
      for (index, verdict) in verdicts.slots.enumerated() {
        guard let verdict, verdict != .notApplicable, let slot = team.slot(ofPrinciple: index) else { continue }
        traineeTallies[index, default: VerdictTally()].add(verdict)
        team.principleSlots[slot].tally.add(verdict)
        if let day = turn.day { team.principleSlots[slot].trend.add(verdict.isGood ? 1 : 0, on: day) }
      }
    }
    let failed = turn.skipped || turn.score < Self.failureBelow
    team.scenario(attempt.scenario) { summary in
      Self.count(turn, failed: failed, in: &summary.beats[turn.beat, default: ScenarioSummary.BeatStats(id: turn.beat)])
    }
  }

  private static func count(_ turn: PendingTurn, failed: Bool, in beat: inout ScenarioSummary.BeatStats) {
    beat.turns += 1
    beat.scoreSum += turn.score
    if failed { beat.failures += 1 }
    if !turn.skipped, let reply = turn.reply, beat.lowestScore.map({ turn.score < $0 }) ?? true {
      beat.lowestScore = turn.score
      beat.lowestReply = reply
    }
  }

  /// Scores below this are the poor band of the bundled rubric: a failed reply.
  static let failureBelow = 40

  private mutating func close(_ number: Int, finishedOn day: CivilDate?, team: inout TeamTallies) {
    guard var attempt = open.removeValue(forKey: number) else { return }
    if let last = attempt.last { fold(last, into: &attempt, number, team: &team) }
    guard let day, attempt.turns > 0 else { return }
    let automatic = Int((Double(attempt.automaticSum) / Double(attempt.turns)).rounded())
    var reviewed = Int((Double(attempt.reviewedSum) / Double(attempt.turns)).rounded())
    if let override = reviews.attempts[number] {
      reviewed = override
      attempt.touchedByOverride = true
    }
    trainee.finished += 1
    trainee.scenariosCompleted.insert(attempt.scenario)
    if attempt.assessed {
      trainee.assessment.add(automatic)
      trainee.scenariosAssessed.insert(attempt.scenario)
    } else {
      trainee.practice.add(automatic)
    }
    trainee.automatic.add(automatic)
    trainee.reviewed.add(reviewed)
    trainee.trend.add(Double(automatic), on: day)
    if attempt.touchedByOverride { trainee.hasOverrides = true }
    let touched = attempt.touchedByOverride
    team.scenario(attempt.scenario) { summary in
      summary.finished += 1
      summary.automatic.add(automatic)
      summary.reviewed.add(reviewed)
      if touched { summary.hasOverrides = true }
    }
    team.saw(day)
  }
}
