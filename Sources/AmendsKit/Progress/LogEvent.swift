import Foundation

/// One line of `attempts.jsonl`. Every event carries the log schema version; readers accept
/// older versions and refuse newer ones rather than misread them.
public struct LogEvent: Codable, Sendable, Equatable {
  public static let schemaVersion = 1

  public enum Kind: String, Codable, Sendable, CaseIterable {
    case attemptStarted = "attempt-started"
    case turnScored = "turn-scored"
    case turnSkipped = "turn-skipped"
    case attemptFinished = "attempt-finished"
    case attemptAbandoned = "attempt-abandoned"
  }

  public var schema: Int = LogEvent.schemaVersion
  public var event: Kind
  public var attempt: Int
  public var at: String

  // attempt-started
  public var scenario: String?
  public var scenarioVersion: Int?
  public var scenarioHash: String?
  public var rubricVersion: String?
  public var mode: AttemptMode?

  // turn-scored, turn-skipped
  public var turn: Int?
  public var beat: String?
  public var beatKind: String?
  public var reply: String?
  public var score: Int?
  public var band: Band?
  public var verdicts: [String: Verdict]?
  public var evidence: [String: [Evidence]]?
  /// The principles the beat expected (sorted; absent when none, and in logs before this field).
  public var expects: [String]?
  public var review: DraftReview?
  public var retry: Bool?
  public var moodBefore: Mood?
  public var state: ConversationState?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case schema, event, attempt, at, scenario, mode, turn, beat, reply, score, band, verdicts, evidence, expects,
      review, retry, state
    case scenarioVersion = "scenario_version"
    case scenarioHash = "scenario_hash"
    case rubricVersion = "rubric_version"
    case beatKind = "beat_kind"
    case moodBefore = "mood_before"
  }

  public init(event: Kind, attempt: Int, at: Date = Date()) {
    self.event = event
    self.attempt = attempt
    self.at = Timestamp.format(at)
  }
}

public enum Timestamp {
  public static func format(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  public static func parse(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let d = formatter.date(from: text) { return d }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
  }
}
