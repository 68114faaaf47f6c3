/// One attempt at a scenario, rebuilt from its log events.
public struct AttemptRecord: Sendable {
  public var number: Int
  public var scenario: String
  public var scenarioVersion: Int
  public var mode: AttemptMode
  public var started: String
  public var finished: String?
  public var abandoned = false
  /// Every scored or skipped turn in log order, retries included.
  public var events: [LogEvent] = []

  public var isFinished: Bool { finished != nil }
  public var isOpen: Bool { finished == nil && !abandoned }

  /// The turns that count: a retry replaces the answer it retried (see `AttemptScore`).
  public var effectiveTurns: [LogEvent] {
    var turns: [LogEvent] = []
    for event in events {
      if AttemptScore.replacesPrevious(isRetry: event.retry == true, beat: event.beat, previousBeat: turns.last?.beat) {
        turns.removeLast()
      }
      turns.append(event)
    }
    return turns
  }

  /// The counted turns' score, with a review's turn overrides applied where given.
  public func tally(_ reviews: ReviewedScores = ReviewedScores()) -> AttemptScore {
    let overrides = reviews.turns[number] ?? [:]
    var tally = AttemptScore()
    for turn in effectiveTurns {
      tally.add(
        AttemptScore.counted(score: turn.score, skipped: turn.event == .turnSkipped),
        override: turn.turn.flatMap { overrides[$0] })
    }
    return tally
  }

  /// The attempt's score: the mean of its counted turns; nil before any.
  public var score: Int? { tally().automatic }

  /// The score a manager's review gives the attempt: their override of the whole attempt, else
  /// the mean of its turns with any turn overrides in place of the automatic scores; nil when
  /// no review changed a score.
  public func reviewedScore(_ reviews: ReviewedScores) -> Int? {
    if let override = reviews.attempts[number] { return override }
    let tally = tally(reviews)
    return tally.touchedByOverride ? tally.reviewed(attemptOverride: nil) : nil
  }

  /// Where the conversation stood after the last turn, for resuming.
  public var state: ConversationState? { events.last?.state }

  /// Takes in one later event of this attempt: as the log is read, or as play writes it.
  public mutating func apply(_ event: LogEvent) {
    switch event.event {
    case .attemptStarted: self = AttemptRecord(started: event)
    case .turnScored, .turnSkipped: events.append(event)
    case .attemptFinished: finished = event.at
    case .attemptAbandoned: abandoned = true
    }
  }

  /// Groups a log's events into attempts, in order of their numbers.
  public static func group(_ events: [LogEvent]) -> [AttemptRecord] {
    var byNumber: [Int: AttemptRecord] = [:]
    var order: [Int] = []
    for event in events {
      if event.event == .attemptStarted {
        if byNumber[event.attempt] == nil { order.append(event.attempt) }
        byNumber[event.attempt] = AttemptRecord(started: event)
      } else {
        byNumber[event.attempt]?.apply(event)
      }
    }
    return order.compactMap { byNumber[$0] }
  }
}

extension AttemptRecord {
  /// The attempt an `attempt-started` event opens.
  public init(started event: LogEvent) {
    self.init(
      number: event.attempt, scenario: event.scenario ?? "?", scenarioVersion: event.scenarioVersion ?? 1,
      mode: event.mode ?? .practice, started: event.at)
  }
}
