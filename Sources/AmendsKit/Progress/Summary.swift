import Foundation

/// The derived cache `summary.json`: best scores, verdict tallies and the score trend. Always
/// rebuildable from the log; rebuilt when missing, unreadable or older than the log.
public struct Summary: Codable, Sendable, Equatable {
  public static let schemaVersion = 2

  public struct ScenarioProgress: Codable, Sendable, Equatable {
    public var attempts = 0
    public var completed = 0
    public var best: Int?
    public var lastPlayed: String?
  }

  /// How one principle has gone. Mastery reads only first answers where the principle could be
  /// shown: a retry is practice (counted apart), and a pitfall is "avoided" for mastery only
  /// where the reply could have made it (see `MasteryPolicy`).
  public struct PrincipleTally: Codable, Sendable, Equatable {
    public var met = 0, missed = 0, violated = 0, avoided = 0
    /// The most recent verdicts that count for mastery, oldest first, true when good (at most
    /// `MasteryPolicy.window`).
    public var recent: [Bool] = []
    public var lastPractised: String?
    /// Verdicts of retried answers: practice, never mastery.
    public var practiceGood = 0, practiceTotal = 0

    public var applicable: Int { met + missed + violated + avoided }
    /// Share of good verdicts among the recent ones.
    public var mastery: Double? { recent.isEmpty ? nil : Double(recent.filter { $0 }.count) / Double(recent.count) }

    enum CodingKeys: String, CodingKey {
      case met, missed, violated, avoided, recent, lastPractised
      case practiceGood = "practice_good"
      case practiceTotal = "practice_total"
    }
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
  /// First answers scored (mastery reads these) and retried answers (practice).
  public var turns = 0
  public var retries = 0

  enum CodingKeys: String, CodingKey {
    case schema, user, scenarios, principles, trend, turns, retries
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
        summary.trend.append(
          TrendPoint(
            attempt: attempt.number, scenario: attempt.scenario, score: score, at: attempt.finished ?? attempt.started))
      }
      summary.scenarios[attempt.scenario] = progress
      for turn in attempt.events where turn.event == .turnScored {
        if turn.retry == true { summary.retries += 1 } else { summary.turns += 1 }
        for (id, verdict) in turn.verdicts ?? [:] where verdict != .notApplicable {
          var tally = summary.principles[id] ?? PrincipleTally()
          defer { summary.principles[id] = tally }
          guard turn.retry != true else {
            tally.practiceTotal += 1
            if verdict.isGood { tally.practiceGood += 1 }
            continue
          }
          switch verdict {
          case .met: tally.met += 1
          case .missed: tally.missed += 1
          case .violated: tally.violated += 1
          case .avoided: tally.avoided += 1
          case .notApplicable: break
          }
          guard MasteryPolicy.counts(verdict, of: id, in: turn) else { continue }
          tally.recent.append(verdict.isGood)
          if tally.recent.count > MasteryPolicy.window {
            tally.recent.removeFirst(tally.recent.count - MasteryPolicy.window)
          }
          tally.lastPractised = turn.at
        }
      }
    }
    return summary
  }
}

/// Which answers show a principle: what mastery is made of.
public enum MasteryPolicy {
  /// Mastery looks at this many of the latest verdicts that count.
  public static let window = 20
  /// A reply this long could have made any pitfall (excuses, spin, a bribe): avoiding one
  /// there shows something. "Yes please!" shows nothing, unless the beat invited the pitfall.
  public static let wordsToShowAPitfall = 15

  /// Whether a first answer's verdict counts for mastery. Moves always do (a missed move is a
  /// real miss); an avoided pitfall only where the beat expected it or the reply was long
  /// enough to make it. A violation always counts.
  public static func counts(_ verdict: Verdict, of principle: String, in turn: LogEvent) -> Bool {
    guard verdict == .avoided else { return true }
    if turn.expects?.contains(principle) == true { return true }
    return wordCount(turn.reply ?? "") >= wordsToShowAPitfall
  }

  static func wordCount(_ text: String) -> Int {
    text.split(whereSeparator: { $0.isWhitespace }).count
  }
}
