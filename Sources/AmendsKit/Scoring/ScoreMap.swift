import Foundation

/// From verdicts to the 0–100 score: the share of the applicable moves' weight the reply earned,
/// less each pitfall's weight times a penalty. Moves earn, pitfalls cost, and a serious pitfall
/// (`serious-pitfall-weight` in rubric.yaml) keeps a reply out of the excellent band.
///
/// With a trained layer, its `score` line reshapes this, three numbers fitted on the dev split to
/// the labelled quality: the penalty per weight; a near-missed move earns a little, its weight
/// times the trained layer's probability times the near-miss credit; and below the knee the
/// score falls softly instead of stopping at a wall of 0, so a rude reply and a merely curt one
/// do not tie. A pitfall then costs more the surer the layer is, and a met move earns more, from
/// half its weight to all of it, so replies that meet the same moves do not tie at 100. Without
/// a layer, the rubric's `penalty-per-weight` applies, every met move earns its whole weight and
/// the score is clamped at 0.
struct ScoreMap {
  let rubric: Rubric

  struct Input {
    let principle: Principle
    let verdict: Verdict
    /// The trained layer's probability for the principle's positive verdict; nil without one.
    let probability: Double?
  }

  /// The score, and the points each principle moved it (positive for moves met, negative for
  /// pitfalls made), for the breakdown the trainee sees.
  /// `greetsAfterContent`: the reply opened with the process and greeted the person afterwards
  /// (`odd-order-band` in rubric.yaml caps it).
  func score(_ inputs: [Input], greetsAfterContent: Bool = false) -> (score: Int, points: [String: Double]) {
    let shape = rubric.model?.scoreShape
    let perWeight = shape?.penaltyPerWeight ?? rubric.penaltyPerWeight
    var points: [String: Double] = [:]
    var possible = 0.0, earned = 0.0, penalty = 0.0
    var credit: [String: Double] = [:]
    for input in inputs where input.verdict != .notApplicable {
      let weight = Double(input.principle.weight)
      let p = input.probability
      switch input.verdict {
      case .met:
        possible += weight
        let share = shape != nil ? ScoreMap.certainty(p) : 1
        credit[input.principle.id] = weight * share
        earned += weight * share
      case .missed:
        possible += weight
        if let shape, let p { earned += weight * shape.nearMiss * p }
      case .violated:
        let strength = shape != nil ? ScoreMap.certainty(p) : 1
        let cost = weight * perWeight * strength
        penalty += cost
        points[input.principle.id] = -cost
      default: break
      }
    }
    for (id, earnedByMove) in credit where possible > 0 {
      points[id] = 100 * earnedByMove / possible
    }
    let raw = (possible > 0 ? 100 * earned / possible : 100) - penalty
    var value = raw
    if let knee = shape?.knee, knee > 0, raw < knee { value = knee * exp((raw - knee) / knee) }
    var score = Int(value.rounded()).clamped(to: 0...100)
    if inputs.contains(where: { $0.verdict == .violated && $0.principle.weight >= rubric.seriousPitfallWeight }) {
      score = min(score, (rubric.bandFloors[.excellent] ?? 92) - 1)
    }
    if greetsAfterContent, let band = rubric.oddOrderBand, let next = Band.allCases.first(where: { $0 > band }),
      let ceiling = rubric.bandFloors[next]
    {
      score = min(score, ceiling - 1)
    }
    return (score, points)
  }

  /// How much of its weight a verdict moves the score by, from the trained layer's probability
  /// that it holds: half for a verdict the layer doubts, all of it for one the layer is sure of.
  /// Met moves and violated pitfalls alike (on dev, a met move earning its whole weight
  /// regardless tied 22% of replies at 100; cross-validated Spearman 0.843 -> 0.851).
  static func certainty(_ probability: Double?) -> Double {
    0.5 + 0.5 * (probability ?? 1)
  }
}
