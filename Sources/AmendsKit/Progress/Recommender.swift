import Foundation

/// Picks the scenario that trains the trainee's weakest principle, favouring what they have not
/// practised lately.
public struct Recommender {
  public let library: ScenarioLibrary
  public let summary: Summary

  public init(library: ScenarioLibrary, summary: Summary) {
    self.library = library
    self.summary = summary
  }

  public struct Recommendation {
    public var scenario: Scenario
    public var principle: String?
    public var reason: String
  }

  /// Principles ordered from weakest: never practised first, then lowest mastery.
  public func weakestPrinciples() -> [String] {
    Rubric.principleIds.sorted { a, b in
      let ma = summary.principles[a]?.mastery ?? -1, mb = summary.principles[b]?.mastery ?? -1
      return ma == mb
        ? (Rubric.principleIds.firstIndex(of: a) ?? 0) < (Rubric.principleIds.firstIndex(of: b) ?? 0) : ma < mb
    }
  }

  public func recommend() -> Recommendation? {
    guard !library.scenarios.isEmpty else { return nil }
    if summary.scenarios.isEmpty {
      guard let first = library.scenarios.min(by: { ($0.difficulty, $0.id) < ($1.difficulty, $1.id) }) else {
        return nil
      }
      return Recommendation(
        scenario: first, principle: nil, reason: "a good first scenario (\(first.difficulty.rawValue))")
    }
    let weakest = weakestPrinciples()
    for principle in weakest.prefix(6) {
      let candidates = library.scenarios.filter { $0.trains.contains(principle) }
      guard !candidates.isEmpty else { continue }
      guard let best = candidates.min(by: { rank($0) < rank($1) }) else { continue }
      let mastery = summary.principles[principle]?.mastery
      let why =
        mastery.map {
          String(format: "your weakest principle is %@ (%.0f%% of recent replies got it right)", principle, $0 * 100)
        } ?? "you have not practised \(principle) yet"
      return Recommendation(scenario: best, principle: principle, reason: why)
    }
    guard let least = library.scenarios.min(by: { rank($0) < rank($1) }) else { return nil }
    return Recommendation(scenario: least, principle: nil, reason: "the scenario you have practised least")
  }

  /// The hardest level a trainee should be offered: one step above the hardest scenario they
  /// have completed, so a newcomer meets beginner and intermediate scenarios before advanced.
  var reachableDifficulty: Difficulty {
    let completed = library.scenarios.filter { (summary.scenarios[$0.id]?.completed ?? 0) > 0 }.map(\.difficulty)
    let levels = Difficulty.allCases
    let top = completed.max().flatMap { levels.firstIndex(of: $0) } ?? -1
    return levels[min(top + 1, levels.count - 1)]
  }

  /// Lower is better: within reach first, then never played, then played longest ago, then
  /// lower best score, then easier.
  private func rank(_ s: Scenario) -> (Int, Int, String, Int, Difficulty, String) {
    let outOfReach = s.difficulty > reachableDifficulty ? 1 : 0
    guard let p = summary.scenarios[s.id] else { return (outOfReach, 0, "", 0, s.difficulty, s.id) }
    return (outOfReach, 1, p.lastPlayed ?? "", p.best ?? 0, s.difficulty, s.id)
  }
}
