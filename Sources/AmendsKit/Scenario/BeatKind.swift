/// Who the trainee is answering.
public enum BeatKind: String, Sendable, Codable, CaseIterable {
  case customer
  case colleagueDraft = "colleague-draft"
  case executive

  public var label: String {
    switch self {
    case .customer: return "customer"
    case .colleagueDraft: return "colleague's draft"
    case .executive: return "executive"
    }
  }
}
