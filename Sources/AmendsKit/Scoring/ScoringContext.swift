import Foundation

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
  public var facts: [BriefFact] = [] { didSet { briefMatchers = nil } }
  /// What the brief allows the trainee to offer, in the author's words.
  public var mayOffer: [String] = [] { didSet { briefMatchers = nil } }
  /// Promises the brief says cannot be kept ("tonight" when Friday is the earliest).
  public var outOfReach: [Phrase] = [] { didSet { briefMatchers = nil } }
  /// `facts` and `outOfReach` compiled into matchers once per scenario (`Brief.matchers`), as a
  /// context is made for every turn; nil when they were set one by one, and each check then
  /// builds the matcher it needs.
  var briefMatchers: BriefMatchers?
  /// Principle ids the beat expects; they apply even where their condition would not.
  public var expected: Set<String> = []

  public init() {}

  public init(severity: Severity, beatKind: BeatKind = .customer) {
    self.severity = severity
    self.beatKind = beatKind
  }

  /// The brief's facts and offers as content words: cached with the scenario's matchers, or
  /// built for this context alone.
  var briefOverlap: BriefOverlap {
    briefMatchers?.overlap ?? BriefOverlap(mayOffer: mayOffer, facts: facts.map(\.text))
  }

  /// Whether each match stands in a clause that says what the brief says (one of its facts or
  /// offers): such a match neither contradicts the brief nor promises beyond it. All false when
  /// there is no brief.
  func restatesBrief(_ positions: [Int], in text: AnalyzedText) -> [Bool] {
    guard !(facts.isEmpty && mayOffer.isEmpty) else { return positions.map { _ in false } }
    let overlap = briefOverlap
    return positions.map { overlap.restates(at: $0, in: text) }
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

/// The matchers of a brief's facts, policy and limits, built the first time a reply is scored
/// against the brief and then kept for every other turn: a matcher indexes and compiles its
/// phrases, and three checks used to build them again for every reply.
/// Unchecked Sendable: `built` and `builtOverlap` are written once, under `lock`, and read only
/// under it; every other field is a constant.
public final class BriefMatchers: @unchecked Sendable {
  private struct Built {
    /// One per fact, in the order of the facts given.
    var contradictions: [PhraseMatcher]
    var outOfReach: PhraseMatcher
    /// Out-of-reach promises and every contradiction together: what a commitment cannot keep.
    var unkeepable: PhraseMatcher
  }

  private let facts: [BriefFact]
  private let limits: [Phrase]
  private let lock = NSLock()
  private var built: Built?

  private let offers: [String]
  private var builtOverlap: BriefOverlap?

  public init(facts: [BriefFact], outOfReach: [Phrase], mayOffer: [String] = []) {
    self.facts = facts
    limits = outOfReach
    offers = mayOffer
  }

  /// The content words of the brief's facts and offers, for `BriefOverlap`.
  var overlap: BriefOverlap {
    lock.lock()
    defer { lock.unlock() }
    if let builtOverlap { return builtOverlap }
    let made = BriefOverlap(mayOffer: offers, facts: facts.map(\.text))
    builtOverlap = made
    return made
  }

  var contradictions: [PhraseMatcher] { value.contradictions }
  var outOfReach: PhraseMatcher { value.outOfReach }
  var unkeepable: PhraseMatcher { value.unkeepable }

  private var value: Built {
    lock.lock()
    defer { lock.unlock() }
    if let built { return built }
    let made = Built(
      contradictions: facts.map { PhraseMatcher($0.contradictions) }, outOfReach: PhraseMatcher(limits),
      unkeepable: PhraseMatcher(limits + facts.flatMap(\.contradictions)))
    built = made
    return made
  }
}
