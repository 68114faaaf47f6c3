/// What a reply did with one principle.
public enum Verdict: String, Sendable, Codable, CaseIterable {
  case met, missed, violated, avoided
  case notApplicable = "not-applicable"

  /// Whether this verdict is good news for the trainee.
  public var isGood: Bool { self == .met || self == .avoided }
}

/// A move is something a good reply does; a pitfall something it avoids.
public enum PrincipleKind: String, Sendable, Codable, CaseIterable {
  case move, pitfall
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case minor, moderate, severe
  private var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Overall quality of a reply, from its 0–100 score.
public enum Band: String, Sendable, Codable, CaseIterable, Comparable {
  case poor, fair, good, excellent
  private var rank: Int { Band.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: Band, b: Band) -> Bool { a.rank < b.rank }
}

/// A span of the reply that decided a verdict.
public struct Evidence: Sendable, Codable, Equatable {
  public var text: String
  /// UTF-8 byte offsets into the reply.
  public var start: Int
  public var end: Int
  public init(text: String, start: Int, end: Int) {
    self.text = text
    self.start = start
    self.end = end
  }
}
