import Foundation
import Yams

/// The context block of a rubric example or calibration item:
/// `{severity, beat, company-at-fault, needs-action, carries-input, facts, out-of-reach, may-offer, expects}`.
enum ExampleContext {
  static let keys = [
    "severity", "beat", "company-at-fault", "needs-action", "carries-input", "facts", "out-of-reach", "may-offer",
    "expects",
  ]

  static func load(_ node: Node, reader: YAMLReader, base: ScoringContext) -> ScoringContext? {
    guard let entries = reader.mapping(node, "context", allowed: keys) else { return nil }
    var context = base
    if let s = reader.choice(entries["severity"], "severity", Severity.self, among: Severity.allCases) {
      context.severity = s
    }
    if let b = reader.choice(entries["beat"], "beat", BeatKind.self, among: BeatKind.allCases) { context.beatKind = b }
    if let v = reader.bool(entries["company-at-fault"], "company-at-fault") { context.companyAtFault = v }
    if let v = reader.bool(entries["needs-action"], "needs-action") { context.needsAction = v }
    if let v = reader.bool(entries["carries-input"], "carries-input") { context.carriesInput = v }
    if let expects = reader.strings(entries["expects"], "expects") { context.expected = Set(expects) }
    if let facts = entries["facts"] { context.facts = BriefFactLoader.load(facts, reader: reader) }
    if let reach = entries["out-of-reach"] { context.outOfReach = reader.phrases(reach, "out-of-reach") }
    if let offers = reader.strings(entries["may-offer"], "may-offer") { context.mayOffer = offers }
    return context
  }
}

/// `facts:` — a list of `{id, text, contradicted-by: [patterns]}` (or plain text lines).

/// The facts of a context block: text, and the phrases that contradict it.
enum BriefFactLoader {
  static func load(_ node: Node, reader: YAMLReader) -> [BriefFact] {
    var facts: [BriefFact] = []
    for (i, item) in (reader.sequence(node, "facts") ?? []).enumerated() {
      if case .scalar(let s) = item {
        facts.append(BriefFact(id: "fact-\(i + 1)", text: s.string, contradictions: []))
        continue
      }
      guard let fields = reader.mapping(item, "fact", allowed: ["id", "text", "contradicted-by"]) else { continue }
      let text = reader.string(reader.require(fields, "text", in: "fact", at: item), "text") ?? ""
      let id = reader.string(fields["id"], "id") ?? "fact-\(i + 1)"
      facts.append(
        BriefFact(id: id, text: text, contradictions: reader.phrases(fields["contradicted-by"], "contradicted-by")))
    }
    return facts
  }
}
