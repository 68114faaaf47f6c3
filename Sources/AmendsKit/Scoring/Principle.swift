/// One principle of the rubric, as loaded from `Scoring/<id>.yaml`. A class: it is read on every
/// reply scored, and copying a value with this many fields costs more than the check itself.
public final class Principle: Sendable {
  public let id: String
  public let title: String
  public let kind: PrincipleKind
  public let weight: Int
  public let description: String
  /// Article file names (without the hash) this principle comes from, e.g. "003".
  public let sources: [String]
  public let applies: [Applicability]
  public let check: any Check
  public let feedback: Feedback
  public let examples: [RubricExample]
  /// Where the principle was loaded from, for messages.
  public let path: String
  /// How many more steps the customer's mood moves when this pitfall is made, whatever the
  /// band (`mood-step: -1` for a bribe: people notice it whatever else was said).
  public let moodStep: Int
  /// A hit of this principle is the remedy offered that `remedy-offered` conditions ask about.
  public let offersRemedy: Bool
  /// Its check's note is shown when it is met too (a commitment names the promise it counted).
  public let noteWhenMet: Bool

  init(
    id: String, title: String, kind: PrincipleKind, weight: Int, description: String, sources: [String],
    applies: [Applicability], check: any Check, feedback: Feedback, examples: [RubricExample], path: String,
    moodStep: Int = 0, offersRemedy: Bool = false, noteWhenMet: Bool = false
  ) {
    self.moodStep = moodStep
    self.offersRemedy = offersRemedy
    self.noteWhenMet = noteWhenMet
    self.id = id
    self.title = title
    self.kind = kind
    self.weight = weight
    self.description = description
    self.sources = sources
    self.applies = applies
    self.check = check
    self.feedback = feedback
    self.examples = examples
    self.path = path
  }

  public struct Feedback: Sendable {
    public var met: String
    public var missed: String
    /// Said when only weak evidence was found (e.g. a generic "I understand your frustration").
    public var weak: String?

    func text(for verdict: Verdict, kind: PrincipleKind, weakOnly: Bool) -> String {
      switch verdict {
      case .met, .avoided: return met
      case .missed where weakOnly: return weak ?? missed
      case .missed, .violated: return missed
      case .notApplicable: return "Does not apply to this message."
      }
    }
  }
}

/// An example reply carried by a principle, with the verdict it must receive.
public struct RubricExample: Sendable {
  public var reply: String
  public var expected: Verdict
  public var context: ScoringContext
  public var earlier: [String]
  public var line: Int
}

/// When a principle applies. Each condition is code; the YAML names them.
public enum Applicability: String, Sendable, CaseIterable {
  case always
  case companyAtFault = "company-at-fault"
  case needsAction = "needs-action"
  case moderateOrSevere = "moderate-or-severe"
  case severe
  case severeOrExecutive = "severe-or-executive"
  case remedyOffered = "remedy-offered"
  case carriesInput = "carries-input"
  case briefHasFacts = "brief-has-facts"
  case facingCustomer = "facing-customer"

  func holds(_ context: ScoringContext, remedyOffered: Bool) -> Bool {
    switch self {
    case .always: return true
    case .companyAtFault: return context.companyAtFault
    case .needsAction: return context.needsAction
    case .moderateOrSevere: return context.severity >= .moderate
    case .severe: return context.severity == .severe
    case .severeOrExecutive: return context.severity == .severe || context.beatKind == .executive
    case .remedyOffered: return remedyOffered
    case .carriesInput: return context.carriesInput
    case .briefHasFacts: return !context.facts.isEmpty || !context.outOfReach.isEmpty
    case .facingCustomer: return context.beatKind != .executive
    }
  }

  /// How the condition reads in hints and docs.
  public var explanation: String {
    switch self {
    case .always: return "always"
    case .companyAtFault: return "the company failed the customer"
    case .needsAction: return "the message needs action"
    case .moderateOrSevere: return "the failure is moderate or severe"
    case .severe: return "the failure is severe"
    case .severeOrExecutive: return "the failure is severe or an executive is involved"
    case .remedyOffered: return "the reply offers a remedy"
    case .carriesInput: return "the message carries feedback or a request"
    case .briefHasFacts: return "the brief states facts or policy"
    case .facingCustomer: return "the reply goes to the customer"
    }
  }
}
