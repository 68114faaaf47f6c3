/// Why a move was not counted, or why a pitfall was not found: the rubric pattern that came
/// nearest (which of its words the reply has, in which sentence, and which it lacks), and what
/// the trained layer made of the reply (its probability against its threshold, and the words
/// that weighed most). When a phrase did match and the trained layer overruled it, that phrase
/// and its words, and the probability under which the layer overrules one.
/// `:why` in play, `amends check --explain` and `amends test --explain`.
public struct Explanation: Sendable {
  public struct NearPattern: Sendable {
    public var pattern: String
    /// The sentence that came nearest, as written.
    public var sentence: String
    /// The pattern's words the sentence has, and those it lacks.
    public var found: [String]
    public var missing: [String]
  }

  /// A phrase that matched, though the verdict went the other way: the trained layer overruled
  /// it.
  public struct OverruledPhrase: Sendable {
    public var pattern: String
    /// The words it matched, as written.
    public var text: String
  }

  public struct LearnedView: Sendable {
    public var probability: Double
    /// The probability at which the trained layer would have decided: for a verdict it could
    /// have added, where it adds one; for an overruled phrase, where it lets a phrase stand.
    public var needed: Double
    /// The reply's words that pushed towards the verdict, strongest first; for an overruled
    /// phrase, those that pushed against it (negative weights).
    public var features: [(text: String, weight: Double)]
    /// The probability passed the threshold, but no words of the reply pushed towards the
    /// verdict (only its length or context), so the scorer did not add it.
    public var unworded = false
  }

  public var principle: String
  public var verdict: Verdict
  public var near: NearPattern?
  public var overruled: OverruledPhrase?
  public var learned: LearnedView?
}

public enum Explainer {
  /// An explanation for every missed move and avoided pitfall of `assessment`.
  public static func explain(
    _ reply: String, context: ScoringContext, memory: ConversationMemory = ConversationMemory(), scorer: Scorer
  ) -> [Explanation] {
    let text = TextAnalyzer.analyze(reply)
    let assessment = scorer.score(text, context: context, memory: memory)
    let rules = scorer.inspect(text, context: context, memory: memory).0
    let features = scorer.rubric.model.map {
      ModelFeatures.extract(text, context: context, rubric: scorer.rubric, findings: rules, model: $0)
    }
    var explanations: [Explanation] = []
    for (index, principle) in scorer.rubric.principles.enumerated() {
      let verdict = assessment.verdict(principle.id)
      guard verdict == .missed || verdict == .avoided else { continue }
      var explanation = Explanation(principle: principle.id, verdict: verdict)
      // A phrase that matched and was overruled says more than the nearest one that did not.
      if rules[index].hit, let match = rules[index].matches.first {
        explanation.overruled = Explanation.OverruledPhrase(
          pattern: match.phrase, text: text.excerpt(match.start, match.end))
      } else {
        explanation.near = nearest(principle.check.explainablePhrases, in: text)
      }
      if let model = scorer.rubric.model, let features, let column = model.column(of: principle.id) {
        let probability = model.probabilities(features)[column]
        let (add, keep) = model.threshold(column)
        let needed = explanation.overruled == nil ? add : keep
        if needed <= 1 {
          // A clause's role features share its words with each other: the same words are shown
          // once, by their strongest feature, so the three are three different places.
          var top: [(text: String, weight: Double)] = []
          // For an overruled phrase, what pulled the other way is the explanation.
          let against = explanation.overruled != nil
          for feature in model.contributions(features, column: column, positive: !against, limit: 8)
          where top.count < 3 {
            // A rubric check's hit is named as the check, though it carries its phrase's words.
            let shown =
              feature.span.isEmpty || feature.name.hasPrefix("p:") || feature.name.hasPrefix("pw:")
              ? describe(feature.name) : text.excerpt(feature.span.lowerBound, feature.span.upperBound)
            if !top.contains(where: { $0.text == shown }) { top.append((shown, feature.weight)) }
          }
          explanation.learned = Explanation.LearnedView(probability: probability, needed: needed, features: top)
          // The scorer adds a verdict at this probability only with words behind it (`Scorer`).
          explanation.learned?.unworded =
            explanation.overruled == nil && probability >= needed
            && model.contributions(features, column: column, withWordsOnly: true).isEmpty
        }
      }
      explanations.append(explanation)
    }
    return explanations
  }

  /// A feature with no words of its own, in words.
  static func describe(_ feature: String) -> String {
    if feature.hasPrefix("p:") { return "the rubric's \(feature.dropFirst(2)) phrases" }
    if feature.hasPrefix("pw:") { return "only weak \(feature.dropFirst(3)) phrases" }
    if feature.hasPrefix("pp:") {
      return "the rubric phrase `\(feature.split(separator: ":", maxSplits: 2).last ?? "")`"
    }
    if feature.hasPrefix("c:") { return "the context (\(feature.dropFirst(2)))" }
    if feature.hasPrefix("len:") { return "the reply's length (\(feature.dropFirst(4)) words)" }
    return feature
  }

  /// The pattern that came nearest to matching a sentence: most of its required slots filled
  /// by words of one sentence. Nil when none has at least half its slots there.
  static func nearest(_ phrases: [Phrase], in text: AnalyzedText) -> Explanation.NearPattern? {
    var best: (share: Double, found: [String], missing: [String], pattern: String, sentence: Int)?
    for phrase in phrases {
      let slots = phrase.requiredSlotWords
      guard slots.count >= 2 else { continue }
      for (s, range) in text.sentenceWordRanges.enumerated() where !range.isEmpty {
        var found: [String] = [], missing: [String] = []
        for slot in slots {
          if let word = range.lazy.map({ text.tokens[text.words[$0]] }).first(where: { token in
            slot.contains { Phrase.fits($0, token) }
          }) {
            found.append(word.form)
          } else {
            missing.append(slot.first.map(Phrase.label) ?? "?")
          }
        }
        let share = Double(found.count) / Double(slots.count)
        // Near means sharing words that carry meaning: "you" and "to" are in every reply.
        guard share >= 0.5, share < 1, found.contains(where: { !BriefOverlap.functionWords.contains($0) }) else {
          continue
        }
        if best.map({ share > $0.share }) ?? true { best = (share, found, missing, phrase.source, s) }
      }
    }
    guard let best else { return nil }
    let range = text.sentenceWordRanges[best.sentence]
    guard let first = range.first, let last = range.last else { return nil }
    let sentence = text.excerpt(text.tokens[text.words[first]].start, text.tokens[text.words[last]].end)
    return Explanation.NearPattern(pattern: best.pattern, sentence: sentence, found: best.found, missing: best.missing)
  }
}

extension Phrase {
  /// The alternatives of each slot a match cannot do without (optional slots, gaps and word
  /// classes left out; a group counts by its first alternative's words).
  var requiredSlotWords: [[Alternative]] {
    func collect(_ slots: [Slot]) -> [[Alternative]] {
      var out: [[Alternative]] = []
      for slot in slots {
        switch slot {
        case .one(let choice, let optional):
          let literal = choice.alternatives.filter { if case .wordClass = $0 { return false } else { return true } }
          if !optional && !literal.isEmpty { out.append(literal) }
        case .gap: continue
        case .group(let sequences, let optional):
          if !optional, let first = sequences.first { out += collect(first) }
        }
      }
      return out
    }
    return collect(slots)
  }

  static func fits(_ alternative: Alternative, _ token: Token) -> Bool {
    switch alternative {
    case .word(let word, _): return token.form == word
    case .prefix(let stem, let folded):
      return token.form.hasPrefix(stem) || token.plain.hasPrefix(stem)
        || folded.map { token.form.hasPrefix($0) } == true
    case .wordClass: return false
    }
  }

  static func label(_ alternative: Alternative) -> String {
    switch alternative {
    case .word(let word, _): return word
    case .prefix(let stem, _): return stem + "…"
    case .wordClass(let c): return "<\(c.rawValue)>"
    }
  }
}
