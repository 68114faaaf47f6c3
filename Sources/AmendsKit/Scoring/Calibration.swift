import Foundation
import Yams

/// The calibration set (`Scoring/calibration.yaml`): whole replies with a coach's verdicts and
/// overall band. Measures how far the scorer agrees with a person, per principle.
public struct CalibrationSet: Sendable {
  public struct Item: Sendable {
    public var id: String
    public var situation: String
    public var context: ScoringContext
    public var earlier: [String]
    public var reply: String
    public var band: Band
    public var verdicts: [String: Verdict]
    public var line: Int
  }

  public var items: [Item]

  public static func load(from url: URL) throws -> CalibrationSet {
    let reader = YAMLReader(path: displayPath(url))
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw DiagnosticList([Diagnostic(path: reader.path, line: 1, column: 1, message: "cannot read the calibration set", code: "E000")])
    }
    var items: [Item] = []
    if let root = reader.parse(String(decoding: data, as: UTF8.self)),
      let top = reader.mapping(root, "calibration set", allowed: ["items"])
    {
      var seen = Set<String>()
      for node in reader.sequence(reader.require(top, "items", in: "calibration set", at: root), "items") ?? [] {
        guard let f = reader.mapping(node, "item", allowed: ["id", "situation", "context", "earlier", "reply", "band", "verdicts"]) else { continue }
        guard let id = reader.string(reader.require(f, "id", in: "item", at: node), "id"),
          let reply = reader.string(reader.require(f, "reply", in: "item", at: node), "reply"),
          let band = reader.choice(reader.require(f, "band", in: "item", at: node), "band", Band.self, among: Band.allCases)
        else { continue }
        if !seen.insert(id).inserted { reader.error(f["id"], "duplicate item id '\(id)'", code: "E005") }
        var verdicts: [String: Verdict] = [:]
        if let v = reader.mapping(f["verdicts"], "verdicts", allowed: Rubric.principleIds) {
          for (key, node) in v { verdicts[key] = reader.choice(node, "verdict for \(key)", Verdict.self, among: Verdict.allCases) }
        }
        let context = f["context"].flatMap { ExampleContext.load($0, reader: reader, base: ScoringContext()) } ?? ScoringContext()
        items.append(Item(
          id: id, situation: reader.string(f["situation"], "situation") ?? "", context: context,
          earlier: reader.strings(f["earlier"], "earlier") ?? [], reply: reply, band: band, verdicts: verdicts,
          line: node.mark?.line ?? 1))
      }
    }
    if reader.hasErrors { throw DiagnosticList(reader.diagnostics) }
    return CalibrationSet(items: items)
  }
}

/// Agreement between the scorer and the calibration set.
public struct CalibrationResult: Sendable {
  public struct PrincipleStats: Sendable {
    public var id: String
    /// "Positive" is the verdict a detector fires on: met for a move, violated for a pitfall.
    public var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
    /// The coach and the scorer disagreed on whether the principle applies at all.
    public var applicabilityDisagreements = 0

    public var support: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    public var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double? { truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var accuracy: Double? { support == 0 ? nil : Double(truePositives + trueNegatives) / Double(support) }
  }

  public struct Disagreement: Sendable {
    public var item: String
    public var line: Int
    public var principle: String
    public var expected: Verdict
    public var actual: Verdict
  }

  public var principles: [PrincipleStats]
  public var items: Int
  public var bandExact: Int
  public var bandWithinOne: Int
  public var disagreements: [Disagreement]
  public var bandMisses: [(item: String, expected: Band, actual: Band, score: Int)]

  public var bandAgreement: Double { items == 0 ? 0 : Double(bandExact) / Double(items) }
  public var bandWithinOneAgreement: Double { items == 0 ? 0 : Double(bandWithinOne) / Double(items) }
  public var verdictAccuracy: Double {
    let total = principles.reduce(0) { $0 + $1.support }
    let right = principles.reduce(0) { $0 + $1.truePositives + $1.trueNegatives }
    return total == 0 ? 0 : Double(right) / Double(total)
  }

  public static func measure(_ set: CalibrationSet, scorer: Scorer) -> CalibrationResult {
    var stats = Dictionary(uniqueKeysWithValues: Rubric.principleIds.map { ($0, PrincipleStats(id: $0)) })
    var exact = 0, withinOne = 0
    var disagreements: [Disagreement] = []
    var bandMisses: [(String, Band, Band, Int)] = []
    for item in set.items {
      var memory = ConversationMemory()
      for earlier in item.earlier { memory = scorer.score(earlier, context: item.context, memory: memory).memory }
      let assessment = scorer.score(item.reply, context: item.context, memory: memory)
      let bands = Band.allCases
      let distance = abs((bands.firstIndex(of: assessment.band) ?? 0) - (bands.firstIndex(of: item.band) ?? 0))
      if distance == 0 { exact += 1 } else { bandMisses.append((item.id, item.band, assessment.band, assessment.score)) }
      if distance <= 1 { withinOne += 1 }
      for (id, expected) in item.verdicts {
        guard let kind = scorer.rubric.principle(id)?.kind else { continue }
        let actual = assessment.verdict(id)
        if expected != actual { disagreements.append(Disagreement(item: item.id, line: item.line, principle: id, expected: expected, actual: actual)) }
        if expected == .notApplicable || actual == .notApplicable {
          if expected != actual { stats[id]?.applicabilityDisagreements += 1 }
          continue
        }
        let positive: Verdict = kind == .move ? .met : .violated
        switch (expected == positive, actual == positive) {
        case (true, true): stats[id]?.truePositives += 1
        case (false, true): stats[id]?.falsePositives += 1
        case (true, false): stats[id]?.falseNegatives += 1
        case (false, false): stats[id]?.trueNegatives += 1
        }
      }
    }
    return CalibrationResult(
      principles: Rubric.principleIds.compactMap { stats[$0] }, items: set.items.count, bandExact: exact,
      bandWithinOne: withinOne, disagreements: disagreements, bandMisses: bandMisses)
  }

  /// The thresholds the test suite holds the scorer to; docs/scoring.md says why.
  public struct Thresholds: Sendable {
    public static let verdictAccuracy = 0.85
    public static let bandWithinOne = 0.90
    public static let bandExact = 0.55
    /// Per principle, once it has at least `minimumSupport` positives in the set.
    public static let precision = 0.70
    public static let recall = 0.60
    public static let minimumSupport = 5
  }

  /// The thresholds not met, as sentences; empty when the scorer passes.
  public func shortfalls() -> [String] {
    var problems: [String] = []
    if verdictAccuracy < Thresholds.verdictAccuracy { problems.append(String(format: "verdict accuracy %.2f is below %.2f", verdictAccuracy, Thresholds.verdictAccuracy)) }
    if bandWithinOneAgreement < Thresholds.bandWithinOne { problems.append(String(format: "band within one %.2f is below %.2f", bandWithinOneAgreement, Thresholds.bandWithinOne)) }
    if bandAgreement < Thresholds.bandExact { problems.append(String(format: "exact band agreement %.2f is below %.2f", bandAgreement, Thresholds.bandExact)) }
    for p in principles where p.truePositives + p.falseNegatives >= Thresholds.minimumSupport {
      if let precision = p.precision, precision < Thresholds.precision { problems.append(String(format: "%@ precision %.2f is below %.2f", p.id, precision, Thresholds.precision)) }
      if let recall = p.recall, recall < Thresholds.recall { problems.append(String(format: "%@ recall %.2f is below %.2f", p.id, recall, Thresholds.recall)) }
    }
    return problems
  }

  public func render() -> String {
    var lines = [String(format: "%d items · verdict accuracy %.0f%% · band exact %.0f%% · band within one %.0f%%", items, verdictAccuracy * 100, bandAgreement * 100, bandWithinOneAgreement * 100)]
    lines.append("principle          support  precision  recall  accuracy  applicability-disagreements")
    func pct(_ v: Double?) -> String { v.map { String(format: "%5.0f%%", $0 * 100) } ?? "     -" }
    for p in principles {
      lines.append("\(p.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(String(p.support).padding(toLength: 8, withPad: " ", startingAt: 0)) \(pct(p.precision))     \(pct(p.recall))  \(pct(p.accuracy))    \(p.applicabilityDisagreements)")
    }
    return lines.joined(separator: "\n")
  }
}
