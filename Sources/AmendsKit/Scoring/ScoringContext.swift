/// Everything besides the reply itself that changes a verdict: the failure's severity, who is
/// being answered, the brief's facts and limits, and what earlier turns already said.
public struct ScoringContext: Sendable {
  public var severity: Severity = .moderate
  public var beatKind: BeatKind = .customer
  /// Whether the company failed the customer (switches `apology` and `ownership` on).
  public var companyAtFault = true
  /// Whether the message needs any action (switches `remedy` on).
  public var needsAction = true
  /// Whether the message carries feedback or a request for change (`act-on-input`).
  public var carriesInput = false
  /// Facts and policy from the brief, each with the phrases that would contradict it.
  public var facts: [BriefFact] = []
  /// Promises the brief says cannot be kept ("tonight" when Friday is the earliest).
  public var outOfReach: [Phrase] = []
  /// Principle ids the beat expects; they apply even where their condition would not.
  public var expected: Set<String> = []

  public init() {}

  public init(severity: Severity, beatKind: BeatKind = .customer) {
    self.severity = severity
    self.beatKind = beatKind
  }
}

/// A fact or policy line the trainee must not contradict.
public struct BriefFact: Sendable {
  public var id: String
  public var text: String
  public var contradictions: [Phrase]
  public init(id: String, text: String, contradictions: [Phrase]) {
    self.id = id
    self.text = text
    self.contradictions = contradictions
  }
}

/// What earlier turns of the same conversation said, as far as scoring needs to know:
/// running tallies ("apologies", "explanations") and the commitments made.
public struct ConversationMemory: Sendable, Codable, Equatable {
  public var tallies: [String: Int] = [:]
  public var commitments: [String] = []
  public var turns = 0
  public init() {}
}
