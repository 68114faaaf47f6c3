import Foundation

/// A user's append-only attempt log, `users/<name>/attempts.jsonl`: the source of truth for
/// their progress. Each event is one JSON line, appended under a lock and fsynced, so a killed
/// terminal loses at most the reply being typed.
public struct AttemptLog: Sendable {
  public let url: URL

  public init(url: URL) { self.url = url }

  public func append(_ event: LogEvent) throws {
    try SafeFile.append(try AttemptLog.line(event), to: url)
  }

  /// Appends the `attempt-started` event that `make` builds for the next free attempt number,
  /// reading the log and writing under one lock; returns the number. Refuses a log with lines
  /// of a newer schema, whose attempt numbers it cannot see.
  public func startAttempt(_ make: (Int) -> LogEvent) throws -> Int {
    var number = 0
    try SafeFile.append(to: url) { current in
      let (events, problems) = try AttemptLog.parse(current, path: displayPath(url))
      try NewerLogSchema.refuse(problems)
      number = (events.map(\.attempt).max() ?? 0) + 1
      return try AttemptLog.line(make(number))
    }
    return number
  }

  static func line(_ event: LogEvent) throws -> Data { try LogLinePolicy.line(event) }

  /// Every readable event, and a problem for each line skipped under `LogLinePolicy`.
  public func read() throws -> (events: [LogEvent], problems: [LogProblem]) {
    try LogLinePolicy.read(LogEvent.self, from: url)
  }

  static func parse(_ data: Data, path: String) throws -> (events: [LogEvent], problems: [LogProblem]) {
    try LogLinePolicy.read(LogEvent.self, from: data, path: path)
  }
}
