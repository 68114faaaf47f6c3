/// The rules that turn an attempt's turns into its score, in one place for the two readers of a
/// log: `AttemptRecord`, which holds every event of an attempt, and the report's
/// `UserLogReader`, which streams a team's logs and forgets each turn once it is settled.
///
/// - A retry of the same beat replaces the answer it retried; any other turn settles it.
/// - A skipped beat counts as 0.
/// - The score is the mean of the counted turns, rounded half away from zero.
/// - A manager's review overrides single turns, or the whole attempt (which wins).
public struct AttemptScore: Sendable, Equatable {
  public private(set) var turns = 0
  private var automaticSum = 0
  private var reviewedSum = 0
  /// Whether a turn override changed any counted turn.
  public private(set) var touchedByOverride = false

  public init() {}

  /// Whether a turn takes the place of the one before it rather than settling it.
  public static func replacesPrevious<Beat: Equatable>(isRetry: Bool, beat: Beat, previousBeat: Beat?) -> Bool {
    isRetry && previousBeat == beat
  }

  /// What a turn adds to the sum: its score, or 0 for a skipped beat.
  public static func counted(score: Int?, skipped: Bool) -> Int { skipped ? 0 : (score ?? 0) }

  /// Adds a settled turn, with the manager's override of it if there is one.
  public mutating func add(_ score: Int, override: Int? = nil) {
    turns += 1
    automaticSum += score
    reviewedSum += override ?? score
    if override != nil { touchedByOverride = true }
  }

  /// The automatic score, nil before any turn.
  public var automatic: Int? { Self.mean(automaticSum, turns) }

  /// The reviewed score: the attempt's override, else the mean with turn overrides in place.
  public func reviewed(attemptOverride: Int?) -> Int? {
    attemptOverride ?? Self.mean(reviewedSum, turns)
  }

  private static func mean(_ sum: Int, _ count: Int) -> Int? {
    count == 0 ? nil : Int((Double(sum) / Double(count)).rounded())
  }
}
