import Foundation
import Yams

/// Builds a `Scenario` from YAML, collecting every problem with its line and column.
struct ScenarioLoader {
  let reader: YAMLReader

  static let topKeys = [
    "format", "id", "title", "version", "difficulty", "severity", "tags", "summary", "brief", "cast",
    "mood", "beats", "debrief",
  ]
  static let briefKeys = [
    "role", "company", "situation", "facts", "policy", "may-offer", "out-of-reach", "company-at-fault",
  ]
  static let castKeys = ["id", "name", "role", "description"]
  static let beatKeys = [
    "id", "from", "kind", "message", "draft", "keep", "expects", "carries-input", "needs-action", "company-at-fault",
    "tone", "assumes", "hint",
    "samples", "branches",
  ]
  static let sampleKeys = ["reply", "label", "band", "verdicts", "next"]
  static let branchKeys = ["when", "goto", "outcome"]
  static let conditionKeys = ["band", "score-below", "score-at-least", "met", "missed", "violated", "avoided", "mood"]

  func load(_ root: Node, text: String) -> Scenario? {
    if refusesNewerFormat(root) { return nil }
    guard let top = reader.mapping(root, "scenario", allowed: Self.topKeys) else { return nil }
    if let formatNode = reader.require(top, "format", in: "scenario", at: root),
      let format = reader.int(formatNode, "format")
    {
      if format < 1 { reader.error(formatNode, "format must be 1 or more", code: "E003") }
    }
    let id = reader.string(reader.require(top, "id", in: "scenario", at: root), "id")
    if let id, !Self.isValidId(id) {
      reader.error(top["id"], "scenario id '\(id)' must be lower-case letters, digits and dashes", code: "E012")
    }
    let title = reader.string(reader.require(top, "title", in: "scenario", at: root), "title")
    let version = reader.int(top["version"], "version", range: 1...1_000_000) ?? 1
    let difficulty = reader.choice(
      reader.require(top, "difficulty", in: "scenario", at: root), "difficulty", Difficulty.self,
      among: Difficulty.allCases)
    let severity = reader.choice(
      reader.require(top, "severity", in: "scenario", at: root), "severity", Severity.self, among: Severity.allCases)
    let tags = reader.strings(top["tags"], "tags") ?? []
    let summary = reader.string(top["summary"], "summary") ?? ""
    let brief = loadBrief(reader.require(top, "brief", in: "scenario", at: root))
    let cast = loadCast(reader.require(top, "cast", in: "scenario", at: root))
    let mood = top["mood"].flatMap { reader.choice($0, "mood", Mood.self, among: Mood.allCases) } ?? .angry
    let beatsNode = reader.require(top, "beats", in: "scenario", at: root)
    let beats = loadBeats(beatsNode)
    if case .sequence(let items)? = beatsNode, items.isEmpty {
      reader.error(beatsNode, "beats is empty: a scenario needs at least one beat", code: "E006")
    }
    let debrief = reader.string(reader.require(top, "debrief", in: "scenario", at: root), "debrief") ?? ""
    guard let id, let title, let difficulty, let severity, let brief, !beats.isEmpty else { return nil }
    return Scenario(
      format: 1, id: id, title: title, version: version, difficulty: difficulty, severity: severity,
      tags: tags, summary: summary, brief: brief, cast: cast, mood: mood, beats: beats, debrief: debrief,
      path: reader.path, contentHash: ContentHash.short(text))
  }

  /// A file written for a newer amends may use keys this one has never heard of; reporting
  /// those as typos would mislead, so a newer format is refused before any key is looked at.
  private func refusesNewerFormat(_ root: Node) -> Bool {
    guard case .mapping(let mapping) = root,
      let node = mapping.first(where: { $0.key.string == "format" })?.value,
      case .scalar(let scalar) = node, let format = Int(scalar.string), format > Scenario.currentFormat
    else { return false }
    reader.error(
      node,
      "this file uses scenario format \(format), but this amends reads format \(Scenario.currentFormat) at most; update amends to a version that reads format \(format)",
      code: "E011")
    return true
  }

  static func isValidId(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 64 && id.first != "-"
      && id.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
  }

  private func loadBrief(_ node: Node?) -> Brief? {
    guard let node, let entries = reader.mapping(node, "brief", allowed: Self.briefKeys) else { return nil }
    let role = reader.string(reader.require(entries, "role", in: "brief", at: node), "role") ?? ""
    var brief = Brief(
      role: role,
      company: reader.string(entries["company"], "company") ?? "",
      situation: reader.string(entries["situation"], "situation") ?? "",
      facts: entries["facts"].map { BriefFactLoader.load($0, reader: reader) } ?? [],
      policy: entries["policy"].map { BriefFactLoader.load($0, reader: reader) } ?? [],
      mayOffer: reader.strings(entries["may-offer"], "may-offer") ?? [],
      outOfReach: reader.phrases(entries["out-of-reach"], "out-of-reach"),
      companyAtFault: reader.bool(entries["company-at-fault"], "company-at-fault") ?? true)
    brief.matchers = BriefMatchers(
      facts: brief.facts + brief.policy, outOfReach: brief.outOfReach, mayOffer: brief.mayOffer)
    return brief
  }

  private func loadCast(_ node: Node?) -> [CastMember] {
    var cast: [CastMember] = []
    for item in reader.sequence(node, "cast") ?? [] {
      guard let fields = reader.mapping(item, "cast member", allowed: Self.castKeys) else { continue }
      guard let id = reader.string(reader.require(fields, "id", in: "cast member", at: item), "id"),
        let name = reader.string(reader.require(fields, "name", in: "cast member", at: item), "name"),
        let role = reader.choice(
          reader.require(fields, "role", in: "cast member", at: item), "role", CastMember.Role.self,
          among: CastMember.Role.allCases)
      else { continue }
      if cast.contains(where: { $0.id == id }) { reader.error(fields["id"], "duplicate cast id '\(id)'", code: "E005") }
      cast.append(
        CastMember(
          id: id, name: name, role: role, description: reader.string(fields["description"], "description") ?? ""))
    }
    return cast
  }

  private func loadBeats(_ node: Node?) -> [Beat] {
    var beats: [Beat] = []
    for item in reader.sequence(node, "beats") ?? [] {
      guard let fields = reader.mapping(item, "beat", allowed: Self.beatKeys) else { continue }
      let id = reader.string(reader.require(fields, "id", in: "beat", at: item), "id")
      let from = reader.string(reader.require(fields, "from", in: "beat", at: item), "from")
      let kind = reader.choice(
        reader.require(fields, "kind", in: "beat", at: item), "kind", BeatKind.self, among: BeatKind.allCases)
      let message = reader.string(reader.require(fields, "message", in: "beat", at: item), "message")
      let draft = reader.string(fields["draft"], "draft")
      if kind == .colleagueDraft && draft == nil {
        reader.error(item, "a colleague-draft beat needs a 'draft' to rewrite", code: "E006")
      }
      var keep: [KeptFact] = []
      for keepItem in reader.sequence(fields["keep"], "keep") ?? [] {
        if case .scalar(let s) = keepItem {
          if let phrases = try? Phrase.compile(s.string) {
            keep.append(KeptFact(text: s.string, patterns: phrases))
          } else {
            reader.error(keepItem, "bad pattern in keep: '\(s.string)'", code: "E008")
          }
          continue
        }
        guard let k = reader.mapping(keepItem, "kept fact", allowed: ["text", "patterns"]) else { continue }
        let text = reader.string(reader.require(k, "text", in: "kept fact", at: keepItem), "text") ?? ""
        keep.append(
          KeptFact(
            text: text,
            patterns: reader.phrases(reader.require(k, "patterns", in: "kept fact", at: keepItem), "patterns")))
      }
      var expects: [String] = []
      for e
        in (fields["expects"].flatMap { n -> [Node]? in
          if case .scalar = n { return [n] }; return reader.sequence(n, "expects")
        } ?? [])
      {
        guard let name = reader.string(e, "expects") else { continue }
        if Rubric.principleIds.contains(name) {
          expects.append(name)
        } else {
          let hint = Suggest.hint(name, in: Rubric.principleIds)
          reader.error(e, "unknown principle id '\(name)'\(hint)", code: "E010")
        }
      }
      let samples = loadSamples(fields["samples"])
      let branches = loadBranches(fields["branches"])
      guard let id, let from, let kind, let message else { continue }
      if beats.contains(where: { $0.id == id }) {
        reader.error(fields["id"], "duplicate beat id '\(id)'", code: "E005")
      }
      beats.append(
        Beat(
          id: id, from: from, kind: kind, message: message, draft: draft, keep: keep, expects: expects,
          carriesInput: reader.bool(fields["carries-input"], "carries-input") ?? false,
          needsAction: reader.bool(fields["needs-action"], "needs-action") ?? true,
          companyAtFault: reader.bool(fields["company-at-fault"], "company-at-fault"),
          tone: reader.choice(fields["tone"], "tone", Tone.self, among: Tone.allCases),
          assumes: principleList(fields["assumes"], "assumes"), assumesLine: fields["assumes"]?.mark?.line,
          toneLine: fields["tone"]?.mark?.line,
          hint: reader.string(fields["hint"], "hint"), samples: samples, branches: branches,
          line: item.mark?.line ?? 1))
    }
    return beats
  }

  /// A principle id or a list of them, each known.
  private func principleList(_ node: Node?, _ what: String) -> [String] {
    guard let node else { return [] }
    let items: [Node] = {
      if case .scalar = node { return [node] }; return reader.sequence(node, what) ?? []
    }()
    var ids: [String] = []
    for item in items {
      guard let name = reader.string(item, what) else { continue }
      if Rubric.principleIds.contains(name) {
        ids.append(name)
      } else {
        reader.error(item, "unknown principle id '\(name)'\(Suggest.hint(name, in: Rubric.principleIds))", code: "E010")
      }
    }
    return ids
  }

  private func loadSamples(_ node: Node?) -> [SampleReply] {
    var samples: [SampleReply] = []
    for item in reader.sequence(node, "samples") ?? [] {
      guard let f = reader.mapping(item, "sample", allowed: Self.sampleKeys) else { continue }
      guard let reply = reader.string(reader.require(f, "reply", in: "sample", at: item), "reply") else { continue }
      samples.append(
        SampleReply(
          reply: reply, label: reader.string(f["label"], "label"), bands: bands(f["band"]),
          verdicts: verdictList(f["verdicts"]), next: reader.string(f["next"], "next"), line: item.mark?.line ?? 1,
          column: item.mark?.column ?? 1, nextLine: f["next"]?.mark?.line, nextColumn: f["next"]?.mark?.column))
    }
    return samples
  }

  private func bands(_ node: Node?) -> [Band]? {
    guard let node else { return nil }
    let items: [Node] = {
      if case .scalar = node { return [node] }; return reader.sequence(node, "band") ?? []
    }()
    return items.compactMap { reader.choice($0, "band", Band.self, among: Band.allCases) }
  }

  /// `{apology: met, bribery: avoided}`
  private func verdictList(_ node: Node?) -> [(id: String, verdict: Verdict)] {
    guard let node else { return [] }
    guard let entries = reader.mapping(node, "verdicts", allowed: Rubric.principleIds) else { return [] }
    var list: [(id: String, verdict: Verdict)] = []
    for id in Rubric.principleIds {
      if let v = reader.choice(entries[id], "verdict for \(id)", Verdict.self, among: Verdict.allCases) {
        list.append((id, v))
      }
    }
    return list
  }

  private func loadBranches(_ node: Node?) -> [Branch] {
    var branches: [Branch] = []
    for item in reader.sequence(node, "branches") ?? [] {
      guard let f = reader.mapping(item, "branch", allowed: Self.branchKeys) else { continue }
      guard let gotoNode = reader.require(f, "goto", in: "branch", at: item), let goto = reader.string(gotoNode, "goto")
      else { continue }
      var condition = BranchCondition()
      if let when = f["when"], let c = reader.mapping(when, "when", allowed: Self.conditionKeys) {
        condition.bands = bands(c["band"])
        condition.scoreBelow = reader.int(c["score-below"], "score-below", range: 0...101)
        condition.scoreAtLeast = reader.int(c["score-at-least"], "score-at-least", range: 0...100)
        if let m = c["mood"] {
          let items: [Node] = {
            if case .scalar = m { return [m] }; return reader.sequence(m, "mood") ?? []
          }()
          condition.moods = items.compactMap { reader.choice($0, "mood", Mood.self, among: Mood.allCases) }
        }
        for (key, verdict) in [
          ("met", Verdict.met), ("missed", .missed), ("violated", .violated), ("avoided", .avoided),
        ] {
          for idNode
            in (c[key].flatMap { n -> [Node]? in
              if case .scalar = n { return [n] }; return reader.sequence(n, key)
            } ?? [])
          {
            guard let id = reader.string(idNode, key) else { continue }
            guard Rubric.principleIds.contains(id) else {
              let hint = Suggest.hint(id, in: Rubric.principleIds)
              reader.error(idNode, "unknown principle id '\(id)'\(hint)", code: "E010")
              continue
            }
            condition.verdicts.append((id, verdict))
          }
        }
      }
      let outcome = reader.string(f["outcome"], "outcome")
      if outcome != nil && goto != "end" {
        reader.error(
          f["outcome"], "an outcome ends the conversation: use it on a branch that goes to 'end'", code: "E003")
      }
      branches.append(
        Branch(
          condition: condition, goto: goto, line: gotoNode.mark?.line ?? 1, column: gotoNode.mark?.column ?? 1,
          outcome: outcome))
    }
    return branches
  }
}

enum ContentHash {
  /// FNV-1a over the text, as 8 hex digits: enough to tell two versions of a file apart in a log.
  static func short(_ text: String) -> String {
    var hash: UInt32 = 2_166_136_261
    for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
  }
}
