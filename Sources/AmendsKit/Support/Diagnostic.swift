/// A problem found in a user's file, in the compiler's shape:
/// `path:line:column: error: message [CODE]`.
public struct Diagnostic: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
  public enum Severity: String, Sendable, Codable { case error, warning }

  public var path: String
  public var line: Int
  public var column: Int
  public var severity: Severity
  public var message: String
  /// A stable code per kind of problem, documented in docs/authoring.md.
  public var code: String

  public init(path: String, line: Int, column: Int, severity: Severity = .error, message: String, code: String) {
    self.path = path
    self.line = max(1, line)
    self.column = max(1, column)
    self.severity = severity
    // One problem, one line: a message quoting YAML or an error's description must not break
    // the `path:line:column:` shape that editors and scripts parse.
    self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    self.code = code
  }

  public var description: String {
    "\(path):\(line):\(column): \(severity.rawValue): \(message) [\(code)]"
  }

  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    (a.path, a.line, a.column, a.code) < (b.path, b.line, b.column, b.code)
  }
}

/// Several diagnostics at once, thrown when a file cannot be used.
public struct DiagnosticList: Error, CustomStringConvertible {
  public let diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Typo suggestions: the nearest candidates by edit distance, offered only when they are near
/// enough to be what was meant (an unrelated id is worse than none).
public enum Suggest {
  /// The candidate nearest to `word`, when it is near enough to be a typo.
  public static func nearest(_ word: String, in candidates: [String]) -> String? {
    close(word, in: candidates, limit: 1).first
  }

  /// " (did you mean 'x'?)" for a near candidate, or nothing: the tail of an error message.
  public static func hint(_ word: String, in candidates: [String]) -> String {
    nearest(word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
  }

  /// Up to `limit` candidates near `word`, the nearest first: within a typo's distance
  /// (a third of the word, at least 2), or starting with what was typed (4 characters or more).
  public static func close(_ word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let lower = word.lowercased()
    let allowed = max(2, lower.count / 3)
    let scored: [(String, Int)] = candidates.compactMap { candidate in
      let other = candidate.lowercased()
      let d = distance(lower, other)
      if d <= allowed { return (candidate, d) }
      if lower.count >= 4 && other.hasPrefix(lower) { return (candidate, allowed) }
      return nil
    }
    return scored.sorted { a, b in a.1 == b.1 ? a.0 < b.0 : a.1 < b.1 }.prefix(limit).map(\.0)
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
