/// Counts of one principle's verdicts. "Good" is met (a move) or avoided (a pitfall).
public struct VerdictTally: Sendable, Equatable {
  public var met = 0, missed = 0, violated = 0, avoided = 0

  public init() {}

  public mutating func add(_ verdict: Verdict) {
    switch verdict {
    case .met: met += 1
    case .missed: missed += 1
    case .violated: violated += 1
    case .avoided: avoided += 1
    case .notApplicable: break
    }
  }

  public mutating func add(_ other: VerdictTally) {
    met += other.met
    missed += other.missed
    violated += other.violated
    avoided += other.avoided
  }

  /// Turns where the principle applied (every verdict but not-applicable).
  public var applicable: Int { met + missed + violated + avoided }
  public var good: Int { met + avoided }
  /// Share of applicable turns with a good verdict; nil when it never applied.
  public var goodRate: Double? { applicable == 0 ? nil : Double(good) / Double(applicable) }
  public func rate(_ count: Int) -> Double? { applicable == 0 ? nil : Double(count) / Double(applicable) }
}

/// A running count, sum and best of scores.
public struct ScoreTally: Sendable, Equatable {
  public var count = 0
  public var sum = 0
  public var best: Int?

  public init() {}

  public mutating func add(_ score: Int) {
    count += 1
    sum += score
    best = max(best ?? score, score)
  }

  public mutating func add(_ other: ScoreTally) {
    count += other.count
    sum += other.sum
    if let theirs = other.best { best = max(best ?? theirs, theirs) }
  }

  public var mean: Double? { count == 0 ? nil : Double(sum) / Double(count) }
}

/// Values averaged per Monday-based week; its size grows with the weeks covered, never with
/// the number of turns.
public struct WeeklySeries: Sendable, Equatable {
  public struct Point: Sendable, Equatable {
    /// The Monday that starts the week.
    public var week: CivilDate
    public var mean: Double
    public var count: Int
  }

  /// Per week (days since the epoch divided by 7): the sum and count of its values. One
  /// dictionary, so adding a value hashes its week once.
  private struct Bucket: Sendable, Equatable {
    var sum = 0.0
    var count = 0

    mutating func add(sum: Double, count: Int) {
      self.sum += sum
      self.count += count
    }
  }

  private var buckets: [Int: Bucket] = [:]

  public init() {}

  public mutating func add(_ value: Double, on day: CivilDate) {
    buckets[day.week, default: Bucket()].add(sum: value, count: 1)
  }

  /// Adds another series' values. The values are whole numbers (scores, 0 or 1), so the sums
  /// are exact whatever order they are added in.
  public mutating func add(_ other: WeeklySeries) {
    for (week, theirs) in other.buckets {
      buckets[week, default: Bucket()].add(sum: theirs.sum, count: theirs.count)
    }
  }

  public var isEmpty: Bool { buckets.isEmpty }

  public var points: [Point] {
    buckets.keys.sorted().map { week in
      let bucket = buckets[week] ?? Bucket()
      return Point(week: CivilDate.monday(ofWeek: week), mean: bucket.sum / Double(max(bucket.count, 1)), count: bucket.count)
    }
  }

  /// The change per 30 days of a least-squares line through the weekly means, weighted by how
  /// many values each week holds; nil with fewer than two weeks.
  public var slopePer30Days: Double? {
    guard buckets.count >= 2 else { return nil }
    var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
    // In week order, so the floating-point sums do not depend on the dictionary's order.
    for week in buckets.keys.sorted() {
      let bucket = buckets[week] ?? Bucket()
      let w = Double(bucket.count), x = Double(week), y = bucket.sum / Double(bucket.count)
      n += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y
    }
    let denominator = n * sxx - sx * sx
    guard denominator != 0 else { return nil }
    return (n * sxy - sx * sy) / denominator * 30.0 / 7.0
  }
}
