/// The checks that need the whole scenario: references between beats and cast, reachability,
/// endings, and samples that expect what cannot happen.
struct ScenarioLinter {
  let scenario: Scenario
  let rubric: Rubric?

  func problems() -> [Diagnostic] {
    var found: [Diagnostic] = []
    func report(_ line: Int, _ column: Int, _ severity: Diagnostic.Severity, _ message: String, _ code: String) {
      found.append(
        Diagnostic(path: scenario.path, line: line, column: column, severity: severity, message: message, code: code))
    }
    let ids = scenario.beats.map(\.id)
    let castIds = scenario.cast.map(\.id)
    for beat in scenario.beats {
      if beat.id == "end" {
        report(beat.line, 1, .error, "'end' is reserved for ending the conversation; choose another beat id", "E012")
      }
      if let member = scenario.member(beat.from) {
        let expected: CastMember.Role =
          beat.kind == .customer ? .customer : beat.kind == .executive ? .executive : .colleague
        if member.role != expected {
          let article = beat.kind == .executive ? "an" : "a"
          report(
            beat.line, 1, .warning,
            "beat '\(beat.id)' is \(article) \(beat.kind.rawValue) message but comes from \(member.name), \(member.role == .executive ? "an" : "a") \(member.role.rawValue)",
            "W021")
        }
      } else {
        let hint = Suggest.hint(beat.from, in: castIds)
        report(
          beat.line, 1, .error, "beat '\(beat.id)' comes from '\(beat.from)', who is not in the cast\(hint)", "E021")
      }
      for branch in beat.branches where branch.goto != "end" && !ids.contains(branch.goto) {
        let hint = Suggest.hint(branch.goto, in: ids)
        report(
          branch.line, branch.column, .error,
          "branch goes to '\(branch.goto)', which is not a beat of this scenario\(hint)", "E020")
      }
      if let last = beat.branches.last, !last.condition.isAlways, beat.branches.count > 0 {
        // Without a final unconditional branch the conversation falls through to the next beat
        // in the file; that is allowed but usually an oversight.
        report(
          last.line, 1, .warning,
          "beat '\(beat.id)' has no unconditional branch; replies that match no condition go to the next beat in the file",
          "W023")
      }
      if let rubric {
        for branch in beat.branches {
          for (id, verdict) in branch.condition.verdicts {
            if let kind = rubric.principle(id)?.kind, !Self.verdicts(of: kind).contains(verdict) {
              report(
                branch.line, branch.column, .error,
                "branch waits for '\(id)' to be \(verdict.rawValue), but '\(id)' is a \(kind.rawValue), judged \(Self.verdictNames(of: kind)); this branch is never taken",
                "E026")
            }
          }
        }
      }
      for sample in beat.samples {
        if let next = sample.next, next != "end", !ids.contains(next) {
          report(
            sample.nextLine ?? sample.line, sample.nextColumn ?? sample.column, .error,
            "sample expects the conversation to go to '\(next)', which is not a beat\(Suggest.hint(next, in: ids))",
            "E025")
        }
        if let rubric {
          for (id, verdict) in sample.verdicts {
            if let kind = rubric.principle(id)?.kind, !Self.verdicts(of: kind).contains(verdict) {
              report(
                sample.line, sample.column, .error,
                "sample expects '\(id)' to be \(verdict.rawValue), but '\(id)' is a \(kind.rawValue), judged \(Self.verdictNames(of: kind))",
                "E026")
            }
          }
          for (id, verdict) in sample.verdicts where verdict != .notApplicable {
            if let principle = rubric.principle(id), !canApply(principle, to: beat) {
              report(
                sample.line, sample.column, .error,
                "sample expects '\(id)' to be \(verdict.rawValue), but '\(id)' does not apply to this beat (\(principle.applies.map(\.explanation).joined(separator: ", ")))",
                "E027")
            }
          }
        }
      }
      if let rubric {
        for id in beat.expects {
          if let principle = rubric.principle(id), !appliesByItself(principle, to: beat),
            !principle.applies.contains(.remedyOffered)
          {
            report(
              beat.line, 1, .warning,
              "beat '\(beat.id)' expects '\(id)', which would not otherwise apply here; it will be judged anyway",
              "W028")
          }
        }
      }
    }
    found += reachability()
    found += ReactionLinter(scenario: scenario, rubric: rubric).problems()
    return found
  }

  /// The verdicts a principle of this kind can receive: a move is met or missed, a pitfall
  /// avoided or violated, and either may not apply.
  static func verdicts(of kind: PrincipleKind) -> [Verdict] {
    kind == .move ? [.met, .missed, .notApplicable] : [.avoided, .violated, .notApplicable]
  }

  static func verdictNames(of kind: PrincipleKind) -> String {
    let names = verdicts(of: kind).map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
  }

  /// Whether a principle could apply to a beat, ignoring conditions that depend on the reply.
  /// A principle the beat `expects` is judged there whatever its conditions.
  private func canApply(_ principle: Principle, to beat: Beat) -> Bool {
    beat.expects.contains(principle.id) || appliesByItself(principle, to: beat)
  }

  /// Whether a principle's own conditions hold at a beat, as if the beat did not expect it.
  private func appliesByItself(_ principle: Principle, to beat: Beat) -> Bool {
    var context = ScenarioPlayer.context(for: beat, in: scenario)
    context.expected = []
    return principle.applies.allSatisfy { $0 == .remedyOffered || $0.holds(context, remedyOffered: true) }
  }

  /// Beats that can never be reached, and beats from which the conversation can never end.
  private func reachability() -> [Diagnostic] {
    var found: [Diagnostic] = []
    let beats = scenario.beats
    guard !beats.isEmpty else { return [] }
    let index = Dictionary(beats.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    // Successors; -1 is the end.
    func successors(_ i: Int) -> [Int] {
      let beat = beats[i]
      // A branch to a beat that does not exist is reported as E020; counting it as an ending
      // keeps that one mistake from also reading as a loop with no way out.
      var next: [Int] = beat.branches.map { $0.goto == "end" ? -1 : (index[$0.goto] ?? -1) }
      if beat.branches.isEmpty || !(beat.branches.last?.condition.isAlways ?? false) {
        next.append(i + 1 < beats.count ? i + 1 : -1)
      }
      return next
    }
    var reached = Set([0])
    var stack = [0]
    while let i = stack.popLast() {
      for j in successors(i) where j >= 0 && !reached.contains(j) { reached.insert(j); stack.append(j) }
    }
    for (i, beat) in beats.enumerated() where !reached.contains(i) {
      found.append(
        Diagnostic(
          path: scenario.path, line: beat.line, column: 1, severity: .warning,
          message: "beat '\(beat.id)' can never be reached: no branch leads to it", code: "W022"))
    }
    // Which beats can reach the end.
    var canEnd = Set<Int>()
    var changed = true
    while changed {
      changed = false
      for i in beats.indices where !canEnd.contains(i) {
        if successors(i).contains(where: { $0 == -1 || canEnd.contains($0) }) { canEnd.insert(i); changed = true }
      }
    }
    for i in beats.indices where reached.contains(i) && !canEnd.contains(i) {
      found.append(
        Diagnostic(
          path: scenario.path, line: beats[i].line, column: 1,
          message:
            "the conversation can never end from beat '\(beats[i].id)': every path loops back without reaching 'end'",
          code: "E023"))
    }
    return found
  }
}
