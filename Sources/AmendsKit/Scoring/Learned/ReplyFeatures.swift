/// What the trained layer reads of a reply: its words and short phrases (one-, two- and
/// three-word n-grams of the normalised forms, within a sentence, never across someone else's
/// quoted words), who acts in each clause and how, which of the rubric's own checks fired, and
/// the context. Each feature is present or not; its first place in the reply is kept, so a
/// learned verdict can show the words that decided it.
///
/// The same code computes the features for training (`amends calibrate --features`, dev items
/// only) and for scoring, so the weights trained in Python meet exactly the features Swift sees.
public struct ReplyFeatures: Sendable {
  /// Feature name → the UTF-8 span of its first occurrence (0..<0 for features with no words:
  /// context, length, rubric hits).
  public private(set) var spans: [String: Range<Int>] = [:]

  public var names: Dictionary<String, Range<Int>>.Keys { spans.keys }

  mutating func add(_ name: String, _ span: Range<Int> = 0..<0) {
    if spans[name] == nil { spans[name] = span }
  }

  /// The features of one reply. `hits` are the rubric checks that fired (by principle id),
  /// `weak` those that found only weak evidence.
  /// From the phrase rubric's findings, in rubric order.
  /// `index`: when given (scoring, the model's `FeatureIndex`), word and phrase features are
  /// spelt out only when the model weighs them; training (`--features`) gives none, and gets
  /// every feature. The model's sums are the same either way.
  static func extract(
    _ text: AnalyzedText, context: ScoringContext, rubric: Rubric, findings: [CheckFinding], index: FeatureIndex? = nil
  ) -> ReplyFeatures {
    let pairs = zip(rubric.principles, findings).map { ($0.0.id, $0.1) }
    return extract(
      text, context: context, findings: pairs, hits: Set(pairs.filter { $0.1.hit }.map(\.0)),
      weak: Set(pairs.filter { $0.1.weakOnly }.map(\.0)), index: index)
  }

  public static func extract(
    _ text: AnalyzedText, context: ScoringContext, hits: Set<String>, weak: Set<String>
  ) -> ReplyFeatures {
    extract(text, context: context, findings: [], hits: hits, weak: weak)
  }

  /// The same, with each rubric pattern that matched as a feature of its own (`pp:<id>:<pattern>`):
  /// finer than "the apology check fired", so the model can learn which of a check's phrases to
  /// trust.
  static func extract(
    _ text: AnalyzedText, context: ScoringContext, findings: [(String, CheckFinding)], hits: Set<String>,
    weak: Set<String>,
    index: FeatureIndex? = nil
  ) -> ReplyFeatures {
    var features = ReplyFeatures()
    let tokens = text.tokens
    // A word's id in the index; `spellOut` without an index, or for a form with "_" in it
    // (which the model's names cannot tell apart), and then every feature is added.
    let spellOut: Int32 = -2
    var previous: [(form: String, start: Int, id: Int32)] = []
    var lastSentence = -1
    var wordCount = 0
    for (position, tokenIndex) in text.words.enumerated() {
      let token = tokens[tokenIndex]
      if token.sentence != lastSentence {
        previous.removeAll(keepingCapacity: true)
        lastSentence = token.sentence
      }
      if token.quoted || token.reported {
        previous.removeAll(keepingCapacity: true)
        continue
      }
      wordCount += 1
      let form = normalised(token)
      // Bytes, not `contains` of a string: Foundation's substring search was a tenth of scoring.
      let id = index.map { form.utf8.contains(UInt8(ascii: "_")) ? spellOut : ($0.ids[form] ?? -1) } ?? spellOut
      // A word that carries no content ("every", "one", "you") is a feature only in a phrase:
      // alone it correlates with whatever the training set happened to hold.
      func isContent() -> Bool { !BriefOverlap.functionWords.contains(form) && !extraFunctionWords.contains(form) }
      let weighed = id == spellOut || id >= 0 && index?.words.contains(id) == true
      if weighed && isContent() { features.add("w:" + form, token.start..<token.end) }
      if let last = previous.last {
        let spelt = last.id == spellOut || id == spellOut
        if spelt || last.id >= 0 && id >= 0 && index?.bigrams.contains(FeatureIndex.pack(last.id, id)) == true {
          features.add("b:" + last.form + "_" + form, last.start..<token.end)
        }
        if previous.count >= 2 {
          let first = previous[previous.count - 2]
          let spelt = spelt || first.id == spellOut
          if spelt
            || first.id >= 0 && last.id >= 0 && id >= 0
              && index?.trigrams.contains(FeatureIndex.pack(first.id, last.id, id)) == true
          {
            features.add("t:" + first.form + "_" + last.form + "_" + form, first.start..<token.end)
          }
        }
      }
      previous.append((form, token.start, id))
      if previous.count > 2 { previous.removeFirst() }
      let mayHaveActor = id == spellOut || id >= 0 && index?.actorForms.contains(id) == true
      if mayHaveActor, isContent(), let role = text.role(at: position), role.actor != .unknown {
        let actor = ClauseRole.Actor.allCases.firstIndex(of: role.actor) ?? 0
        if id == spellOut || index?.actorWords.contains(Int64(actor) << 32 | Int64(id)) == true {
          features.add("a:" + role.actor.rawValue + ":" + form, token.start..<token.end)
        }
      }
    }
    for role in text.clauseRoles {
      guard let first = role.words.first, let last = role.words.last else { continue }
      let span = tokens[text.words[first]].start..<tokens[text.words[last]].end
      features.add("r:" + role.actor.rawValue, span)
      for (name, mode) in ClauseRole.Modes.names where role.modes.contains(mode) {
        features.add("r:" + role.actor.rawValue + ":" + name, span)
        features.add("m:" + name, span)
      }
    }
    for id in hits { features.add("p:" + id) }
    for (id, finding) in findings {
      for match in finding.matches { features.add("pp:" + id + ":" + match.phrase, match.start..<match.end) }
    }
    for id in weak { features.add("pw:" + id) }
    features.add("c:sev:" + context.severity.rawValue)
    features.add("c:kind:" + context.beatKind.rawValue)
    if context.companyAtFault { features.add("c:fault") }
    if context.carriesInput { features.add("c:input") }
    features.add("len:" + lengthBucket(wordCount))
    return features
  }

  /// More words too common to mean anything alone, beyond `BriefOverlap.functionWords`.
  static let extraFunctionWords: Set<String> = [
    "every", "each", "other", "another", "more", "most", "much", "many", "very", "too", "also", "own", "same", "such",
    "there", "here", "out", "off", "over", "down", "back", "well", "way", "yes", "let", "<num>", "<time>", "am", "pm",
  ]

  static func normalised(_ token: Token) -> String {
    switch token.kind {
    case .number: return token.form.utf8.contains(UInt8(ascii: ":")) ? "<time>" : "<num>"
    case .emoji: return "<emoji>"
    default: return token.form
    }
  }

  static func lengthBucket(_ words: Int) -> String {
    switch words {
    case ..<10: return "0-9"
    case ..<30: return "10-29"
    case ..<80: return "30-79"
    case ..<200: return "80-199"
    default: return "200+"
    }
  }
}
