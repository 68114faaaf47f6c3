import Foundation

/// One user's files: the attempt log (truth), the summary (cache), the line-editor history and
/// managers' reviews, all under `users/<name>/`.
public struct UserStore: Sendable {
  public let data: DataDirectory
  public let user: UserName

  public init(data: DataDirectory, user: UserName) {
    self.data = data
    self.user = user
  }

  public var folder: URL { data.userFolder(user) }
  public var log: AttemptLog { AttemptLog(url: folder.appendingPathComponent("attempts.jsonl")) }
  public var summaryURL: URL { folder.appendingPathComponent("summary.json") }
  public var historyURL: URL { folder.appendingPathComponent("history") }

  /// Creates the user's folder (0700) when it is missing.
  public func prepare() throws {
    try SafeFile.makeFolder(data.root)
    try SafeFile.makeFolder(data.usersFolder)
    try SafeFile.makeFolder(folder)
  }

  public var exists: Bool { FileManager.default.fileExists(atPath: folder.path) }

  /// Every attempt in the log, and the lines skipped under `LogLinePolicy`.
  public func attempts() throws -> (attempts: [AttemptRecord], problems: [LogProblem]) {
    let (events, problems) = try log.read()
    return (AttemptRecord.group(events), problems)
  }

  /// The newest attempt left unfinished (quit or killed), if any; of one scenario when given.
  /// Refuses a log with lines of a newer schema: one of them may have finished the attempt.
  public func openAttempt(scenario: String? = nil) throws -> AttemptRecord? {
    let (attempts, problems) = try attempts()
    try NewerLogSchema.refuse(problems)
    return attempts.last { $0.isOpen && (scenario == nil || $0.scenario == scenario) }
  }

  /// The summary, rebuilt from the log and saved when missing, unreadable or stale.
  public func summary() throws -> Summary {
    let logSize = (try? FileManager.default.attributesOfItem(atPath: log.url.path)[.size] as? Int) ?? 0
    if let data = try? SafeFile.read(summaryURL), let cached = try? JSONDecoder().decode(Summary.self, from: data),
      cached.schema == Summary.schemaVersion, cached.logBytes == logSize, cached.user == user.value
    {
      return cached
    }
    let summary = Summary.build(user: user.value, logBytes: logSize, attempts: try attempts().attempts)
    if exists { try? saveSummary(summary) }
    return summary
  }

  public func saveSummary(_ summary: Summary) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try SafeFile.replace(summaryURL, with: try encoder.encode(summary))
  }
}
