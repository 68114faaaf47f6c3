import Foundation

/// One line of a log that a reader skipped, and why; shown as `path:line: warning: message`.
public struct LogProblem: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// The last line has no newline: the process died while writing it.
    case torn
    /// The line is longer than `LineReader.maximumLineBytes`; it began at this byte offset.
    case tooLong(offset: Int)
    /// The line is not an event this amends can read.
    case unreadable
    /// The line says it was written by a newer amends, in this schema.
    case newerSchema(Int)
    /// The line's event has a name this amends does not know.
    case unknownEvent(String)
  }

  public let path: String
  public let line: Int
  public let kind: Kind
  /// What the file holds, for the message: "log" or "review".
  public let noun: String

  public init(path: String, line: Int, kind: Kind, noun: String = "log") {
    self.path = path
    self.line = line
    self.kind = kind
    self.noun = noun
  }

  public var message: String {
    switch kind {
    case .torn: "incomplete last line (the write never finished) skipped"
    case .tooLong(let offset):
      "line starting at byte \(offset) is longer than \(LineReader.maximumLineBytes / (1 << 20)) MiB; skipped (kept in the file)"
    case .unreadable: "unreadable \(noun) line skipped (kept in the file)"
    case .newerSchema(let version): "line written by a newer amends (\(noun) schema \(version)) skipped; update amends"
    case .unknownEvent(let name): "unknown event '\(Sanitizer.visible(name))' skipped"
    }
  }

  public var description: String { "\(path):\(line): warning: \(message)" }
}

/// What every reader of the JSON-lines logs does with a line it cannot take at face value: the
/// play, the transcript, progress and the report alike (docs/log-format.md, "Reading a log").
///
/// A blank line is ignored. A torn last line, an over-long line, an unreadable line, a line of a
/// newer schema and an unknown event are skipped with a warning and kept in the file. Readers
/// that only read go on with the rest; a writer that numbers or resumes attempts refuses a log
/// with newer lines (`NewerLogSchema`), because the lines it cannot read may hold the attempt
/// numbers and endings its writing would contradict.
public enum LogLinePolicy {
  public enum Screening: Equatable {
    case blank
    case skip(LogProblem.Kind)
    case decode
  }

  /// Sorts a line before any decoding, by its bytes and how it ended.
  public static func screen(_ line: UnsafeBufferPointer<UInt8>, ending: LineReader.Ending) -> Screening {
    switch ending {
    case .tooLong(let offset): return .skip(.tooLong(offset: offset))
    case .newline, .endOfFile:
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return .blank }
      return ending == .endOfFile ? .skip(.torn) : .decode
    }
  }

  /// A decoded line's schema against the one this amends writes.
  public static func check(schema: Int, known: Int) -> LogProblem.Kind? {
    schema > known ? .newerSchema(schema) : nil
  }

  /// Why a line that did not decode was skipped: a newer schema if it names one, else unreadable.
  public static func undecodable(_ line: Data, known: Int) -> LogProblem.Kind {
    if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
      let schema = object["schema"] as? Int,
      schema > known
    {
      return .newerSchema(schema)
    }
    return .unreadable
  }

  /// One line of a log as amends writes it: keys sorted, slashes left alone, a newline.
  static func line(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  /// Every line of the log file at `url` that reads as a `Line`, and the lines skipped.
  static func read<Line: LogLine>(_ type: Line.Type, from url: URL) throws -> ([Line], [LogProblem]) {
    try decode(Line.self, path: displayPath(url)) { take in try LineReader.forEachLine(of: url, take) }
  }

  /// The same over bytes already in memory (a log read under its writer's lock).
  static func read<Line: LogLine>(_ type: Line.Type, from data: Data, path: String) throws -> ([Line], [LogProblem]) {
    try decode(Line.self, path: path) { take in try LineReader.forEachLine(in: data, take) }
  }

  /// Decodes every line of a JSON-lines log under the policy.
  private static func decode<Line: LogLine>(
    _ type: Line.Type, path: String,
    lines: ((Int, UnsafeBufferPointer<UInt8>, LineReader.Ending) throws -> Void) throws -> Void
  ) rethrows -> ([Line], [LogProblem]) {
    let known = Line.schemaVersion
    var decoded: [Line] = []
    var problems: [LogProblem] = []
    let decoder = JSONDecoder()
    try lines { number, bytes, ending in
      func skip(_ kind: LogProblem.Kind) {
        problems.append(LogProblem(path: path, line: number, kind: kind, noun: Line.noun))
      }
      switch screen(bytes, ending: ending) {
      case .blank: return
      case .skip(let kind): skip(kind)
      case .decode:
        let data = Data(bytes)
        guard let line = try? decoder.decode(Line.self, from: data) else {
          return skip(undecodable(data, known: known))
        }
        if let problem = check(schema: line.schema, known: known) { return skip(problem) }
        decoded.append(line)
      }
    }
    return (decoded, problems)
  }
}

/// A line of one of the logs: `LogEvent` in attempts.jsonl, `Review` in reviews.jsonl.
protocol LogLine: Codable {
  static var schemaVersion: Int { get }
  /// What the file holds, for warnings: "log" or "review".
  static var noun: String { get }
  var schema: Int { get }
}

extension LogEvent: LogLine {
  static var noun: String { "log" }
}

extension Review: LogLine {
  static var noun: String { "review" }
}

/// A log holds lines of a newer schema, so this amends will not add to it.
public struct NewerLogSchema: Error, CustomStringConvertible {
  public let path: String
  public let line: Int
  public let version: Int
  public var description: String {
    "\(path):\(line): error: written by a newer amends (log schema \(version); this one reads \(LogEvent.schemaVersion)); update amends"
  }

  /// Throws for the first newer line among a read's problems.
  static func refuse(_ problems: [LogProblem]) throws {
    for problem in problems {
      if case .newerSchema(let version) = problem.kind {
        throw NewerLogSchema(path: problem.path, line: problem.line, version: version)
      }
    }
  }
}
