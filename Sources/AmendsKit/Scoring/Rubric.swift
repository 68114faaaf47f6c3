import Foundation
import Yams

/// The whole rubric: every principle of `PRINCIPLES.md`, the scoring constants and the articles
/// they cite. Loaded once from `Scoring/`; patterns are compiled at load.
public struct Rubric: Sendable {
  public let version: String
  public let principles: [Principle]
  public let penaltyPerWeight: Double
  /// Lowest score of each band above `poor`.
  public let bandFloors: [Band: Int]
  /// Article file stem ("003") to title.
  public let articles: [String: String]
  /// Mood steps per band, for the scenario player.
  public let moodSteps: [Band: Int]
  /// The trained layer `rubric.yaml` names (`trained-layer:`); nil for a rubric without one.
  public let model: LearnedModel?
  /// A pitfall of this weight or more keeps a reply out of the excellent band.
  public let seriousPitfallWeight: Int
  /// The highest band of a reply that greets the customer only after its content (nil: no cap).
  public var oddOrderBand: Band? = nil

  /// The 19 principle ids, in the order of `PRINCIPLES.md`.
  public static let principleIds = [
    "apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel",
    "act-on-input", "over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin",
    "whining", "overpromise", "off-message", "hard-sell", "flippancy",
  ]

  /// Each id's kind as PRINCIPLES.md gives it: the first eight are moves, the rest pitfalls.
  public static let principleKinds: [String: PrincipleKind] = Dictionary(
    uniqueKeysWithValues: principleIds.enumerated().map { ($0.element, $0.offset < 8 ? PrincipleKind.move : .pitfall) })

  public func principle(_ id: String) -> Principle? { principles.first { $0.id == id } }

  /// The same rubric without its trained layer: the phrase rubric alone, which the trained
  /// layer is trained on top of.
  public func withoutTrainedLayer() -> Rubric {
    Rubric(
      version: version, principles: principles, penaltyPerWeight: penaltyPerWeight, bandFloors: bandFloors,
      articles: articles,
      moodSteps: moodSteps, model: nil, seriousPitfallWeight: seriousPitfallWeight, oddOrderBand: oddOrderBand)
  }

  public func band(for score: Int) -> Band {
    if score >= bandFloors[.excellent, default: 85] { return .excellent }
    if score >= bandFloors[.good, default: 65] { return .good }
    if score >= bandFloors[.fair, default: 40] { return .fair }
    return .poor
  }

  public func articleTitle(_ stem: String) -> String { articles[stem] ?? stem }

  /// Loads `rubric.yaml` and one YAML file per principle from `directory`. Every problem in
  /// every file is collected; any error throws them all.
  public static func load(from directory: URL) throws -> Rubric {
    let loader = RubricLoader(directory: directory)
    return try loader.load()
  }
}
