import Foundation

/// The sets replies are measured on. `dev` may be read and tuned on; `test` is sealed (scored
/// only in aggregate, never listed); `real` holds companies' published responses, judged by the
/// pages that quoted them, and is never tuned on either; `real-dev` holds other published
/// responses, gathered the same way, that may be read and tuned on (how long public statements
/// score), so that `real` can stay sealed.
public enum CorpusSet: String, Sendable, CaseIterable, Codable {
  case dev, test, real
  case realDev = "real-dev"

  /// Whether a tool may show this set's items one by one (its replies, its errors).
  public var mayBeListed: Bool { self == .dev || self == .realDev }

  /// Published responses judged by a page (`judgment`), not written replies with labels.
  public var isPublished: Bool { self == .real || self == .realDev }
}

/// A published page's verdict on a real response.
public enum Judgment: String, Sendable, CaseIterable, Codable {
  case good, mixed, bad

  /// good 3, mixed 2, bad 1: an order to correlate scores with.
  public var rank: Int {
    switch self {
    case .good: return 3
    case .mixed: return 2
    case .bad: return 1
    }
  }
}

/// One whole reply of the corpus and what people judged of it.
public struct CorpusItem: Sendable {
  public var id: String
  public var set: CorpusSet
  /// The situation in a sentence.
  public var situation: String
  /// What the reply is judged against: severity, who is answered, the brief's facts.
  public var context: ScoringContext
  /// Earlier replies of the same conversation (over-apology and commitments count across them).
  public var earlier: [String]
  public var reply: String
  /// The form of the text (email, SMS, public review reply …); free text.
  public var register: String?
  /// Overall quality, 1 (harmful) to 5 (a model reply), for dev and test items.
  public var quality: Int?
  /// A verdict for every principle the labellers judged (not-applicable included).
  public var verdicts: [String: Verdict]
  /// For real items: the page's verdict, its words, and where the response was published.
  public var judgment: Judgment?
  public var source: String?
  public var path: String
  public var line: Int

  /// The band a 1–5 quality stands for: 5 excellent, 4 good, 3 fair, 1–2 poor.
  public var expectedBand: Band? {
    guard let quality else { return nil }
    switch quality {
    case 5: return .excellent
    case 4: return .good
    case 3: return .fair
    default: return .poor
    }
  }
}
