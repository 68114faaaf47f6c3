import Foundation

/// A user's append-only attempt log, `users/<name>/attempts.jsonl`: the source of truth for
/// their progress. Each event is one JSON line, appended under a lock and fsynced, so a killed
/// terminal loses at most the reply being typed.
public struct AttemptLog: Sendable {
  public let url: URL

  public init(url: URL) { self.url = url }

  /// A line the reader could not use, reported as `path:line: warning`.
  public struct Problem: Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let message: String
    public var description: String { "\(path):\(line): warning: \(message)" }
  }

  public struct NewerSchema: Error, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let version: Int
    public var description: String {
      "\(path):\(line): error: written by a newer amends (log schema \(version); this one reads \(LogEvent.schemaVersion)); update amends"
    }
  }

  public func append(_ event: LogEvent) throws {
    try SafeFile.append(try AttemptLog.line(event), to: url)
  }

  /// Appends the `attempt-started` event that `make` builds for the next free attempt number,
  /// reading the log and writing under one lock; returns the number.
  public func startAttempt(_ make: (Int) -> LogEvent) throws -> Int {
    var number = 0
    try SafeFile.append(to: url) { current in
      let (events, _) = try AttemptLog.parse(current, path: displayPath(url))
      number = (events.map(\.attempt).max() ?? 0) + 1
      return try AttemptLog.line(make(number))
    }
    return number
  }

  static func line(_ event: LogEvent) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(event)
    data.append(0x0A)
    return data
  }

  /// Every readable event, and a problem for each line that is not. A torn last line (no
  /// newline: the process died mid-write) is ignored silently; a corrupt line elsewhere is
  /// reported and kept in the file.
  public func read() throws -> (events: [LogEvent], problems: [Problem]) {
    guard let data = try SafeFile.read(url) else { return ([], []) }
    return try AttemptLog.parse(data, path: displayPath(url))
  }

  static func parse(_ data: Data, path: String) throws -> (events: [LogEvent], problems: [Problem]) {
    var events: [LogEvent] = []
    var problems: [Problem] = []
    let decoder = JSONDecoder()
    let bytes = [UInt8](data)
    var lineNumber = 0
    var start = 0
    while start < bytes.count {
      lineNumber += 1
      let newline = bytes[start...].firstIndex(of: 0x0A)
      let end = newline ?? bytes.count
      let line = bytes[start..<end]
      start = end + 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
      if newline == nil { break }  // torn final line: the write never finished
      do {
        let event = try decoder.decode(LogEvent.self, from: Data(line))
        if event.schema > LogEvent.schemaVersion { throw NewerSchema(path: path, line: lineNumber, version: event.schema) }
        events.append(event)
      } catch let newer as NewerSchema {
        throw newer
      } catch {
        if let probe = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let v = probe["schema"] as? Int, v > LogEvent.schemaVersion {
          throw NewerSchema(path: path, line: lineNumber, version: v)
        }
        problems.append(Problem(path: path, line: lineNumber, message: "unreadable log line skipped (kept in the file)"))
      }
    }
    return (events, problems)
  }
}
