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

  /// Per week (days since the epoch divided by 7) in week order: the sum and count of its
  /// values. A trainee's log runs in time order, so a value almost always lands in the week
  /// of the one before; `recent` remembers where that was, and no value is hashed.
  private struct Bucket: Sendable, Equatable {
    var week: Int
    var sum = 0.0
    var count = 0
  }

  private var buckets: [Bucket] = []
  private var recent = 0

  public init() {}

  public mutating func add(_ value: Double, on day: CivilDate) {
    add(value, week: day.week)
  }

  /// Adds a value to the week with that number (`CivilDate.week`).
  @inline(__always)
  mutating func add(_ value: Double, week: Int, count: Int = 1) {
    if recent < buckets.count, buckets[recent].week == week {
      buckets[recent].sum += value
      buckets[recent].count += count
      return
    }
    addToAnotherWeek(value, week: week, count: count)
  }

  private mutating func addToAnotherWeek(_ value: Double, week: Int, count: Int) {
    let position = firstPosition(notBefore: week)
    if position == buckets.count || buckets[position].week != week {
      buckets.insert(Bucket(week: week), at: position)
    }
    buckets[position].sum += value
    buckets[position].count += count
    recent = position
  }

  private func firstPosition(notBefore week: Int) -> Int {
    var low = 0, high = buckets.count
    while low < high {
      let middle = (low + high) / 2
      if buckets[middle].week < week { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Adds another series' values. The values are whole numbers (scores, 0 or 1), so the sums
  /// are exact whatever order they are added in.
  public mutating func add(_ other: WeeklySeries) {
    for theirs in other.buckets { add(theirs.sum, week: theirs.week, count: theirs.count) }
  }

  public var isEmpty: Bool { buckets.isEmpty }

  public var points: [Point] {
    buckets.map { bucket in
      Point(
        week: CivilDate.monday(ofWeek: bucket.week), mean: bucket.sum / Double(max(bucket.count, 1)),
        count: bucket.count)
    }
  }

  public static func == (a: WeeklySeries, b: WeeklySeries) -> Bool { a.buckets == b.buckets }

  /// The change per 30 days of a least-squares line through the weekly means, weighted by how
  /// many values each week holds; nil with fewer than two weeks.
  public var slopePer30Days: Double? {
    guard buckets.count >= 2 else { return nil }
    var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
    // In week order, so the floating-point sums do not depend on the order values came in.
    for bucket in buckets {
      let w = Double(bucket.count), x = Double(bucket.week), y = bucket.sum / Double(bucket.count)
      n += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y
    }
    let denominator = n * sxx - sx * sx
    guard denominator != 0 else { return nil }
    return (n * sxy - sx * sy) / denominator * 30.0 / 7.0
  }
}
