/// Plays a scenario's sample replies through the real scorer and player, as `amends test` does,
/// and reports each sample's pass or failure with what differed.
public struct SampleRunner {
  public let scorer: Scorer

  public init(scorer: Scorer) { self.scorer = scorer }

  public struct Result: Sendable {
    public var scenario: String
    public var path: String
    public var beat: String
    public var index: Int
    public var line: Int
    public var label: String?
    /// Expected and actual, one line each, for every expectation that failed.
    public var mismatches: [(expected: String, actual: String)]
    public var passed: Bool { mismatches.isEmpty }
  }

  /// Every sample of every beat. Each sample is played from the state the conversation has when
  /// it first reaches that beat by the route of the beats' first samples, so memory (earlier
  /// apologies, commitments) is realistic.
  public func run(_ scenario: Scenario) -> [Result] {
    let player = ScenarioPlayer(scenario: scenario, scorer: scorer)
    let states = statesAtEachBeat(player)
    var results: [Result] = []
    for beat in scenario.beats {
      var state = states[beat.id] ?? ConversationState(beat: beat.id, mood: scenario.mood, memory: ConversationMemory())
      state.beat = beat.id
      for (i, sample) in beat.samples.enumerated() {
        guard let outcome = player.respond(to: state, with: sample.reply) else { continue }
        var mismatches: [(String, String)] = []
        if let bands = sample.bands, !bands.contains(outcome.band) {
          mismatches.append(("band \(bands.map(\.rawValue).joined(separator: " or "))", "band \(outcome.band.rawValue) (score \(outcome.score))"))
        }
        for (id, verdict) in sample.verdicts {
          let actual = outcome.assessment.verdict(id)
          if actual != verdict {
            let evidence = outcome.assessment.result(id)?.evidence.map { "“\($0.text)”" }.joined(separator: ", ") ?? ""
            mismatches.append(("\(id): \(verdict.rawValue)", "\(id): \(actual.rawValue)" + (evidence.isEmpty ? "" : " from \(evidence)")))
          }
        }
        if let next = sample.next {
          let actual = outcome.after.beat ?? "end"
          if actual != next { mismatches.append(("next: \(next)", "next: \(actual)")) }
        }
        results.append(Result(scenario: scenario.id, path: scenario.path, beat: beat.id, index: i + 1, line: sample.line, label: sample.label, mismatches: mismatches))
      }
    }
    return results
  }

  private func statesAtEachBeat(_ player: ScenarioPlayer) -> [String: ConversationState] {
    var states: [String: ConversationState] = [:]
    var state = player.start()
    var steps = 0
    while let beatId = state.beat, states[beatId] == nil, steps < 100 {
      states[beatId] = state
      steps += 1
      guard let beat = player.scenario.beat(beatId) else { break }
      if let sample = beat.samples.first(where: \.isStrong) ?? beat.samples.first, let outcome = player.respond(to: state, with: sample.reply) {
        state = outcome.after
      } else {
        state = player.skip(state)
      }
    }
    return states
  }
}
