import Yams

/// Which clauses a match may stand in, by their roles (`ClauseRole`): who acts, and what the
/// clause does. A remedy must be something our side does ("You can claim it back from your card
/// issuer" is no remedy); an apology in a sentence conditioned on the customer's feelings is no
/// apology. Declared in the rubric's YAML, checked here.
struct RoleFilter: Sendable {
  var actors: Set<ClauseRole.Actor>?
  var excludedActors: Set<ClauseRole.Actor> = []
  /// The clause must do one of these (when set).
  var modes: ClauseRole.Modes?
  var excludedModes: ClauseRole.Modes = []
  /// No clause of the match's sentence may do one of these.
  var sentenceExcludedModes: ClauseRole.Modes = []

  static let keys = ["actor", "not-actor", "mode", "not-mode", "unless-sentence"]

  var isEmpty: Bool {
    actors == nil && excludedActors.isEmpty && modes == nil && excludedModes.isEmpty && sentenceExcludedModes.isEmpty
  }

  func allows(_ match: PhraseMatch, in text: AnalyzedText) -> Bool {
    guard !isEmpty else { return true }
    if let role = text.role(at: match.firstWord) {
      if let actors, !actors.contains(role.actor) { return false }
      if excludedActors.contains(role.actor) { return false }
      if let modes, role.modes.isDisjoint(with: modes) { return false }
      if !role.modes.isDisjoint(with: excludedModes) { return false }
    }
    if !sentenceExcludedModes.isEmpty {
      let sentence =
        text.sentenceWordRanges.indices.contains(match.sentence) ? text.sentenceWordRanges[match.sentence] : 0..<0
      if text.clauseRoles.contains(where: {
        $0.words.overlaps(sentence) && !$0.modes.isDisjoint(with: sentenceExcludedModes)
      }) {
        return false
      }
    }
    return true
  }

  func filter(_ matches: [PhraseMatch], in text: AnalyzedText) -> [PhraseMatch] {
    isEmpty ? matches : matches.filter { allows($0, in: text) }
  }

  /// Reads the role keys of a check or pattern group.
  static func load(_ entries: [String: Node], reader: YAMLReader) -> RoleFilter {
    func actors(_ key: String) -> Set<ClauseRole.Actor>? {
      guard let names = reader.strings(entries[key], key) else { return nil }
      var found = Set<ClauseRole.Actor>()
      for name in names {
        if let actor = ClauseRole.Actor(rawValue: name) {
          found.insert(actor)
        } else {
          let all = ClauseRole.Actor.allCases.map(\.rawValue)
          reader.error(
            entries[key],
            "\(key) must name actors among \(all.joined(separator: ", ")), not '\(name)'\(Suggest.hint(name, in: all))",
            code: "E007")
        }
      }
      return found
    }
    func modes(_ key: String) -> ClauseRole.Modes? {
      guard let names = reader.strings(entries[key], key) else { return nil }
      var found: ClauseRole.Modes = []
      for name in names {
        if let mode = ClauseRole.Modes.names.first(where: { $0.0 == name })?.1 {
          found.insert(mode)
        } else {
          let all = ClauseRole.Modes.names.map(\.0)
          reader.error(
            entries[key],
            "\(key) must name modes among \(all.joined(separator: ", ")), not '\(name)'\(Suggest.hint(name, in: all))",
            code: "E007")
        }
      }
      return found
    }
    return RoleFilter(
      actors: actors("actor"), excludedActors: actors("not-actor") ?? [], modes: modes("mode"),
      excludedModes: modes("not-mode") ?? [], sentenceExcludedModes: modes("unless-sentence") ?? [])
  }
}
