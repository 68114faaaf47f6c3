import Foundation
import Yams

/// Builds one principle from its YAML.
struct PrincipleLoader {
  let reader: YAMLReader
  let expectedId: String

  func load(_ root: Node) -> Principle? {
    let allowed = [
      "id", "title", "kind", "weight", "description", "sources", "applies", "check", "feedback", "examples", "context",
      "mood-step", "offers-remedy", "note-when-met",
    ]
    guard let entries = reader.mapping(root, "principle", allowed: allowed) else { return nil }
    let id = reader.string(reader.require(entries, "id", in: "principle", at: root), "id")
    if let id, id != expectedId {
      reader.error(entries["id"], "id '\(id)' does not match the file name '\(expectedId).yaml'", code: "E010")
    }
    let title = reader.string(reader.require(entries, "title", in: "principle", at: root), "title") ?? expectedId
    let kind = reader.choice(
      reader.require(entries, "kind", in: "principle", at: root), "kind", PrincipleKind.self,
      among: PrincipleKind.allCases)
    let weight = reader.int(reader.require(entries, "weight", in: "principle", at: root), "weight", range: 1...10)
    let description = reader.string(entries["description"], "description") ?? ""
    let sources = reader.strings(entries["sources"], "sources") ?? []
    var applies: [Applicability] = []
    for node
      in (entries["applies"].flatMap { n -> [Node]? in
        if case .scalar = n { return [n] }; return reader.sequence(n, "applies")
      } ?? [])
    {
      if let condition = reader.choice(node, "condition", Applicability.self, among: Applicability.allCases) {
        applies.append(condition)
      }
    }
    let check = CheckFactory.make(reader.require(entries, "check", in: "principle", at: root), reader: reader)
    let feedback = loadFeedback(reader.require(entries, "feedback", in: "principle", at: root))
    let baseContext =
      entries["context"].flatMap { ExampleContext.load($0, reader: reader, base: ScoringContext()) } ?? ScoringContext()
    let examples = loadExamples(entries["examples"], kind: kind, base: baseContext)
    let moodStep = reader.int(entries["mood-step"], "mood-step", range: -5...5) ?? 0
    let offersRemedy = reader.bool(entries["offers-remedy"], "offers-remedy") ?? false
    let noteWhenMet = reader.bool(entries["note-when-met"], "note-when-met") ?? false
    guard let kind, let weight, let check, let feedback, let id else { return nil }
    return Principle(
      id: id, title: title, kind: kind, weight: weight, description: description, sources: sources,
      applies: applies.isEmpty ? [.always] : applies, check: check, feedback: feedback, examples: examples,
      path: reader.path,
      moodStep: moodStep, offersRemedy: offersRemedy, noteWhenMet: noteWhenMet)
  }

  private func loadFeedback(_ node: Node?) -> Principle.Feedback? {
    guard let entries = reader.mapping(node, "feedback", allowed: ["met", "missed", "avoided", "violated", "weak"])
    else { return nil }
    let good = reader.string(entries["met"] ?? entries["avoided"], "feedback")
    let bad = reader.string(entries["missed"] ?? entries["violated"], "feedback")
    guard let good, let bad else {
      reader.error(node, "feedback needs a line for each verdict (met/missed or avoided/violated)", code: "E006")
      return nil
    }
    return Principle.Feedback(met: good, missed: bad, weak: reader.string(entries["weak"], "weak feedback"))
  }

  private func loadExamples(_ node: Node?, kind: PrincipleKind?, base: ScoringContext) -> [RubricExample] {
    guard let node, let kind else { return [] }
    let names: [String: Verdict] =
      kind == .move
      ? ["met": .met, "missed": .missed, "not-applicable": .notApplicable]
      : ["avoided": .avoided, "violated": .violated, "not-applicable": .notApplicable]
    guard let entries = reader.mapping(node, "examples", allowed: names.keys.sorted()) else { return [] }
    var examples: [RubricExample] = []
    for (name, list) in entries {
      guard let verdict = names[name] else { continue }
      for item in reader.sequence(list, "examples.\(name)") ?? [] {
        if case .scalar(let scalar) = item {
          examples.append(
            RubricExample(
              reply: scalar.string, expected: verdict, context: base, earlier: [], line: item.mark?.line ?? 0))
          continue
        }
        guard let fields = reader.mapping(item, "example", allowed: ["reply", "context", "earlier"]) else { continue }
        guard let reply = reader.string(reader.require(fields, "reply", in: "example", at: item), "reply") else {
          continue
        }
        let context = fields["context"].flatMap { ExampleContext.load($0, reader: reader, base: base) } ?? base
        let earlier = reader.strings(fields["earlier"], "earlier") ?? []
        examples.append(
          RubricExample(reply: reply, expected: verdict, context: context, earlier: earlier, line: item.mark?.line ?? 0)
        )
      }
    }
    return examples.sorted { $0.line < $1.line }
  }
}
