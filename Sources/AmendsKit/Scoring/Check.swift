import Yams

/// What a check sees: the analysed reply, its context and what earlier turns said.
public struct CheckInput: Sendable {
  public let text: AnalyzedText
  public let context: ScoringContext
  public let memory: ConversationMemory
  /// Principles inspected before this one (rubric order) that found their evidence, so a
  /// pitfall can depend on a move: naming the courier as the cause is blame only when the
  /// reply does not also own the failure. A list, not a set: a few ids, rarely asked about, and
  /// hashing each id as it was added cost more than some checks.
  public var earlierHits: [String] = []

  public init(text: AnalyzedText, context: ScoringContext, memory: ConversationMemory, earlierHits: [String] = []) {
    self.text = text
    self.context = context
    self.memory = memory
    self.earlierHits = earlierHits
  }
}

/// What a check found. For a move, `hit` means met; for a pitfall, violated.
public struct CheckFinding: Sendable {
  public var hit = false
  public var matches: [PhraseMatch] = []
  /// Only weak evidence was found (e.g. a generic phrase that does not earn the move).
  public var weakOnly = false
  /// A running count this check keeps across turns, and how much this reply adds.
  public var tally: (key: String, count: Int)?
  public var commitments: [String] = []
  /// A sentence of explanation added to the feedback ("your third apology in this conversation").
  public var note: String?
  /// Set by the trained layer: its probability, whether it made the verdict (its evidence then
  /// the spans of the features that weighed most), or overruled a phrase hit.
  public var probability: Double?
  public var learned = false
  public var learnedEvidence: [Range<Int>] = []
  public var overruled = false
}

/// A kind of check. Each kind is one type, built from YAML by `CheckFactory`; a new phrase is a
/// data change, a new kind of check a code change.
public protocol Check: Sendable {
  func inspect(_ input: CheckInput) -> CheckFinding
  /// Every pattern the check uses, for listings and docs.
  var patternSources: [String] { get }
  /// The patterns whose near misses explain a verdict not given (`Explainer`).
  var explainablePhrases: [Phrase] { get }
}

/// Builds checks from YAML. Each kind reads its own keys: a key of another kind (`promise:` on
/// a phrase check) is an error naming the kind it belongs to, not silently ignored.
enum CheckFactory {
  /// Keys every kind reads.
  static let commonKeys = ["type", "patterns", "not", "negation"]
  /// Each kind's own keys.
  static let kindKeys: [(kind: String, keys: [String])] = [
    ("phrase", ["weak", "brief", "allow-brief", "if-missed", "if-missed-patterns", "role-patterns"] + RoleFilter.keys),
    ("occurrence", ["max-per-reply", "max-per-conversation", "tally"]),
    (
      "metric",
      [
        "sentence-patterns", "max-sentences", "max-share", "min-sentences", "max-per-conversation", "tally",
        "reasons-per-sentence", "max-repeated-share",
      ]
    ),
    ("commitment", ["promise", "anchor", "kept", "done"]),
  ]
  static var kinds: [String] { kindKeys.map(\.kind) }

  static func make(_ node: Node?, reader: YAMLReader) -> (any Check)? {
    guard let node else { return nil }
    let every = commonKeys + kindKeys.flatMap(\.keys)
    guard let entries = reader.mapping(node, "check", allowed: Array(Set(every)).sorted()) else { return nil }
    guard let typeNode = reader.require(entries, "type", in: "check", at: node),
      let type = reader.string(typeNode, "check type")
    else { return nil }
    guard let own = kindKeys.first(where: { $0.kind == type })?.keys else {
      let hint = Suggest.hint(type, in: kinds)
      reader.error(
        entries["type"], "unknown check type '\(type)'\(hint); known: \(kinds.joined(separator: ", "))", code: "E007")
      return nil
    }
    let allowed = commonKeys + own
    for (key, value) in entries where !allowed.contains(key) {
      let owners = kindKeys.filter { $0.keys.contains(key) }.map(\.kind)
      let hint = Suggest.nearest(key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
      reader.error(
        value,
        "key '\(key)' is not read by a \(type) check (it belongs to \(owners.joined(separator: " and ")) checks)\(hint)",
        code: "E004")
    }
    let policy = MatchPolicy(respectNegation: (reader.string(entries["negation"], "negation") ?? "respect") != "ignore")
    let patterns = reader.matcher(entries["patterns"], "patterns")
    let exclusions = reader.matcher(entries["not"], "not")
    switch type {
    case "phrase":
      var source = PhraseCheck.BriefSource.none
      if let brief = entries["brief"] {
        source =
          reader.choice(brief, "brief", PhraseCheck.BriefSource.self, among: PhraseCheck.BriefSource.allCases) ?? .none
      }
      var ifMissed: PhraseCheck.Conditional?
      if let other = reader.string(entries["if-missed"], "if-missed") {
        if !Rubric.principleIds.contains(other) {
          reader.error(entries["if-missed"], "if-missed names '\(other)', which is not a principle id", code: "E007")
        }
        ifMissed = PhraseCheck.Conditional(
          principle: other, patterns: reader.matcher(entries["if-missed-patterns"], "if-missed-patterns"))
      }
      var groups: [PhraseCheck.RoleGroup] = []
      for item in reader.sequence(entries["role-patterns"], "role-patterns") ?? [] {
        guard let group = reader.mapping(item, "role pattern group", allowed: ["patterns"] + RoleFilter.keys) else {
          continue
        }
        let groupPatterns = reader.matcher(
          reader.require(group, "patterns", in: "role pattern group", at: item), "patterns")
        groups.append(PhraseCheck.RoleGroup(patterns: groupPatterns, roles: RoleFilter.load(group, reader: reader)))
      }
      return PhraseCheck(
        patterns: patterns, exclusions: exclusions, weak: reader.matcher(entries["weak"], "weak"),
        briefSource: source, policy: policy, ifMissed: ifMissed, roles: RoleFilter.load(entries, reader: reader),
        roleGroups: groups,
        allowBrief: reader.bool(entries["allow-brief"], "allow-brief") ?? false)
    case "occurrence":
      return OccurrenceCheck(
        patterns: patterns, exclusions: exclusions, policy: policy,
        maxPerReply: reader.int(entries["max-per-reply"], "max-per-reply", range: 0...100) ?? 1,
        maxPerConversation: reader.int(entries["max-per-conversation"], "max-per-conversation", range: 0...1000),
        tallyKey: reader.string(entries["tally"], "tally"))
    case "metric":
      return MetricCheck(
        direct: patterns,
        sentenceMarkers: reader.matcher(entries["sentence-patterns"], "sentence-patterns"),
        exclusions: exclusions, policy: policy,
        maxSentences: reader.int(entries["max-sentences"], "max-sentences", range: 0...100) ?? 2,
        maxShare: reader.double(entries["max-share"], "max-share") ?? 0.5,
        minSentences: reader.int(entries["min-sentences"], "min-sentences", range: 1...100) ?? 3,
        maxPerConversation: reader.int(entries["max-per-conversation"], "max-per-conversation", range: 0...1000),
        tallyKey: reader.string(entries["tally"], "tally"),
        reasonsPerSentence: reader.int(entries["reasons-per-sentence"], "reasons-per-sentence", range: 1...10) ?? 1,
        maxRepeatedShare: reader.double(entries["max-repeated-share"], "max-repeated-share"))
    default:  // commitment
      return CommitmentCheck(
        promise: reader.matcher(entries["promise"], "promise"),
        anchor: reader.matcher(entries["anchor"], "anchor"),
        kept: reader.matcher(entries["kept"], "kept"),
        done: reader.matcher(entries["done"], "done"),
        exclusions: exclusions, policy: policy)
    }
  }
}

extension PhraseMatcher {
  /// Matches, less those that overlap a match of `exclusions` (a "sorry if you feel" is not an
  /// apology even though it contains "sorry").
  func matches(in text: AnalyzedText, policy: MatchPolicy, excluding exclusions: PhraseMatcher) -> [PhraseMatch] {
    let found = matches(in: text, policy: policy)
    guard !found.isEmpty, !exclusions.isEmpty else { return found }
    let excluded = exclusions.matches(
      in: text, policy: MatchPolicy(respectNegation: false, skipOthersWords: policy.skipOthersWords))
    return found.filter { m in !excluded.contains { $0.start < m.end && m.start < $0.end } }
  }

  var sources: [String] { phrases.map(\.source) }
}
