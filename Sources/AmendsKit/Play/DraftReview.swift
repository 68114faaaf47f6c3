/// How a rewrite of a colleague's hotheaded draft compares with the draft: which harms it
/// removed, which it kept or added, and which facts it kept or lost.
public struct DraftReview: Sendable, Codable, Equatable {
  public var removed: [String]
  public var kept: [String]
  public var added: [String]
  public var factsKept: [String]
  public var factsLost: [String]
  /// True when the rewrite is nearly the draft unchanged.
  public var unchanged: Bool
  public var deduction: Int

  /// Points lost for each fact of the draft the rewrite dropped, and for sending it unchanged.
  public static let pointsPerLostFact = 8
  public static let pointsForUnchanged = 20

  static func review(
    draft: AnalyzedText, draftAssessment: Assessment, rewrite: AnalyzedText, rewriteAssessment: Assessment,
    keep: [KeptFact]
  ) -> DraftReview {
    let pitfalls = draftAssessment.results.filter { $0.verdict == .violated || $0.verdict == .avoided }.map(\.id)
    let before = Set(draftAssessment.results.filter { $0.verdict == .violated }.map(\.id))
    let after = Set(rewriteAssessment.results.filter { $0.verdict == .violated }.map(\.id))
    var factsKept: [String] = [], factsLost: [String] = []
    for fact in keep {
      let found = !PhraseMatcher(fact.patterns).matches(
        in: rewrite, policy: MatchPolicy(respectNegation: false, skipOthersWords: false)
      ).isEmpty
      if found { factsKept.append(fact.text) } else { factsLost.append(fact.text) }
    }
    let unchanged = similarity(draft, rewrite) > 0.9
    var deduction = factsLost.count * pointsPerLostFact
    if unchanged { deduction += pointsForUnchanged }
    return DraftReview(
      removed: pitfalls.filter { before.contains($0) && !after.contains($0) },
      kept: pitfalls.filter { before.contains($0) && after.contains($0) },
      added: rewriteAssessment.results.map(\.id).filter { after.contains($0) && !before.contains($0) },
      factsKept: factsKept, factsLost: factsLost, unchanged: unchanged, deduction: deduction)
  }

  /// Share of word forms the two texts have in common (Jaccard).
  private static func similarity(_ a: AnalyzedText, _ b: AnalyzedText) -> Double {
    let x = Set(a.words.map { a.tokens[$0].form }), y = Set(b.words.map { b.tokens[$0].form })
    guard !x.isEmpty || !y.isEmpty else { return 1 }
    return Double(x.intersection(y).count) / Double(x.union(y).count)
  }
}
