import Foundation
import Yams

/// Reads `Scoring/corpus/`: one YAML file per situation (or per published source) in `dev/`,
/// `test/` or `real/`, the folder naming the set. Every problem is a diagnostic with file, line
/// and column, as in scenario lint; one broken file never hides the others' problems.
///
/// A file: `corpus: 1`, a `situation` sentence, an optional `industry`, a `context` (severity,
/// beat, company-at-fault, carries-input, facts, out-of-reach, may-offer) shared by its items,
/// and `items`. A dev or test item: `id`, `kind`, `register`, `reply`, `quality` 1–5 and
/// `verdicts`. A real item: `id`, `reply`, `judgment`, `judging-quote`, `source`.
public enum CorpusLoader {
  public static let formatVersion = 1
  static let fileKeys = ["corpus", "situation", "industry", "context", "items"]
  static let itemKeys = [
    "id", "kind", "register", "reply", "quality", "verdicts", "situation", "context", "earlier",
    "judgment", "judging-quote", "source", "source-title", "company", "published-as",
  ]

  public struct Loaded: Sendable {
    public var items: [CorpusItem]
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public func items(in set: CorpusSet) -> [CorpusItem] { items.filter { $0.set == set } }
  }

  /// Every corpus file under `folder` (its `dev/`, `test/` and `real/`), in path order.
  public static func load(folder: URL) -> Loaded {
    var items: [CorpusItem] = []
    var diagnostics: [Diagnostic] = []
    for set in CorpusSet.allCases {
      let setFolder = folder.appendingPathComponent(set.rawValue)
      let files = ((try? FileManager.default.contentsOfDirectory(atPath: setFolder.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()
      for name in files {
        let (fileItems, problems) = loadFile(setFolder.appendingPathComponent(name), set: set)
        items += fileItems
        diagnostics += problems
      }
    }
    diagnostics += duplicates(items)
    return Loaded(items: items, diagnostics: diagnostics.sorted())
  }

  /// One file's items and problems.
  public static func loadFile(_ url: URL, set: CorpusSet) -> ([CorpusItem], [Diagnostic]) {
    let reader = YAMLReader(path: displayPath(url))
    guard let data = FileManager.default.contents(atPath: url.path) else {
      return ([], [Diagnostic(path: reader.path, line: 1, column: 1, message: "cannot read the file", code: "E000")])
    }
    guard let text = reader.decode(data), let root = reader.parse(text),
      let top = reader.mapping(root, "corpus file", allowed: fileKeys)
    else { return ([], reader.diagnostics) }
    if let version = reader.int(reader.require(top, "corpus", in: "corpus file", at: root), "corpus"),
      version > formatVersion
    {
      reader.error(
        top["corpus"], "corpus format \(version) is newer than this amends reads (\(formatVersion))", code: "E011")
    }
    let situation = reader.string(top["situation"], "situation") ?? ""
    _ = reader.string(top["industry"], "industry")
    let base =
      top["context"].flatMap { ExampleContext.load($0, reader: reader, base: ScoringContext()) } ?? ScoringContext()
    var items: [CorpusItem] = []
    for node in reader.sequence(reader.require(top, "items", in: "corpus file", at: root), "items") ?? [] {
      if let item = loadItem(node, set: set, situation: situation, base: base, reader: reader) { items.append(item) }
    }
    return (items, reader.diagnostics)
  }

  private static func loadItem(
    _ node: Node, set: CorpusSet, situation: String, base: ScoringContext, reader: YAMLReader
  ) -> CorpusItem? {
    guard let f = reader.mapping(node, "item", allowed: itemKeys) else { return nil }
    let id = reader.string(reader.require(f, "id", in: "item", at: node), "id")
    let reply = reader.string(reader.require(f, "reply", in: "item", at: node), "reply")
    var context = f["context"].flatMap { ExampleContext.load($0, reader: reader, base: base) } ?? base
    if let kind = reader.choice(f["kind"], "kind", BeatKind.self, among: BeatKind.allCases) { context.beatKind = kind }
    var quality: Int?
    var verdicts: [String: Verdict] = [:]
    var judgment: Judgment?
    switch set {
    case .dev, .test:
      quality = reader.int(reader.require(f, "quality", in: "item", at: node), "quality", range: 1...5)
      verdicts = loadVerdicts(reader.require(f, "verdicts", in: "item", at: node), reader: reader)
      for key in ["judgment", "judging-quote", "source"] where f[key] != nil {
        reader.error(
          f[key],
          "'\(key)' belongs to real published responses (corpus/real/, corpus/real-dev/), not to \(set.rawValue) items",
          code: "E004")
      }
    case .real, .realDev:
      judgment = reader.choice(
        reader.require(f, "judgment", in: "item", at: node), "judgment", Judgment.self, among: Judgment.allCases)
      _ = reader.string(reader.require(f, "judging-quote", in: "item", at: node), "judging-quote")
      _ = reader.string(reader.require(f, "source", in: "item", at: node), "source")
      for key in ["quality", "verdicts"] where f[key] != nil {
        reader.error(
          f[key], "'\(key)' is for written replies (dev/, test/); a real response is judged by its page (judgment)",
          code: "E004")
      }
    }
    if let reply, reply.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      reader.error(f["reply"], "reply is empty", code: "E006")
      return nil
    }
    guard let id, let reply else { return nil }
    if !ScenarioLoader.isValidId(id) {
      reader.error(f["id"], "item id '\(id)' must be lower-case letters, digits and hyphens", code: "E012")
    }
    return CorpusItem(
      id: id, set: set, situation: reader.string(f["situation"], "situation") ?? situation, context: context,
      earlier: reader.strings(f["earlier"], "earlier") ?? [], reply: reply,
      register: reader.string(f["register"], "register"),
      quality: quality, verdicts: verdicts, judgment: judgment, source: reader.string(f["source"], "source"),
      path: reader.path, line: node.mark?.line ?? 1)
  }

  /// Verdicts by principle id: each id known, each verdict one its principle can get.
  private static func loadVerdicts(_ node: Node?, reader: YAMLReader) -> [String: Verdict] {
    guard let node, case .mapping(let mapping) = node else {
      if node != nil { reader.error(node, "verdicts must be a mapping of principle ids to verdicts", code: "E003") }
      return [:]
    }
    var verdicts: [String: Verdict] = [:]
    for (keyNode, value) in mapping {
      guard let id = keyNode.string else { continue }
      guard let kind = Rubric.principleKinds[id] else {
        reader.error(keyNode, "unknown principle id '\(id)'\(Suggest.hint(id, in: Rubric.principleIds))", code: "E010")
        continue
      }
      if verdicts[id] != nil {
        reader.error(keyNode, "verdict for '\(id)' given twice", code: "E005")
        continue
      }
      guard let verdict = reader.choice(value, "verdict for \(id)", Verdict.self, among: Verdict.allCases) else {
        continue
      }
      let possible: [Verdict] =
        kind == .move ? [.met, .missed, .notApplicable] : [.avoided, .violated, .notApplicable]
      guard possible.contains(verdict) else {
        reader.error(
          value,
          "'\(id)' is a \(kind.rawValue), judged \(possible.map(\.rawValue).joined(separator: ", ")); not '\(verdict.rawValue)'",
          code: "E026")
        continue
      }
      verdicts[id] = verdict
    }
    return verdicts
  }

  /// Item ids used twice, and the same reply given twice (whitespace aside), across all files.
  static func duplicates(_ items: [CorpusItem]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var ids: [String: CorpusItem] = [:]
    var replies: [String: CorpusItem] = [:]
    for item in items {
      if let first = ids[item.id] {
        problems.append(
          Diagnostic(
            path: item.path, line: item.line, column: 1,
            message: "item id '\(item.id)' is used twice (first at \(first.path):\(first.line))", code: "E005"))
      } else {
        ids[item.id] = item
      }
      let key = item.reply.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
      if let first = replies[key] {
        problems.append(
          Diagnostic(
            path: item.path, line: item.line, column: 1,
            message: "reply of '\(item.id)' is the same as that of '\(first.id)' (\(first.path):\(first.line))",
            code: "E005"))
      } else {
        replies[key] = item
      }
    }
    return problems
  }
}
