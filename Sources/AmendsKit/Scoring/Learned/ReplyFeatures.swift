/// What the trained layer reads of a reply: its words and short phrases (one-, two- and
/// three-word n-grams of the normalised forms, within a sentence, never across someone else's
/// quoted words), who acts in each clause and how, which of the rubric's own checks fired, and
/// the context. Each feature is present or not; its first place in the reply is kept, so a
/// learned verdict can show the words that decided it.
///
/// The same walk (`FeatureWalk`) finds the features for training (`amends calibrate
/// --features`, dev items only: every feature by name, here) and for scoring (`ModelFeatures`:
/// only the model's, by row number), so the weights trained in Python meet exactly the features
/// Swift sees.
public struct ReplyFeatures: Sendable {
  /// Feature name → the UTF-8 span of its first occurrence (0..<0 for features with no words:
  /// context, length, rubric hits).
  public private(set) var spans: [String: Range<Int>] = [:]

  public var names: Dictionary<String, Range<Int>>.Keys { spans.keys }

  mutating func add(_ name: String, _ span: Range<Int> = 0..<0) {
    if spans[name] == nil { spans[name] = span }
  }

  /// Every feature of one reply, by name. `findings` are the phrase rubric's, in rubric order.
  static func extract(
    _ text: AnalyzedText, context: ScoringContext, rubric: Rubric, findings: [CheckFinding]
  ) -> ReplyFeatures {
    var names = NameSink()
    FeatureWalk.walk(text, context: context, rubric: rubric, findings: findings, into: &names)
    return names.features
  }

  /// The same from the checks that fired (`hits`, by principle id) and those that found only
  /// weak evidence (`weak`), without the rubric's individual patterns.
  public static func extract(
    _ text: AnalyzedText, context: ScoringContext, hits: Set<String>, weak: Set<String>
  ) -> ReplyFeatures {
    var names = NameSink()
    FeatureWalk.walk(
      text, context: context, principles: [], findings: [], hits: hits.sorted(), weak: weak.sorted(), into: &names)
    return names.features
  }

  /// More words too common to mean anything alone, beyond `BriefOverlap.functionWords`.
  static let extraFunctionWords: Set<String> = [
    "every", "each", "other", "another", "more", "most", "much", "many", "very", "too", "also", "own", "same", "such",
    "there", "here", "out", "off", "over", "down", "back", "well", "way", "yes", "let", "<num>", "<time>", "am", "pm",
  ]

  /// A word that carries no content ("every", "one", "you") is a feature only in a phrase:
  /// alone it correlates with whatever the training set happened to hold.
  static func isContent(_ form: String) -> Bool {
    !BriefOverlap.functionWords.contains(form) && !extraFunctionWords.contains(form)
  }

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

/// Training's sink: every feature, spelt out.
private struct NameSink: FeatureSink {
  var features = ReplyFeatures()

  func id(of token: Int, in text: AnalyzedText) -> Int32 { FeatureWalk.spellOut }
  func mayHaveActor(_ id: Int32) -> Bool { true }

  mutating func word(_ gram: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText) {
    let form = gram.form(in: text)
    if ReplyFeatures.isContent(form) { features.add("w:" + form, span) }
  }
  mutating func bigram(_ a: FeatureWalk.Gram, _ b: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText) {
    features.add("b:" + a.form(in: text) + "_" + b.form(in: text), span)
  }
  mutating func trigram(
    _ a: FeatureWalk.Gram, _ b: FeatureWalk.Gram, _ c: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText
  ) {
    features.add("t:" + a.form(in: text) + "_" + b.form(in: text) + "_" + c.form(in: text), span)
  }
  mutating func actor(_ actor: ClauseRole.Actor, _ gram: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText) {
    let form = gram.form(in: text)
    if ReplyFeatures.isContent(form) { features.add("a:" + actor.rawValue + ":" + form, span) }
  }
  mutating func role(_ role: ClauseRole, span: Range<Int>) {
    features.add("r:" + role.actor.rawValue, span)
    for (name, mode) in ClauseRole.Modes.names where role.modes.contains(mode) {
      features.add("r:" + role.actor.rawValue + ":" + name, span)
      features.add("m:" + name, span)
    }
  }
  mutating func named(_ name: String, span: Range<Int>) { features.add(name, span) }
  mutating func pattern(_ match: PhraseMatch, of principle: String) {
    features.add(FeatureWalk.patternName(match, of: principle), match.start..<match.end)
  }
}
