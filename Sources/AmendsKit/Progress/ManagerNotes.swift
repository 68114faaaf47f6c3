import Foundation

/// A manager's notes as the trainee sees them: every review of their attempts, and which of
/// them they have not been shown yet. What was shown is remembered in
/// `users/<name>/notes-seen` (the number of reviews read), so a note is "new" exactly once.
public struct ManagerNotes: Sendable {
  public let reviews: [Review]
  /// How many of `reviews` (in file order) the trainee had already been shown.
  public let seen: Int

  public var unseen: ArraySlice<Review> { reviews.dropFirst(min(seen, reviews.count)) }

  public static func load(_ store: UserStore) throws -> ManagerNotes {
    let (reviews, _) = try ReviewLog(store: store).read()
    let seen =
      (try? SafeFile.read(seenURL(store))).flatMap {
        Int(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
      } ?? 0
    return ManagerNotes(reviews: reviews, seen: seen)
  }

  /// Records that every note was shown.
  public func markSeen(_ store: UserStore) throws {
    guard seen != reviews.count, store.exists else { return }
    try SafeFile.replace(Self.seenURL(store), with: Data("\(reviews.count)\n".utf8))
  }

  static func seenURL(_ store: UserStore) -> URL { store.folder.appendingPathComponent("notes-seen") }

  /// One note for the trainee: which attempt and turn, who, when, what, and any reviewed score.
  public static func line(_ review: Review, attempts: [AttemptRecord], painter: Painter) -> String {
    let scenario = attempts.first { $0.number == review.attempt }?.scenario
    var place = "attempt \(review.attempt)" + (scenario.map { " (\($0))" } ?? "")
    if let turn = review.turn { place += ", turn \(turn)" }
    var text = "\(place), \(painter.safe(review.reviewer)) on \(review.at.prefix(10)): “\(painter.safe(review.note))”"
    if let score = review.override {
      text += " Reviewed score \(score)" + (review.reason.map { " (\(painter.safe($0)))" } ?? "") + "."
    }
    return text
  }
}
