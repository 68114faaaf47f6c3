import Foundation

/// The `amends check --format json` contract of DESIGN.md: every principle id once, in rubric
/// order, with its verdict, evidence (UTF-8 byte offsets) and feedback.
public enum CheckReport {
  /// One line of JSON, keys in the order DESIGN.md documents them, so that diffs of saved
  /// reports and people reading them see `id` and `verdict` first.
  public static func json(_ assessment: Assessment) -> String {
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
    }
    return json.text
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
      Entry(id: $0.id, title: $0.title, difficulty: $0.difficulty.rawValue, severity: $0.severity.rawValue, tags: $0.tags, best: summary?.scenarios[$0.id]?.best)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
  }

  public static func table(_ scenarios: [Scenario], summary: Summary?, painter: Painter) -> String {
    if scenarios.isEmpty { return "No scenarios match." }
    var lines = [painter.paint("ID".padding(toLength: 26, withPad: " ", startingAt: 0) + "LEVEL         SEVERITY  BEST  TITLE", .bold)]
    for s in scenarios {
      let best = summary?.scenarios[s.id]?.best.map(String.init) ?? "-"
      lines.append(
        s.id.padding(toLength: 26, withPad: " ", startingAt: 0) + s.difficulty.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
          + s.severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + best.padding(toLength: 6, withPad: " ", startingAt: 0)
          + painter.safe(s.title))
      if !s.tags.isEmpty { lines.append(painter.paint("  " + s.tags.joined(separator: ", "), .dim)) }
    }
    return lines.joined(separator: "\n")
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
    lines.append("Difficulty: " + Difficulty.allCases.map { d in "\(d.rawValue) \(scenarios.filter { $0.difficulty == d }.count)" }.joined(separator: ", "))
    lines.append("Severity: " + Severity.allCases.map { v in "\(v.rawValue) \(scenarios.filter { $0.severity == v }.count)" }.joined(separator: ", "))
    lines.append("Arrival kinds (scenarios with at least one): " + BeatKind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", "))
    lines.append("Branch on reply quality: \(branching)")
    lines.append("More than one colleague or executive: \(multiPerson)")
    lines.append("Feedback or suggestion conversations: \(feedbackConversations)")
    lines.append("Scenarios training each principle:")
    for id in Rubric.principleIds { lines.append("  \(id.padding(toLength: 17, withPad: " ", startingAt: 0)) \(trainedBy[id] ?? 0)") }
    return lines.joined(separator: "\n")
  }
}
