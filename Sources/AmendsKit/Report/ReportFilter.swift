/// What a report counts: a date range (inclusive, by the day an attempt started), users,
/// scenarios and principles. An attempt is in or out as a whole, so every view of one report
/// counts the same turns.
public struct ReportFilter: Sendable {
  public var since: CivilDate?
  public var until: CivilDate?
  /// Users to include; nil means every user of the data directory.
  public var users: Set<String>?
  /// Scenario ids to include; nil means all.
  public var scenarios: Set<String>?
  /// Principle ids to show; nil means all.
  public var principles: Set<String>?

  public init(
    since: CivilDate? = nil, until: CivilDate? = nil, users: Set<String>? = nil, scenarios: Set<String>? = nil,
    principles: Set<String>? = nil
  ) {
    self.since = since
    self.until = until
    self.users = users
    self.scenarios = scenarios
    self.principles = principles
  }

  /// A bad `--since`/`--until` value, named by its option.
  public struct BadDate: Error, CustomStringConvertible {
    public let description: String
  }

  /// Parses a `YYYY-MM-DD` option value, or throws an error naming the option.
  public static func date(_ text: String?, option: String) throws -> CivilDate? {
    guard let text else { return nil }
    guard let date = CivilDate(text) else {
      throw BadDate(
        description: "\(option) must be a date as YYYY-MM-DD (e.g. 2026-03-01), not '\(Sanitizer.visible(text))'")
    }
    return date
  }

  /// Checks that the range is not backwards.
  public func validated() throws -> ReportFilter {
    if let since, let until, until < since {
      throw BadDate(description: "--until \(until) is before --since \(since)")
    }
    return self
  }

  public func includes(user: String) -> Bool { users?.contains(user) ?? true }
  public func includes(principle: String) -> Bool { principles?.contains(principle) ?? true }

  /// Whether an attempt that started on `day` (nil: its timestamp was not a day) on `scenario`
  /// is counted.
  public func includesAttempt(startedOn day: CivilDate?, scenario: String) -> Bool {
    if let scenarios, !scenarios.contains(scenario) { return false }
    if since == nil && until == nil { return true }
    guard let day else { return false }
    if let since, day < since { return false }
    if let until, until < day { return false }
    return true
  }

  /// A one-line description for report headers: "2026-03-01 to 2026-03-31, scenario late-refund".
  public var summary: String {
    var parts: [String] = []
    switch (since, until) {
    case let (s?, u?): parts.append("\(s) to \(u)")
    case let (s?, nil): parts.append("since \(s)")
    case let (nil, u?): parts.append("until \(u)")
    default: break
    }
    if let users { parts.append((users.count == 1 ? "user " : "users ") + users.sorted().joined(separator: ", ")) }
    if let scenarios {
      parts.append((scenarios.count == 1 ? "scenario " : "scenarios ") + scenarios.sorted().joined(separator: ", "))
    }
    if let principles {
      parts.append((principles.count == 1 ? "principle " : "principles ") + principles.sorted().joined(separator: ", "))
    }
    return parts.isEmpty ? "all recorded attempts" : parts.joined(separator: "; ")
  }
}
