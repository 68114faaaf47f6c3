/// Checks that a scenario reacts to what the trainee actually wrote: a poor or fair reply is
/// never met with gratitude (W030), a message that takes an offer for granted is reached only
/// when the reply made it (W031), and every customer message carries a poor sample that shows
/// where a weak reply goes (W032), so `amends test` proves the reacting branch.
struct ReactionLinter {
  let scenario: Scenario
  /// Lowest score of each band above poor, from the rubric (the bundled floors otherwise).
  let floors: [Band: Int]

  init(scenario: Scenario, rubric: Rubric?) {
    self.scenario = scenario
    floors = rubric?.bandFloors ?? [.excellent: 92, .good: 65, .fair: 40]
  }

  func problems() -> [Diagnostic] {
    var found: [Diagnostic] = []
    func warn(_ line: Int, _ column: Int, _ message: String, _ code: String) {
      found.append(
        Diagnostic(path: scenario.path, line: line, column: column, severity: .warning, message: message, code: code))
    }
    let beats = scenario.beats
    for (i, beat) in beats.enumerated() {
      // W030: where can a poor or fair reply to this beat go?
      var weak: Set<Band> = [.poor, .fair]
      for branch in beat.branches {
        let admitted = weak.intersection(bands(admittedBy: branch.condition))
        if !admitted.isEmpty, let target = scenario.beat(branch.goto), let tone = target.tone, tone.rewards {
          let which = admitted.sorted().map(\.rawValue).joined(separator: " or ")
          warn(
            branch.line, branch.column,
            "a \(which) reply to '\(beat.id)' can reach '\(target.id)', whose message is \(tone.rawValue): a weak reply must meet a reaction, not thanks (add a branch for \(which) replies before this one)",
            "W030")
        }
        if branch.condition.verdicts.isEmpty && branch.condition.moods == nil { weak.subtract(admitted) }
      }
      let fallsThrough = !(beat.branches.last?.condition.isAlways ?? false)
      if fallsThrough, !weak.isEmpty, i + 1 < beats.count, let tone = beats[i + 1].tone, tone.rewards {
        warn(
          beat.line, 1,
          "a weak reply to '\(beat.id)' falls through to '\(beats[i + 1].id)', whose message is \(tone.rawValue)",
          "W030")
      }

      // W031: every way into a beat must guarantee what its message assumes.
      for target in beats where !target.assumes.isEmpty {
        for branch in beat.branches where branch.goto == target.id {
          let missing = target.assumes.filter { !guarantees(branch.condition, $0) }
          if !missing.isEmpty {
            warn(
              branch.line, branch.column,
              "'\(target.id)' assumes \(missing.joined(separator: ", ")), but this branch from '\(beat.id)' does not require it (add \(missing.map { requirement($0) }.joined(separator: ", ")) to its when)",
              "W031")
          }
        }
      }
      if fallsThrough, i + 1 < beats.count, !beats[i + 1].assumes.isEmpty {
        warn(
          beat.line, 1,
          "a reply to '\(beat.id)' can fall through to '\(beats[i + 1].id)', which assumes \(beats[i + 1].assumes.joined(separator: ", ")); no condition guarantees it",
          "W031")
      }

      // W032: a customer message needs a poor sample with its next beat.
      if beat.kind == .customer
        && !beat.samples.contains(where: { ($0.bands?.contains(.poor) ?? false) && $0.next != nil })
      {
        warn(
          beat.line, 1,
          "customer beat '\(beat.id)' has no poor sample with a 'next': add one, so `amends test` proves where a weak reply goes",
          "W032")
      }
    }
    if let first = beats.first, !first.assumes.isEmpty {
      warn(
        first.assumesLine ?? first.line, 1,
        "the opening beat '\(first.id)' assumes \(first.assumes.joined(separator: ", ")), but no reply comes before it",
        "W031")
    }
    return found
  }

  /// The bands a branch condition lets through, from its `band` and score bounds.
  func bands(admittedBy condition: BranchCondition) -> Set<Band> {
    var admitted = Set(condition.bands ?? Band.allCases)
    let low = condition.scoreAtLeast ?? 0
    let high = (condition.scoreBelow ?? 101) - 1
    for band in Band.allCases {
      let (lo, hi) = range(of: band)
      if hi < low || lo > high { admitted.remove(band) }
    }
    return admitted
  }

  /// Lowest and highest score of a band.
  func range(of band: Band) -> (Int, Int) {
    let fair = floors[.fair] ?? 40, good = floors[.good] ?? 65, excellent = floors[.excellent] ?? 92
    switch band {
    case .poor: return (0, fair - 1)
    case .fair: return (fair, good - 1)
    case .good: return (good, excellent - 1)
    case .excellent: return (excellent, 100)
    }
  }

  /// Whether a condition guarantees a principle: `met` for a move, `violated` for a pitfall.
  func guarantees(_ condition: BranchCondition, _ principle: String) -> Bool {
    let wanted: Verdict = Rubric.principleKinds[principle] == .pitfall ? .violated : .met
    return condition.verdicts.contains { $0.id == principle && $0.verdict == wanted }
  }

  func requirement(_ principle: String) -> String {
    Rubric.principleKinds[principle] == .pitfall ? "violated: \(principle)" : "met: \(principle)"
  }
}
