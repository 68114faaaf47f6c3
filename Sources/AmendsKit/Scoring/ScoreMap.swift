import Foundation

/// From verdicts to the 0–100 score: the share of the applicable moves' weight the reply earned,
/// less each pitfall's weight times a penalty. Moves earn, pitfalls cost, and a serious pitfall
/// (`serious-pitfall-weight` in rubric.yaml) keeps a reply out of the excellent band.
///
/// With a trained layer, its `score` line reshapes this, three numbers fitted on the dev split to
/// the labelled quality: the penalty per weight; a near-missed move earns a little, its weight
/// times the trained layer's probability times the near-miss credit; a pitfall costs more the
/// surer the layer is; and below the knee the score falls softly instead of stopping at a wall
/// of 0, so a rude reply and a merely curt one do not tie. Without one, the rubric's
/// `penalty-per-weight` applies and the score is clamped at 0.
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
    for input in inputs where input.verdict != .notApplicable {
      let weight = Double(input.principle.weight)
      let p = input.probability
      switch input.verdict {
      case .met, .missed:
        possible += weight
        if input.verdict == .met { earned += weight } else if let shape, let p { earned += weight * shape.nearMiss * p }
      case .violated:
        let strength = shape != nil ? 0.5 + 0.5 * (p ?? 1) : 1
        let cost = weight * perWeight * strength
        penalty += cost
        points[input.principle.id] = -cost
      default: break
      }
    }
    for input in inputs where input.principle.kind == .move && input.verdict == .met && possible > 0 {
      points[input.principle.id] = 100 * Double(input.principle.weight) / possible
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
}
