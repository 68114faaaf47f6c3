/// Where a conversation stands: the beat waiting for a reply, the other side's mood, and what
/// scoring must remember from earlier turns. Codable so a log can restore it on resume.
public struct ConversationState: Sendable, Codable, Equatable {
  /// The beat waiting for a reply; nil once the conversation has ended.
  public var beat: String?
  public var mood: Mood
  public var memory: ConversationMemory

  public var isFinished: Bool { beat == nil }
}

/// What one reply did: its assessment, the rewrite review for a colleague's draft, the mood's
/// move, and where the conversation goes next.
public struct TurnOutcome: Sendable {
  public var beat: Beat
  public var reply: String
  public var assessment: Assessment
  public var draftReview: DraftReview?
  /// The score after the rewrite review's deductions (equal to the assessment's otherwise).
  public var score: Int
  public var band: Band
  public var before: ConversationState
  public var after: ConversationState
}
