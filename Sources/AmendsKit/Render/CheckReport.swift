import Foundation

/// The `amends check --format json` contract of DESIGN.md: every principle id once, in rubric
/// order, with its verdict, evidence (UTF-8 byte offsets) and feedback.
public enum CheckReport {
  /// One line of JSON, keys in the order DESIGN.md documents them, so that diffs of saved
  /// reports and people reading them see `id` and `verdict` first.
  /// With `explanations` (`check --explain`), an `explanations` array follows `principles`, so
  /// the output stays one JSON document.
  public static func json(_ assessment: Assessment, explanations: [Explanation]? = nil) -> String {
    let json = JSONWriter()
    json.object {
      json.field("score") { json.number(assessment.score) }
      json.field("principles") {
        json.array(assessment.results) { result in
          json.object {
            json.field("id") { json.string(result.id) }
            json.field("verdict") { json.string(result.verdict.rawValue) }
            json.field("evidence") {
              json.array(result.evidence) { evidence in
                json.object {
                  json.field("text") { json.string(evidence.text) }
                  json.field("start") { json.number(evidence.start) }
                  json.field("end") { json.number(evidence.end) }
                }
              }
            }
            json.field("feedback") { json.string(result.feedback.trimmingCharacters(in: .whitespacesAndNewlines)) }
          }
        }
      }
      if let explanations {
        json.field("explanations") { json.array(explanations) { write($0, to: json) } }
      }
    }
    return json.text
  }

  /// One explanation: `principle`, `verdict`, and only the parts it has (`near`, `overruled`,
  /// `learned`).
  private static func write(_ explanation: Explanation, to json: JSONWriter) {
    json.object {
      json.field("principle") { json.string(explanation.principle) }
      json.field("verdict") { json.string(explanation.verdict.rawValue) }
      if let near = explanation.near {
        json.field("near") {
          json.object {
            json.field("pattern") { json.string(near.pattern) }
            json.field("sentence") { json.string(near.sentence) }
            json.field("found") { json.array(near.found) { json.string($0) } }
            json.field("missing") { json.array(near.missing) { json.string($0) } }
          }
        }
      }
      if let overruled = explanation.overruled {
        json.field("overruled") {
          json.object {
            json.field("pattern") { json.string(overruled.pattern) }
            json.field("text") { json.string(overruled.text) }
          }
        }
      }
      if let learned = explanation.learned {
        json.field("learned") {
          json.object {
            json.field("probability") { json.number(learned.probability) }
            json.field("needed") { json.number(learned.needed) }
            json.field("features") {
              json.array(learned.features) { feature in
                json.object {
                  json.field("text") { json.string(feature.text) }
                  json.field("weight") { json.number(feature.weight) }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// `amends list`: a table for people, JSON for scripts.
public enum ScenarioListing {
  struct Entry: Encodable {
    let id: String
    let title: String
    let difficulty: String
    let severity: String
    let tags: [String]
    let best: Int?
  }

  public static func json(_ scenarios: [Scenario], summary: Summary?) -> String {
    let entries = scenarios.map {
      Entry(
        id: $0.id, title: $0.title, difficulty: $0.difficulty.rawValue, severity: $0.severity.rawValue, tags: $0.tags,
        best: summary?.scenarios[$0.id]?.best)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
  }

  public static func table(_ scenarios: [Scenario], summary: Summary?, painter: Painter) -> String {
    if scenarios.isEmpty { return "No scenarios match." }
    // Columns as wide as their longest entry and two spaces apart: no id runs into its level.
    let idWidth = max(2, scenarios.map { TextWidth.columns($0.id) }.max() ?? 0) + 2
    let levelWidth = (Difficulty.allCases.map(\.rawValue.count).max() ?? 0) + 2
    let severityWidth = (Severity.allCases.map(\.rawValue.count).max() ?? 0) + 2
    let bestWidth = 6
    let titleColumn = idWidth + levelWidth + severityWidth + bestWidth
    if let columns = painter.columns(), columns < titleColumn + 20 {
      return stacked(scenarios, summary: summary, painter: painter)
    }
    let titleWidth = painter.columns().map { $0 - titleColumn } ?? Int.max
    let margin = String(repeating: " ", count: titleColumn)
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - TextWidth.columns(text)))
    }
    var lines = [
      painter.paint(
        pad("ID", idWidth) + pad("LEVEL", levelWidth) + pad("SEVERITY", severityWidth) + pad("BEST", bestWidth)
          + "TITLE", .bold)
    ]
    for s in scenarios {
      let best = summary?.scenarios[s.id]?.best.map(String.init) ?? "-"
      let title = LineWrapper(width: titleWidth).wrap(painter.safe(s.title)).split(separator: "\n").joined(
        separator: "\n" + margin)
      lines.append(
        pad(s.id, idWidth) + pad(s.difficulty.rawValue, levelWidth) + pad(s.severity.rawValue, severityWidth)
          + pad(best, bestWidth) + title)
      if !s.tags.isEmpty {
        lines.append(painter.paint(painter.wrap(s.tags.joined(separator: ", "), width: Int.max, indent: "  "), .dim))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// For a terminal too narrow for columns: one scenario a paragraph.
  static func stacked(_ scenarios: [Scenario], summary: Summary?, painter: Painter) -> String {
    scenarios.map { s in
      let best = summary?.scenarios[s.id]?.best.map { "best \($0)" } ?? "not finished"
      return painter.paint(s.id, .bold) + "\n"
        + painter.wrap("\(s.difficulty.rawValue), \(s.severity.rawValue), \(best)", width: Int.max, indent: "  ")
        + "\n" + painter.wrap(painter.safe(s.title), width: Int.max, indent: "  ")
        + (s.tags.isEmpty
          ? "" : "\n" + painter.paint(painter.wrap(s.tags.joined(separator: ", "), width: Int.max, indent: "  "), .dim))
    }.joined(separator: "\n")
  }

}

/// The library's counts, to check coverage: principles trained, arrival kinds, difficulty,
/// severity, branching, multi-person casts and feedback conversations.
public struct LibraryStats {
  public let scenarios: [Scenario]
  public init(scenarios: [Scenario]) { self.scenarios = scenarios }

  public var trainedBy: [String: Int] {
    var counts: [String: Int] = [:]
    for s in scenarios { for id in Set(s.trains) { counts[id, default: 0] += 1 } }
    return counts
  }

  public var kinds: [BeatKind: Int] {
    var counts: [BeatKind: Int] = [:]
    for s in scenarios { for k in Set(s.beats.map(\.kind)) { counts[k, default: 0] += 1 } }
    return counts
  }

  public var branching: Int {
    scenarios.filter { s in s.beats.contains { b in b.branches.contains { !$0.condition.isAlways } } }.count
  }

  public var multiPerson: Int {
    scenarios.filter { s in s.cast.filter { $0.role != .customer }.count >= 2 }.count
  }

  public var feedbackConversations: Int { scenarios.filter { s in s.beats.contains(where: \.carriesInput) }.count }

  public func render() -> String {
    var lines = ["\(scenarios.count) scenarios"]
    lines.append(
      "Difficulty: "
        + Difficulty.allCases.map { d in "\(d.rawValue) \(scenarios.filter { $0.difficulty == d }.count)" }.joined(
          separator: ", "))
    lines.append(
      "Severity: "
        + Severity.allCases.map { v in "\(v.rawValue) \(scenarios.filter { $0.severity == v }.count)" }.joined(
          separator: ", "))
    lines.append(
      "Arrival kinds (scenarios with at least one): "
        + BeatKind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", "))
    lines.append("Branch on reply quality: \(branching)")
    lines.append("More than one colleague or executive: \(multiPerson)")
    lines.append("Feedback or suggestion conversations: \(feedbackConversations)")
    lines.append("Scenarios training each principle:")
    for id in Rubric.principleIds {
      lines.append("  \(id.padding(toLength: 17, withPad: " ", startingAt: 0)) \(trainedBy[id] ?? 0)")
    }
    return lines.joined(separator: "\n")
  }
}
