/// Plays a scenario's sample replies through the real scorer and player, as `amends test` does,
/// and reports each sample's pass or failure with what differed.
public struct SampleRunner {
  public let scorer: Scorer
  /// Whether a failing sample also says why the verdicts it expected were not given
  /// (`amends test --explain`).
  public var explain = false

  public init(scorer: Scorer, explain: Bool = false) {
    self.scorer = scorer
    self.explain = explain
  }

  public struct Result: Sendable {
    public var scenario: String
    public var path: String
    public var beat: String
    public var index: Int
    public var line: Int
    public var column: Int
    public var label: String?
    public var reply: String
    /// Every expectation of the sample: band, each verdict (in the rubric's order), next beat.
    public var expectations: [Expectation]
    /// For a failing sample run with `explain`: why each move or pitfall it expected was not found.
    public var explanations: [Explanation] = []
    /// Expected and actual, one line each, for every expectation that failed.
    public var mismatches: [(expected: String, actual: String)] {
      expectations.filter { !$0.holds }.map { ($0.expected, $0.actual) }
    }
    public var passed: Bool { expectations.allSatisfy(\.holds) }

    /// `path:line:column: scenario › beat › sample N (label)`
    public var name: String {
      "\(path):\(line):\(column): \(scenario) › \(beat) › sample \(index)" + (label.map { " (\($0))" } ?? "")
    }

    /// A unified diff of expected against actual: `-` lines are what the sample expects, `+`
    /// lines what happened, and two-space lines expectations that held.
    public var diff: [DiffLine] {
      var lines: [DiffLine] = [.header("--- expected"), .header("+++ actual")]
      for e in expectations {
        if e.holds {
          lines.append(.same(e.actual))
        } else {
          lines.append(.expected(e.expected))
          lines.append(.actual(e.actual))
        }
      }
      return lines
    }
  }

  /// One expectation of a sample and what the player did.
  public struct Expectation: Sendable {
    public var expected: String
    public var actual: String
    public var holds: Bool
  }

  public enum DiffLine: Sendable, Equatable, CustomStringConvertible {
    case header(String), same(String), expected(String), actual(String)

    public var description: String {
      switch self {
      case .header(let text): return text
      case .same(let text): return "  " + text
      case .expected(let text): return "- " + text
      case .actual(let text): return "+ " + text
      }
    }
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
        var result = Result(
          scenario: scenario.id, path: scenario.path, beat: beat.id, index: i + 1, line: sample.line,
          column: sample.column,
          label: sample.label, reply: sample.reply, expectations: expectations(of: sample, at: beat, against: outcome))
        if explain && !result.passed {
          let wanted = Set(sample.verdicts.filter { $0.verdict == .met || $0.verdict == .violated }.map(\.id))
          let context = ScenarioPlayer.context(for: beat, in: scenario)
          result.explanations = Explainer.explain(sample.reply, context: context, memory: state.memory, scorer: scorer)
            .filter { wanted.contains($0.principle) }
        }
        results.append(result)
      }
    }
    return results
  }

  private func expectations(of sample: SampleReply, at beat: Beat, against outcome: TurnOutcome) -> [Expectation] {
    var list: [Expectation] = []
    if let bands = sample.bands {
      list.append(
        Expectation(
          expected: "band: \(bands.map(\.rawValue).joined(separator: " or "))",
          actual: "band: \(outcome.band.rawValue) (score \(outcome.score))", holds: bands.contains(outcome.band)))
    }
    for (id, verdict) in sample.verdicts {
      let actual = outcome.assessment.verdict(id)
      let evidence = outcome.assessment.result(id)?.evidence.map { "“\($0.text)”" }.joined(separator: ", ") ?? ""
      list.append(
        Expectation(
          expected: "\(id): \(verdict.rawValue)",
          actual: "\(id): \(actual.rawValue)" + (evidence.isEmpty ? "" : " from \(evidence)"),
          holds: actual == verdict))
    }
    if let next = sample.next {
      let actual = outcome.after.beat ?? "end"
      list.append(
        Expectation(
          expected: "next: \(next)", actual: "next: \(actual) (\(route(from: beat, outcome: outcome)))",
          holds: actual == next))
    }
    return list
  }

  /// A reply on one line, cut to `limit` characters, to say which sample failed.
  public static func excerpt(_ reply: String, limit: Int = 100) -> String {
    let oneLine = reply.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
  }

  /// Which branch sent the conversation on, in the author's words.
  private func route(from beat: Beat, outcome: TurnOutcome) -> String {
    let taken = beat.branches.firstIndex {
      $0.condition.holds(
        score: outcome.score, band: outcome.band, mood: outcome.after.mood, verdict: outcome.assessment.verdict)
    }
    guard let taken else { return "no branch matched: the next beat in the file" }
    let branch = beat.branches[taken]
    return "branch \(taken + 1), line \(branch.line): "
      + (branch.condition.isAlways ? "always" : "when \(branch.condition.summary)")
  }

  private func statesAtEachBeat(_ player: ScenarioPlayer) -> [String: ConversationState] {
    var states: [String: ConversationState] = [:]
    var state = player.start()
    var steps = 0
    while let beatId = state.beat, states[beatId] == nil, steps < 100 {
      states[beatId] = state
      steps += 1
      guard let beat = player.scenario.beat(beatId) else { break }
      if let sample = beat.samples.first(where: \.isStrong) ?? beat.samples.first,
        let outcome = player.respond(to: state, with: sample.reply)
      {
        state = outcome.after
      } else {
        state = player.skip(state)
      }
    }
    return states
  }
}
