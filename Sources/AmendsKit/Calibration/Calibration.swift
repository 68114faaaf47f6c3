import Foundation

/// How far the scorer agrees with people on one set of the corpus: per principle, on the
/// items where both the labels and the scorer find it applies; Spearman between score and
/// quality (or a page's judgment); band agreement; for published responses, how often a good
/// one outscores a bad one.
public struct SetMeasurement: Sendable {
  public struct PrincipleStats: Sendable {
    public var id: String
    /// "Positive" is what a detector fires on: met for a move, violated for a pitfall.
    public var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
    /// Items where the labels and the scorer disagree on whether the principle applies at all.
    public var applicabilityDisagreements = 0

    /// The labelled positives compared (met or violated in the labels).
    public var support: Int { truePositives + falseNegatives }
    public var compared: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    public var precision: Double? {
      truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double? { support == 0 ? nil : Double(truePositives) / Double(support) }
    /// Nil when the set has no labelled positive: such a principle is left out of macro-F1.
    public var f1: Double? {
      guard support > 0 else { return nil }
      let p = precision ?? 0, r = recall ?? 0
      return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
  }

  /// One disagreement, kept only for a set whose items may be listed (dev).
  public struct Disagreement: Sendable {
    public var item: String
    public var path: String
    public var line: Int
    public var principle: String
    public var expected: Verdict
    public var actual: Verdict
    public var evidence: [Evidence]
  }

  public var set: CorpusSet
  public var items: Int
  public var principles: [PrincipleStats]
  public var spearman: Double?
  public var pairwise: Double?
  public var bandAgreement: Double?
  public var disagreements: [Disagreement] = []
  /// The mean score of the items of each quality (1–5), or of each judgment's rank (1 bad, 2
  /// mixed, 3 good), and the share of items scored exactly 0: how the scores spread.
  public var meanScoreByTarget: [Int: Double] = [:]
  public var zeroShare: Double?
  /// Items whose band differs from their quality's: (id, path, line, expected, actual, score).
  public var bandMisses: [(item: String, path: String, line: Int, expected: Band, actual: Band, score: Int)] = []
  /// For a set of published responses that may be listed (real-dev): each one's judgment and
  /// score, so a good one scored below bad ones can be read.
  public var judged: [(item: String, path: String, line: Int, judgment: Judgment, score: Int)] = []

  /// The mean F1 of the principles with labelled positives; nil when no principle has any.
  public var macroF1: Double? {
    let scores = principles.compactMap(\.f1)
    return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
  }
}

/// Measures the scorer on every set of the corpus.
public enum Calibration {
  public static func measure(
    _ items: [CorpusItem], scorer: Scorer, sets: [CorpusSet] = CorpusSet.allCases
  ) -> [SetMeasurement] {
    sets.map { set in measure(items.filter { $0.set == set }, set: set, scorer: scorer) }
  }

  static func measure(_ items: [CorpusItem], set: CorpusSet, scorer: Scorer) -> SetMeasurement {
    var stats = Dictionary(
      uniqueKeysWithValues: Rubric.principleIds.map { ($0, SetMeasurement.PrincipleStats(id: $0)) })
    var result = SetMeasurement(set: set, items: items.count, principles: [])
    var scores: [Double] = [], targets: [Double] = []
    var bandHits = 0, banded = 0
    var good: [Int] = [], bad: [Int] = []
    for item in items {
      var memory = ConversationMemory()
      for earlier in item.earlier { memory = scorer.score(earlier, context: item.context, memory: memory).memory }
      let assessment = scorer.score(item.reply, context: item.context, memory: memory)
      if let quality = item.quality {
        scores.append(Double(assessment.score))
        targets.append(Double(quality))
      } else if let judgment = item.judgment {
        scores.append(Double(assessment.score))
        targets.append(Double(judgment.rank))
        if judgment == .good { good.append(assessment.score) } else if judgment == .bad { bad.append(assessment.score) }
        if set.mayBeListed { result.judged.append((item.id, item.path, item.line, judgment, assessment.score)) }
      }
      if let expected = item.expectedBand {
        banded += 1
        if expected == assessment.band {
          bandHits += 1
        } else if set.mayBeListed {
          result.bandMisses.append((item.id, item.path, item.line, expected, assessment.band, assessment.score))
        }
      }
      for (id, expected) in item.verdicts {
        guard let kind = Rubric.principleKinds[id] else { continue }
        let actual = assessment.verdict(id)
        if expected == .notApplicable || actual == .notApplicable {
          if expected != actual { stats[id]?.applicabilityDisagreements += 1 }
          continue
        }
        let positive: Verdict = kind == .move ? .met : .violated
        switch (expected == positive, actual == positive) {
        case (true, true): stats[id]?.truePositives += 1
        case (false, true): stats[id]?.falsePositives += 1
        case (true, false): stats[id]?.falseNegatives += 1
        case (false, false): stats[id]?.trueNegatives += 1
        }
        // The sealed and real sets are measured in aggregate only: their items are never kept.
        if expected != actual && set.mayBeListed {
          let evidence = assessment.results.first { $0.id == id }?.evidence ?? []
          result.disagreements.append(
            .init(
              item: item.id, path: item.path, line: item.line, principle: id, expected: expected, actual: actual,
              evidence: evidence))
        }
      }
    }
    result.principles = Rubric.principleIds.compactMap { stats[$0] }
    var byTarget: [Int: [Double]] = [:]
    for (score, target) in zip(scores, targets) { byTarget[Int(target), default: []].append(score) }
    result.meanScoreByTarget = byTarget.mapValues { $0.reduce(0, +) / Double($0.count) }
    result.zeroShare = scores.isEmpty ? nil : Double(scores.filter { $0 == 0 }.count) / Double(scores.count)
    result.spearman = Statistics.spearman(scores, targets)
    result.bandAgreement = banded == 0 ? nil : Double(bandHits) / Double(banded)
    result.pairwise = Statistics.pairwise(better: good, worse: bad)
    return result
  }
}

/// Rank statistics for calibration.
public enum Statistics {
  /// Spearman's rank correlation, ties given their mean rank; nil under 3 values or when
  /// either side does not vary.
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 3 else { return nil }
    return pearson(ranks(x), ranks(y))
  }

  static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
      let mean = Double(i + j) / 2 + 1
      for k in i...j { ranks[order[k]] = mean }
      i = j + 1
    }
    return ranks
  }

  static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) {
      sxy += (a - mx) * (b - my)
      sxx += (a - mx) * (a - mx)
      syy += (b - my) * (b - my)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
  }

  /// The share of (better, worse) pairs where the better scores higher, a tie counting half;
  /// nil when either side is empty.
  public static func pairwise(better: [Int], worse: [Int]) -> Double? {
    guard !better.isEmpty, !worse.isEmpty else { return nil }
    var wins = 0.0
    for b in better {
      for w in worse { wins += b > w ? 1 : b == w ? 0.5 : 0 }
    }
    return wins / Double(better.count * worse.count)
  }
}
