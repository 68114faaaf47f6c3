/// Receives a reply's features as `FeatureWalk` finds them: by name for training
/// (`ReplyFeatures`), by the model's row numbers for scoring (`ModelFeatures`).
protocol FeatureSink {
  /// A word's number for the n-gram look-ups, or `FeatureWalk.spellOut` when the sink needs
  /// the names. `token` is its index in `text.tokens`.
  func id(of token: Int, in text: AnalyzedText) -> Int32
  /// Whether a word with this number can be an actor feature (so its clause's role is worth
  /// looking up).
  func mayHaveActor(_ id: Int32) -> Bool
  mutating func word(_ gram: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText)
  mutating func bigram(_ a: FeatureWalk.Gram, _ b: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText)
  mutating func trigram(
    _ a: FeatureWalk.Gram, _ b: FeatureWalk.Gram, _ c: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText)
  mutating func actor(_ actor: ClauseRole.Actor, _ gram: FeatureWalk.Gram, span: Range<Int>, in text: AnalyzedText)
  mutating func role(_ role: ClauseRole, span: Range<Int>)
  /// A feature with no words of its own (rubric hits, context, length).
  mutating func named(_ name: String, span: Range<Int>)
  /// A rubric pattern that matched: `pp:<principle>:<pattern>`.
  mutating func pattern(_ match: PhraseMatch, of principle: String)
}

/// One walk over a reply that finds every feature the trained layer knows, in one order, for
/// training and scoring alike.
enum FeatureWalk {
  /// The id of a form the sink wants spelt out (training, or a form with "_" in it, which the
  /// model's n-gram names cannot tell apart).
  static let spellOut: Int32 = -2

  /// A word of an n-gram: its token, where it starts, its id. Its form (`form(in:)`) is spelt
  /// only when a sink needs the name: copying strings word by word was most of the walk.
  struct Gram {
    var token: Int
    var start: Int
    var id: Int32

    func form(in text: AnalyzedText) -> String { ReplyFeatures.normalised(text.tokens[token]) }
  }

  static func patternName(_ match: PhraseMatch, of principle: String) -> String {
    "pp:" + principle + ":" + match.phrase
  }

  static func walk<Sink: FeatureSink>(
    _ text: AnalyzedText, context: ScoringContext, rubric: Rubric, findings: [CheckFinding], into sink: inout Sink
  ) {
    var ids: [String] = []
    var hits: [String] = []
    var weak: [String] = []
    ids.reserveCapacity(findings.count)
    for (principle, finding) in zip(rubric.principles, findings) {
      ids.append(principle.id)
      if finding.hit { hits.append(principle.id) }
      if finding.weakOnly { weak.append(principle.id) }
    }
    walk(text, context: context, principles: ids, findings: findings, hits: hits, weak: weak, into: &sink)
  }

  /// `findings` (of `principles`, one each) give each rubric pattern that matched as a feature
  /// of its own (`pp:<id>:<pattern>`): finer than "the apology check fired", so the model can
  /// learn which of a check's phrases to trust. `hits` and `weak` are the principles whose
  /// checks fired and those that found only weak evidence.
  static func walk<Sink: FeatureSink>(
    _ text: AnalyzedText, context: ScoringContext, principles: [String], findings: [CheckFinding], hits: [String],
    weak: [String], into sink: inout Sink
  ) {
    let tokens = text.tokens
    // The two words before this one in the same stretch of the writer's own words.
    var before: Gram?
    var last: Gram?
    var lastSentence = -1
    var wordCount = 0
    for (position, tokenIndex) in text.words.enumerated() {
      let sentence = tokens[tokenIndex].sentence
      if sentence != lastSentence {
        (before, last) = (nil, nil)
        lastSentence = sentence
      }
      if tokens[tokenIndex].quoted || tokens[tokenIndex].reported {
        (before, last) = (nil, nil)
        continue
      }
      wordCount += 1
      // A form the sink knows has no "_" in it (the names split on it), so only an unknown one is
      // asked about, through the lexicon's facts (Foundation's substring search was a tenth of
      // scoring).
      var id = sink.id(of: tokenIndex, in: text)
      if id == -1 && tokens[tokenIndex].kind == .word && tokens[tokenIndex].facts.contains(.underscore) {
        id = spellOut
      }
      let start = tokens[tokenIndex].start, end = tokens[tokenIndex].end
      let gram = Gram(token: tokenIndex, start: start, id: id)
      sink.word(gram, span: start..<end, in: text)
      if let last {
        sink.bigram(last, gram, span: last.start..<end, in: text)
        if let before { sink.trigram(before, last, gram, span: before.start..<end, in: text) }
      }
      (before, last) = (last, gram)
      if sink.mayHaveActor(id), let role = text.role(at: position), role.actor != .unknown {
        sink.actor(role.actor, gram, span: start..<end, in: text)
      }
    }
    for role in text.clauseRoles {
      guard let first = role.words.first, let last = role.words.last else { continue }
      sink.role(role, span: tokens[text.words[first]].start..<tokens[text.words[last]].end)
    }
    // A check's hit carries the words of its first match: when it weighs in another
    // principle's learned verdict, those words are that verdict's evidence.
    for id in hits { sink.named("p:" + id, span: firstMatch(of: id, principles: principles, findings: findings)) }
    for (principle, finding) in zip(principles, findings) {
      for match in finding.matches { sink.pattern(match, of: principle) }
    }
    for id in weak { sink.named("pw:" + id, span: firstMatch(of: id, principles: principles, findings: findings)) }
    sink.named("c:sev:" + context.severity.rawValue, span: 0..<0)
    sink.named("c:kind:" + context.beatKind.rawValue, span: 0..<0)
    if context.companyAtFault { sink.named("c:fault", span: 0..<0) }
    if context.carriesInput { sink.named("c:input", span: 0..<0) }
    sink.named("len:" + ReplyFeatures.lengthBucket(wordCount), span: 0..<0)
  }

  /// The span of principle `id`'s first match, or an empty one when its check matched no words.
  private static func firstMatch(of id: String, principles: [String], findings: [CheckFinding]) -> Range<Int> {
    guard let index = principles.firstIndex(of: id), index < findings.count,
      let match = findings[index].matches.first
    else { return 0..<0 }
    return match.start..<match.end
  }
}
