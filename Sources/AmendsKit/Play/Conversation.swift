import Foundation

/// Where a conversation stands: the beat waiting for a reply, the other side's mood, and what
/// scoring must remember from earlier turns. Codable so a log can restore it on resume.
public struct ConversationState: Sendable, Codable, Equatable {
  /// The beat waiting for a reply; nil once the conversation has ended.
  public var beat: String?
  public var mood: Mood
  public var memory: ConversationMemory
  /// How the conversation ended, when a branch to `end` said (`Branch.outcome`).
  public var outcome: String? = nil

  public var isFinished: Bool { beat == nil }
}

/// What one reply did: its assessment, the rewrite review for a colleague's draft, the mood's
/// move, and where the conversation goes next.
public struct TurnOutcome: Sendable {
  public var beat: Beat
  public var reply: String
  /// The turn's one score and band, after a rewrite review's deduction: what the feedback
  /// shows, the log keeps, the branches test and the mood follows.
  public var assessment: Assessment
  public var draftReview: DraftReview?
  public var before: ConversationState
  public var after: ConversationState

  public var score: Int { assessment.score }
  public var band: Band { assessment.band }
}

extension TurnOutcome {
  /// The `turn-scored` event for this outcome: what a session logs and the simulator writes.
  func logEvent(attempt: Int, turn: Int, at: Date, retry: Bool) -> LogEvent {
    var event = LogEvent(event: .turnScored, attempt: attempt, at: at)
    event.turn = turn
    event.beat = beat.id
    event.beatKind = beat.kind.rawValue
    event.reply = reply
    event.score = score
    event.band = band
    event.verdicts = Dictionary(uniqueKeysWithValues: assessment.results.map { ($0.id, $0.verdict) })
    let evidence = assessment.results.filter { !$0.evidence.isEmpty && $0.verdict != .notApplicable }
    event.evidence = evidence.isEmpty ? nil : Dictionary(uniqueKeysWithValues: evidence.map { ($0.id, $0.evidence) })
    event.expects = beat.expects.isEmpty ? nil : beat.expects.sorted()
    event.review = draftReview
    event.retry = retry ? true : nil
    event.moodBefore = before.mood
    event.state = after
    return event
  }
}
