import Foundation

/// Streams one user's `attempts.jsonl` into their `TraineeSummary` and the team's tallies.
///
/// A turn is held back only until the next turn of its attempt arrives, because a retry of
/// the same beat replaces it (the rules of `AttemptScore`, shared with `AttemptRecord`); after
/// that it is folded into the tallies and forgotten. An attempt is held as a few running sums until it finishes.
struct UserLogReader {
  private(set) var trainee: TraineeSummary
  private(set) var skippedLines = 0
  let filter: ReportFilter
  let reviews: ReviewedScores
  let warn: (String) -> Void

  private struct PendingTurn {
    var number: Int?
    /// Where the turn's beat is counted, in `tallies.beats`.
    var beat: Int
    var score: Int
    var skipped: Bool
    var verdicts: TurnVerdicts?
    var hasReply: Bool
    var week: Int?
  }

  private struct PendingAttempt {
    var number: Int
    var scenario: String
    /// The scenario's number in `tallies`.
    var scenarioNumber: Int
    var assessed = false
    var last: PendingTurn?
    /// The raw JSON bytes of `last`'s reply, decoded only if it becomes a beat's lowest: most
    /// replies are never shown, and making strings of them all was a report's biggest cost.
    var reply: [UInt8] = []
    var replyEscaped = false
    var score = AttemptScore()

    init(number: Int, scenario: String, scenarioNumber: Int, assessed: Bool) {
      self.number = number
      self.scenario = scenario
      self.scenarioNumber = scenarioNumber
      self.assessed = assessed
    }

    var replyText: String {
      reply.withUnsafeBufferPointer { LineText.raw(0..<$0.count, escaped: replyEscaped).string(in: $0) }
    }
  }

  /// Attempts started and not yet finished; almost always one, so a list, not a dictionary.
  private var open: [PendingAttempt] = []
  private var tallies = LogTallies()
  private let decoder = JSONDecoder()

  /// Scores below this (the rubric's fair floor) are failed replies.
  private let failureBelow: Int

  init(user: String, filter: ReportFilter, reviews: ReviewedScores, failureBelow: Int, warn: @escaping (String) -> Void)
  {
    self.failureBelow = failureBelow
    trainee = TraineeSummary(user: user)
    trainee.notes = reviews.noteCount
    self.filter = filter
    self.reviews = reviews
    self.warn = warn
  }

  mutating func read(_ url: URL, into team: inout TeamTallies) throws {
    let path = displayPath(url)
    var event = ReportLine()
    try LineReader.forEachLine(of: url) { number, line, ending in
      switch LogLinePolicy.screen(line, ending: ending) {
      case .blank: return
      case .skip(let kind): return skip(path, number, kind)
      case .decode: break
      }
      // The byte scanner reads well-formed lines; anything it refuses, the decoder judges.
      if !ReportEventScanner.scan(line, into: &event) {
        let data = Data(line)
        guard let decoded = try? decoder.decode(ReportEvent.self, from: data) else {
          return skip(path, number, LogLinePolicy.undecodable(data, known: LogEvent.schemaVersion))
        }
        event = ReportLine(decoded)
      }
      if let problem = LogLinePolicy.check(schema: event.schema, known: LogEvent.schemaVersion) {
        return skip(path, number, problem)
      }
      apply(event, bytes: line, path: path, line: number, team: &team)
    }
    // Attempts still open at the end of the log were quit, killed or abandoned.
    for number in open.map(\.number).sorted() { close(number, finishedOn: nil, team: &team) }
    tallies.handOver(into: &team, trainee: &trainee)
  }

  private mutating func skip(_ path: String, _ line: Int, _ kind: LogProblem.Kind) {
    skippedLines += 1
    warn(LogProblem(path: path, line: line, kind: kind).description)
  }

  /// Takes an open attempt out of `open`, as it closes.
  private mutating func takeOpen(_ number: Int) -> PendingAttempt? {
    guard let slot = open.lastIndex(where: { $0.number == number }) else { return nil }
    open.swapAt(slot, open.count - 1)
    return open.removeLast()
  }

  private mutating func apply(
    _ event: ReportLine, bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int, team: inout TeamTallies
  ) {
    switch event.kind {
    case .attemptStarted?:
      let scenario = event.scenario?.string(in: bytes) ?? "?"
      guard !open.contains(where: { $0.number == event.attempt }),
        filter.includesAttempt(startedOn: event.day, scenario: scenario)
      else { return }
      let number = tallies.scenarioNumber(scenario)
      let assessed = event.mode?.string(in: bytes) == AttemptMode.assess.rawValue
      open.append(PendingAttempt(number: event.attempt, scenario: scenario, scenarioNumber: number, assessed: assessed))
      trainee.attempts += 1
      if !tallies.started[number] {
        tallies.started[number] = true
        trainee.startedScenarios.insert(scenario)
      }
      tallies.scenarios[number].attempts += 1
      team.saw(event.day)
    case .turnScored?, .turnSkipped?:
      // The attempt is changed where it lies in `open`: never copied, nor its reply buffer.
      guard let k = open.lastIndex(where: { $0.number == event.attempt }) else { return }
      let skipped = event.kind == .turnSkipped
      let scenario = open[k].scenarioNumber
      let beat = (event.beat ?? .decoded("?")).withUTF8(in: bytes) { tallies.beatSlot(scenario: scenario, id: $0) }
      let score = AttemptScore.counted(score: event.score, skipped: skipped)
      // Only a reply that scores below its beat's lowest so far can be the one a report shows.
      let keepsReply = !skipped && event.reply != nil && tallies.beats[beat].lowestScore.map { score < $0 } ?? true
      let turn = PendingTurn(
        number: event.turn, beat: beat, score: score, skipped: skipped,
        verdicts: skipped ? nil : event.verdicts, hasReply: keepsReply, week: event.day?.week)
      // A retry replaces the answer it retried; any other turn settles the one before.
      let replaces = AttemptScore.replacesPrevious(
        isRetry: event.retry == true, beat: turn.beat, previousBeat: open[k].last?.beat)
      if !replaces, let last = open[k].last {
        Self.fold(
          last, into: &open[k], tallies: &tallies, trainee: &trainee, reviews: reviews, failureBelow: failureBelow,
          team: &team)
      }
      open[k].last = turn
      if keepsReply, let reply = event.reply {
        let escaped = reply.copy(from: bytes, into: &open[k].reply)
        open[k].replyEscaped = escaped
      }
    case .attemptFinished?:
      close(event.attempt, finishedOn: event.day, team: &team)
    case .attemptAbandoned?:
      close(event.attempt, finishedOn: nil, team: &team)
    case nil:
      skip(path, line, .unknownEvent(event.eventName))
    }
  }

  /// Adds a turn that can no longer be retried to every tally. Static, on the reader's parts, so
  /// that an attempt can be folded where it lies in `open`.
  private static func fold(
    _ turn: PendingTurn, into attempt: inout PendingAttempt, tallies: inout LogTallies, trainee: inout TraineeSummary,
    reviews: ReviewedScores, failureBelow: Int, team: inout TeamTallies
  ) {
    let override = reviews.turns.isEmpty ? nil : turn.number.flatMap { reviews.turns[attempt.number]?[$0] }
    attempt.score.add(turn.score, override: override)
    trainee.turns += 1
    if let verdicts = turn.verdicts { tallies.count(verdicts, week: turn.week, team: &team) }
    let slot = turn.beat
    tallies.beats[slot].turns += 1
    tallies.beats[slot].scoreSum += turn.score
    if turn.skipped || turn.score < failureBelow { tallies.beats[slot].failures += 1 }
    if !turn.skipped, turn.hasReply, tallies.beats[slot].lowestScore.map({ turn.score < $0 }) ?? true {
      tallies.beats[slot].lowestScore = turn.score
      tallies.beats[slot].lowestReply = attempt.replyText
    }
  }

  private mutating func close(_ number: Int, finishedOn day: CivilDate?, team: inout TeamTallies) {
    guard var attempt = takeOpen(number) else { return }
    if let last = attempt.last {
      Self.fold(
        last, into: &attempt, tallies: &tallies, trainee: &trainee, reviews: reviews, failureBelow: failureBelow,
        team: &team)
    }
    guard let day, let automatic = attempt.score.automatic else { return }
    let attemptOverride = reviews.attempts[number]
    let reviewed = attempt.score.reviewed(attemptOverride: attemptOverride) ?? automatic
    let touchedByOverride = attempt.score.touchedByOverride || attemptOverride != nil
    trainee.finished += 1
    let scenario = attempt.scenarioNumber
    if !tallies.completed[scenario] {
      tallies.completed[scenario] = true
      trainee.scenariosCompleted.insert(attempt.scenario)
    }
    if attempt.assessed {
      trainee.assessment.add(automatic)
      if !tallies.assessed[scenario] {
        tallies.assessed[scenario] = true
        trainee.scenariosAssessed.insert(attempt.scenario)
      }
    } else {
      trainee.practice.add(automatic)
    }
    trainee.automatic.add(automatic)
    trainee.reviewed.add(reviewed)
    trainee.trend.add(Double(automatic), on: day)
    if touchedByOverride { trainee.hasOverrides = true }
    tallies.scenarios[scenario].finished += 1
    tallies.scenarios[scenario].automatic.add(automatic)
    tallies.scenarios[scenario].reviewed.add(reviewed)
    if touchedByOverride { tallies.scenarios[scenario].hasOverrides = true }
    team.saw(day)
  }
}
