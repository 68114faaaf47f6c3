/// The scenario brief: role, company, facts and policy, what may be offered.
public struct BriefView {
  public let painter: Painter
  public init(painter: Painter) { self.painter = painter }

  public func render(_ scenario: Scenario) -> String {
    let brief = scenario.brief
    var lines = [painter.paint("Brief: \(painter.safe(scenario.title))", .bold)]
    lines.append(painter.reflow(painter.safe(brief.role), indent: "  "))
    if !brief.company.isEmpty { lines.append(painter.reflow(painter.safe(brief.company), indent: "  ")) }
    if !brief.situation.isEmpty { lines.append(painter.reflow(painter.safe(brief.situation), indent: "  ")) }
    lines.append("  Severity: \(scenario.severity.rawValue)")
    if !brief.facts.isEmpty {
      lines.append(painter.paint("  Facts:", .bold))
      lines += brief.facts.map { painter.wrap("- " + painter.safe($0.text), indent: "    ") }
    }
    if !brief.policy.isEmpty {
      lines.append(painter.paint("  Policy:", .bold))
      lines += brief.policy.map { painter.wrap("- " + painter.safe($0.text), indent: "    ") }
    }
    if !brief.mayOffer.isEmpty {
      lines.append(painter.paint("  You may offer:", .bold))
      lines += brief.mayOffer.map { painter.wrap("- " + painter.safe($0), indent: "    ") }
    }
    if !scenario.cast.isEmpty {
      lines.append(painter.paint("  People:", .bold))
      lines += scenario.cast.map {
        "    \(painter.safe($0.name)) (\($0.role.rawValue))"
          + ($0.description.isEmpty ? "" : ": \(painter.safe($0.description))")
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// The principles, grouped into moves and pitfalls, generated from the rubric's own data.
public struct PrinciplesView {
  public let painter: Painter
  public let rubric: Rubric
  public init(painter: Painter, rubric: Rubric) {
    self.painter = painter
    self.rubric = rubric
  }

  public func render() -> String {
    var lines: [String] = []
    for kind in PrincipleKind.allCases {
      lines.append(
        painter.paint(kind == .move ? "Moves (a good reply does these)" : "Pitfalls (a good reply avoids these)", .bold)
      )
      for p in rubric.principles where p.kind == kind {
        lines.append("  \(painter.paint(p.id.padding(toLength: 17, withPad: " ", startingAt: 0), .cyan)) \(p.title)")
        let when = p.applies.map(\.explanation).joined(separator: "; ")
        lines.append(painter.paint("  \(String(repeating: " ", count: 17)) applies when: \(when)", .dim))
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// The end-of-scenario summary: overall score and each principle's record over the attempt.
public struct AttemptSummaryView {
  public let painter: Painter
  public let rubric: Rubric
  public init(painter: Painter, rubric: Rubric) {
    self.painter = painter
    self.rubric = rubric
  }

  public func render(_ record: AttemptRecord, score: Int) -> String {
    let band = rubric.band(for: score)
    let turns = record.effectiveTurns
    let scored = turns.filter { $0.event == .turnScored }
    var lines = [
      painter.paint("Overall \(score)/100 (\(band.rawValue))", .bold)
        + " over \(scored.count) repl\(scored.count == 1 ? "y" : "ies")"
        + (turns.count > scored.count ? ", \(turns.count - scored.count) skipped" : "")
    ]
    for principle in rubric.principles {
      let verdicts = scored.compactMap { $0.verdicts?[principle.id] }.filter { $0 != .notApplicable }
      guard !verdicts.isEmpty else { continue }
      let good = verdicts.filter(\.isGood).count
      let marks = verdicts.map { $0.isGood ? painter.paint("✓", .green) : painter.paint("✗", .red) }.joined()
      lines.append(
        "  \(principle.id.padding(toLength: 17, withPad: " ", startingAt: 0)) \(good)/\(verdicts.count) \(marks)")
    }
    // What the trainee actually wrote, so the debrief's examples are read against it.
    if !scored.isEmpty {
      lines.append(painter.paint("Your replies", .bold))
      for turn in scored {
        let reply = painter.safe(turn.reply ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        let excerpt = reply.count > 90 ? String(reply.prefix(88)) + "…" : reply
        lines.append(painter.wrap("\(turn.beat ?? "?") (\(turn.score ?? 0)): “\(excerpt)”", width: 96, indent: "  "))
      }
    }
    return lines.joined(separator: "\n")
  }
}
