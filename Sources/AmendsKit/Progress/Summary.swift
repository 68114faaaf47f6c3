import Foundation

/// The derived cache `summary.json`: best scores, verdict tallies and the score trend. Always
/// rebuildable from the log; rebuilt when missing, unreadable or older than the log.
public struct Summary: Codable, Sendable, Equatable {
  public static let schemaVersion = 1

  public struct ScenarioProgress: Codable, Sendable, Equatable {
    public var attempts = 0
    public var completed = 0
    public var best: Int?
    public var lastPlayed: String?
  }

  public struct PrincipleTally: Codable, Sendable, Equatable {
    public var met = 0, missed = 0, violated = 0, avoided = 0
    /// The most recent applicable verdicts, oldest first, true when good (at most 20).
    public var recent: [Bool] = []
    public var lastPractised: String?

    public var applicable: Int { met + missed + violated + avoided }
    /// Share of good verdicts among the recent ones.
    public var mastery: Double? { recent.isEmpty ? nil : Double(recent.filter { $0 }.count) / Double(recent.count) }
  }

  public struct TrendPoint: Codable, Sendable, Equatable {
    public var attempt: Int
    public var scenario: String
    public var score: Int
    public var at: String
  }

  public var schema = Summary.schemaVersion
  public var user: String
  /// Size of the log this summary was built from; a different size means it is stale.
  public var logBytes: Int
  public var scenarios: [String: ScenarioProgress] = [:]
  public var principles: [String: PrincipleTally] = [:]
  public var trend: [TrendPoint] = []
  public var turns = 0

  enum CodingKeys: String, CodingKey {
    case schema, user, scenarios, principles, trend, turns
    case logBytes = "log_bytes"
  }

  public static func build(user: String, logBytes: Int, attempts: [AttemptRecord]) -> Summary {
    var summary = Summary(user: user, logBytes: logBytes)
    for attempt in attempts {
      var progress = summary.scenarios[attempt.scenario] ?? ScenarioProgress()
      progress.attempts += 1
      progress.lastPlayed = max(progress.lastPlayed ?? "", attempt.events.last?.at ?? attempt.started)
      if attempt.isFinished, let score = attempt.score {
        progress.completed += 1
        progress.best = max(progress.best ?? 0, score)
        summary.trend.append(TrendPoint(attempt: attempt.number, scenario: attempt.scenario, score: score, at: attempt.finished ?? attempt.started))
      }
      summary.scenarios[attempt.scenario] = progress
      for turn in attempt.effectiveTurns where turn.event == .turnScored {
        summary.turns += 1
        for (id, verdict) in turn.verdicts ?? [:] where verdict != .notApplicable {
          var tally = summary.principles[id] ?? PrincipleTally()
          switch verdict {
          case .met: tally.met += 1
          case .missed: tally.missed += 1
          case .violated: tally.violated += 1
          case .avoided: tally.avoided += 1
          case .notApplicable: break
          }
          tally.recent.append(verdict.isGood)
          if tally.recent.count > 20 { tally.recent.removeFirst(tally.recent.count - 20) }
          tally.lastPractised = turn.at
          summary.principles[id] = tally
        }
      }
    }
    return summary
  }
}
