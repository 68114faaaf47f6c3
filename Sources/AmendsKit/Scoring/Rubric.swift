import Foundation
import Yams

/// The whole rubric: every principle of `PRINCIPLES.md`, the scoring constants and the articles
/// they cite. Loaded once from `Scoring/`; patterns are compiled at load.
public struct Rubric: Sendable {
  public let version: String
  public let principles: [Principle]
  public let penaltyPerWeight: Double
  /// Lowest score of each band above `poor`.
  public let bandFloors: [Band: Int]
  /// Article file stem ("003") to title.
  public let articles: [String: String]
  /// Mood steps per band, for the scenario player.
  public let moodSteps: [Band: Int]
  /// The trained layer `rubric.yaml` names (`trained-layer:`); nil for a rubric without one.
  public let model: LearnedModel?
  /// A pitfall of this weight or more keeps a reply out of the excellent band.
  public let seriousPitfallWeight: Int
  /// The highest band of a reply that greets the customer only after its content (nil: no cap).
  public var oddOrderBand: Band? = nil

  /// The 19 principle ids, in the order of `PRINCIPLES.md`.
  public static let principleIds = [
    "apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel",
    "act-on-input", "over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin",
    "whining", "overpromise", "off-message", "hard-sell", "flippancy",
  ]

  /// Each id's kind as PRINCIPLES.md gives it: the first eight are moves, the rest pitfalls.
  public static let principleKinds: [String: PrincipleKind] = Dictionary(
    uniqueKeysWithValues: principleIds.enumerated().map { ($0.element, $0.offset < 8 ? PrincipleKind.move : .pitfall) })

  public func principle(_ id: String) -> Principle? { principles.first { $0.id == id } }

  /// The same rubric without its trained layer: the phrase rubric alone, which the trained
  /// layer is trained on top of.
  public func withoutTrainedLayer() -> Rubric {
    Rubric(
      version: version, principles: principles, penaltyPerWeight: penaltyPerWeight, bandFloors: bandFloors, articles: articles,
      moodSteps: moodSteps, model: nil, seriousPitfallWeight: seriousPitfallWeight, oddOrderBand: oddOrderBand)
  }

  public func band(for score: Int) -> Band {
    if score >= bandFloors[.excellent, default: 85] { return .excellent }
    if score >= bandFloors[.good, default: 65] { return .good }
    if score >= bandFloors[.fair, default: 40] { return .fair }
    return .poor
  }

  public func articleTitle(_ stem: String) -> String { articles[stem] ?? stem }

  /// Loads `rubric.yaml` and one YAML file per principle from `directory`. Every problem in
  /// every file is collected; any error throws them all.
  public static func load(from directory: URL) throws -> Rubric {
    let loader = RubricLoader(directory: directory)
    return try loader.load()
  }
}

struct RubricLoader {
  let directory: URL

  func load() throws -> Rubric {
    var diagnostics: [Diagnostic] = []
    let metaPath = directory.appendingPathComponent("rubric.yaml")
    let metaReader = YAMLReader(path: displayPath(metaPath))
    var version = "1", penalty = 6.0
    var floors: [Band: Int] = [.excellent: 85, .good: 65, .fair: 40]
    var moodSteps: [Band: Int] = [.excellent: 2, .good: 1, .fair: 0, .poor: -1]
    var articles: [String: String] = [:]
    var modelFile: String?
    var modelNode: Node?
    var serious = 3
    var oddOrder: Band?
    if let text = readText(metaPath, into: &diagnostics), let root = metaReader.parse(text),
      let entries = metaReader.mapping(root, "rubric.yaml", allowed: ["version", "penalty-per-weight", "bands", "mood-steps", "articles", "trained-layer", "serious-pitfall-weight", "odd-order-band"])
    {
      oddOrder = metaReader.choice(entries["odd-order-band"], "odd-order-band", Band.self, among: Band.allCases)
      serious = metaReader.int(entries["serious-pitfall-weight"], "serious-pitfall-weight", range: 1...10) ?? serious
      modelFile = metaReader.string(entries["trained-layer"], "trained-layer")
      modelNode = entries["trained-layer"]
      version = metaReader.string(entries["version"], "version") ?? version
      penalty = metaReader.double(entries["penalty-per-weight"], "penalty-per-weight") ?? penalty
      if let bands = metaReader.mapping(entries["bands"], "bands", allowed: ["excellent", "good", "fair"]) {
        for (name, node) in bands { if let band = Band(rawValue: name), let v = metaReader.int(node, "band \(name)", range: 0...100) { floors[band] = v } }
      }
      if let steps = metaReader.mapping(entries["mood-steps"], "mood-steps", allowed: Band.allCases.map(\.rawValue)) {
        for (name, node) in steps { if let band = Band(rawValue: name), let v = metaReader.int(node, "mood step \(name)", range: -5...5) { moodSteps[band] = v } }
      }
      if case .mapping(let m)? = entries["articles"] {
        for (k, v) in m { if let key = k.string, let title = v.string { articles[key] = title } }
      }
    }
    diagnostics += metaReader.diagnostics

    // The principle files are independent: parse and compile them on every core (start-up is
    // mostly this), keeping the catalogue's order.
    let ids = Rubric.principleIds
    let loaded = ResultSlots<(Principle?, [Diagnostic])>.map(ids.count, empty: (nil, [])) { index in
      let url = directory.appendingPathComponent("\(ids[index]).yaml")
      let reader = YAMLReader(path: displayPath(url))
      var found: [Diagnostic] = []
      var principle: Principle?
      if let text = readText(url, into: &found), let root = reader.parse(text) {
        principle = PrincipleLoader(reader: reader, expectedId: ids[index]).load(root)
      }
      return (principle, found + reader.diagnostics)
    }
    var principles: [Principle] = []
    for (principle, found) in loaded {
      if let principle { principles.append(principle) }
      diagnostics += found
    }
    // Files that name no known principle are mistakes worth telling about.
    let known = Set(Rubric.principleIds.map { "\($0).yaml" } + ["rubric.yaml"])
    if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
      for name in names.sorted() where name.hasSuffix(".yaml") && !known.contains(name) {
        let id = String(name.dropLast(5))
        let hint = Suggest.hint(id, in: Rubric.principleIds)
        diagnostics.append(Diagnostic(path: displayPath(directory.appendingPathComponent(name)), line: 1, column: 1, message: "'\(id)' is not a principle id of PRINCIPLES.md\(hint)", code: "E010"))
      }
    }
    var model: LearnedModel?
    if let modelFile {
      do {
        model = try LearnedModel.load(from: directory.appendingPathComponent(modelFile), rubricVersion: version)
      } catch let problem as LearnedModel.LoadError {
        let mark = modelNode?.mark
        diagnostics.append(Diagnostic(path: metaReader.path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: "trained layer: \(problem)", code: "E000"))
      }
    }
    if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics.sorted()) }
    return Rubric(
      version: version, principles: principles, penaltyPerWeight: penalty, bandFloors: floors, articles: articles, moodSteps: moodSteps,
      model: model, seriousPitfallWeight: serious, oddOrderBand: oddOrder)
  }

  private func readText(_ url: URL, into diagnostics: inout [Diagnostic]) -> String? {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      diagnostics.append(Diagnostic(path: displayPath(url), line: 1, column: 1, message: "cannot read the file", code: "E000"))
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }
}

func displayPath(_ url: URL) -> String {
  let path = url.standardizedFileURL.path
  let cwd = FileManager.default.currentDirectoryPath
  if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
  return path
}

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
    let kind = reader.choice(reader.require(entries, "kind", in: "principle", at: root), "kind", PrincipleKind.self, among: PrincipleKind.allCases)
    let weight = reader.int(reader.require(entries, "weight", in: "principle", at: root), "weight", range: 1...10)
    let description = reader.string(entries["description"], "description") ?? ""
    let sources = reader.strings(entries["sources"], "sources") ?? []
    var applies: [Applicability] = []
    for node in (entries["applies"].flatMap { n -> [Node]? in if case .scalar = n { return [n] }; return reader.sequence(n, "applies") } ?? []) {
      if let condition = reader.choice(node, "condition", Applicability.self, among: Applicability.allCases) { applies.append(condition) }
    }
    let check = CheckFactory.make(reader.require(entries, "check", in: "principle", at: root), reader: reader)
    let feedback = loadFeedback(reader.require(entries, "feedback", in: "principle", at: root))
    let baseContext = entries["context"].flatMap { ExampleContext.load($0, reader: reader, base: ScoringContext()) } ?? ScoringContext()
    let examples = loadExamples(entries["examples"], kind: kind, base: baseContext)
    let moodStep = reader.int(entries["mood-step"], "mood-step", range: -5...5) ?? 0
    let offersRemedy = reader.bool(entries["offers-remedy"], "offers-remedy") ?? false
    let noteWhenMet = reader.bool(entries["note-when-met"], "note-when-met") ?? false
    guard let kind, let weight, let check, let feedback, let id else { return nil }
    return Principle(
      id: id, title: title, kind: kind, weight: weight, description: description, sources: sources,
      applies: applies.isEmpty ? [.always] : applies, check: check, feedback: feedback, examples: examples, path: reader.path,
      moodStep: moodStep, offersRemedy: offersRemedy, noteWhenMet: noteWhenMet)
  }

  private func loadFeedback(_ node: Node?) -> Principle.Feedback? {
    guard let entries = reader.mapping(node, "feedback", allowed: ["met", "missed", "avoided", "violated", "weak"]) else { return nil }
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
    let names: [String: Verdict] = kind == .move ? ["met": .met, "missed": .missed, "not-applicable": .notApplicable] : ["avoided": .avoided, "violated": .violated, "not-applicable": .notApplicable]
    guard let entries = reader.mapping(node, "examples", allowed: names.keys.sorted()) else { return [] }
    var examples: [RubricExample] = []
    for (name, list) in entries {
      guard let verdict = names[name] else { continue }
      for item in reader.sequence(list, "examples.\(name)") ?? [] {
        if case .scalar(let scalar) = item {
          examples.append(RubricExample(reply: scalar.string, expected: verdict, context: base, earlier: [], line: item.mark?.line ?? 0))
          continue
        }
        guard let fields = reader.mapping(item, "example", allowed: ["reply", "context", "earlier"]) else { continue }
        guard let reply = reader.string(reader.require(fields, "reply", in: "example", at: item), "reply") else { continue }
        let context = fields["context"].flatMap { ExampleContext.load($0, reader: reader, base: base) } ?? base
        let earlier = reader.strings(fields["earlier"], "earlier") ?? []
        examples.append(RubricExample(reply: reply, expected: verdict, context: context, earlier: earlier, line: item.mark?.line ?? 0))
      }
    }
    return examples.sorted { $0.line < $1.line }
  }
}

/// The context block of a rubric example or calibration item:
/// `{severity, beat, company-at-fault, needs-action, carries-input, facts, out-of-reach, may-offer, expects}`.
enum ExampleContext {
  static let keys = ["severity", "beat", "company-at-fault", "needs-action", "carries-input", "facts", "out-of-reach", "may-offer", "expects"]

  static func load(_ node: Node, reader: YAMLReader, base: ScoringContext) -> ScoringContext? {
    guard let entries = reader.mapping(node, "context", allowed: keys) else { return nil }
    var context = base
    if let s = reader.choice(entries["severity"], "severity", Severity.self, among: Severity.allCases) { context.severity = s }
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
      facts.append(BriefFact(id: id, text: text, contradictions: reader.phrases(fields["contradicted-by"], "contradicted-by")))
    }
    return facts
  }
}
