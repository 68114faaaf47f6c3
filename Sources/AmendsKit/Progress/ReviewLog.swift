import Foundation

/// A manager's note on an attempt or one of its turns, optionally overriding the automatic
/// score. One JSON line of `users/<name>/reviews.jsonl`; the trainee's log is never rewritten.
public struct Review: Codable, Sendable, Equatable {
  public static let schemaVersion = 1

  public var schema: Int = Review.schemaVersion
  public var event = "review"
  public var at: String
  public var reviewer: String
  public var attempt: Int
  /// The turn number as the log and `amends transcript` show it; nil for the whole attempt.
  public var turn: Int?
  public var note: String
  /// The reviewed score, 0–100, replacing the automatic one in reports' reviewed columns.
  public var override: Int?
  public var reason: String?

  public init(
    at: Date = Date(), reviewer: String, attempt: Int, turn: Int?, note: String, override: Int? = nil,
    reason: String? = nil
  ) {
    self.at = Timestamp.format(at)
    self.reviewer = reviewer
    self.attempt = attempt
    self.turn = turn
    self.note = note
    self.override = override
    self.reason = reason
  }
}

/// `users/<name>/reviews.jsonl`: managers' notes and score overrides, appended under a lock.
public struct ReviewLog: Sendable {
  public let url: URL

  public init(url: URL) { self.url = url }

  public init(store: UserStore) { self.url = store.folder.appendingPathComponent("reviews.jsonl") }

  public func append(_ review: Review) throws {
    try SafeFile.append(try LogLinePolicy.line(review), to: url)
  }

  /// Every readable review in file order, and a problem for each line skipped under
  /// `LogLinePolicy`.
  public func read() throws -> (reviews: [Review], problems: [LogProblem]) {
    try LogLinePolicy.read(Review.self, from: url)
  }
}

/// The score overrides of one user's reviews, latest first-come-last-wins, by attempt and turn.
public struct ReviewedScores: Sendable {
  /// attempt → override of the whole attempt.
  public private(set) var attempts: [Int: Int] = [:]
  /// attempt → turn → override of that turn.
  public private(set) var turns: [Int: [Int: Int]] = [:]
  /// attempt → number of notes.
  public private(set) var notes: [Int: Int] = [:]

  public init(_ reviews: [Review] = []) {
    for review in reviews {
      notes[review.attempt, default: 0] += 1
      guard let score = review.override else { continue }
      if let turn = review.turn {
        turns[review.attempt, default: [:]][turn] = score
      } else {
        attempts[review.attempt] = score
      }
    }
  }

  public var isEmpty: Bool { attempts.isEmpty && turns.isEmpty }
  public var noteCount: Int { notes.values.reduce(0, +) }
}

/// Checks a manager's review against the trainee's log before it is appended: the attempt and
/// turn must exist, an override must be 0–100 and come with a reason, the note must say
/// something.
public enum ReviewRecorder {
  public struct Rejected: Error, CustomStringConvertible {
    public let description: String
  }

  @discardableResult
  public static func record(_ review: Review, in store: UserStore) throws -> Review {
    guard store.exists else {
      throw Rejected(description: "no trainee '\(store.user)' in \(displayPath(store.data.usersFolder))")
    }
    if review.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw Rejected(description: "--note is empty: say what the trainee should know")
    }
    if let score = review.override {
      guard (0...100).contains(score) else {
        throw Rejected(description: "--override must be a score from 0 to 100, not \(score)")
      }
      guard let reason = review.reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw Rejected(description: "--override needs --reason: say why the automatic score was wrong")
      }
    } else if review.reason != nil {
      throw Rejected(
        description: "--reason explains an --override; give --override SCORE too, or put the text in --note")
    }
    let attempts = try store.attempts().attempts
    guard let attempt = attempts.first(where: { $0.number == review.attempt }) else {
      let known = attempts.map { String($0.number) }
      throw Rejected(
        description:
          "\(store.user) has no attempt \(review.attempt); attempts: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
      )
    }
    if let turn = review.turn {
      let turns = attempt.events.compactMap(\.turn)
      guard turns.contains(turn) else {
        throw Rejected(
          description:
            "attempt \(review.attempt) of \(store.user) has no turn \(turn); turns: \(turns.isEmpty ? "none" : turns.map(String.init).joined(separator: ", "))"
        )
      }
    }
    try ReviewLog(store: store).append(review)
    return review
  }
}
