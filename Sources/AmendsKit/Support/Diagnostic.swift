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

enum Suggest {
  /// The candidate nearest to `word` by edit distance, when it is near enough to be a typo.
  static func nearest(_ word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
  }

  /// Candidates sorted by closeness, the nearest first.
  static func ranked(_ word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let lower = word.lowercased()
    let scored: [(String, Int)] = candidates.map { candidate in
      let bonus = candidate.hasPrefix(word) ? 3 : 0
      return (candidate, distance(lower, candidate.lowercased()) - bonus)
    }
    let sorted = scored.sorted { a, b in a.1 == b.1 ? a.0 < b.0 : a.1 < b.1 }
    return sorted.prefix(limit).map { $0.0 }
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

/// Public face of the typo suggestions, for the executable's messages.
public enum DidYouMean {
  public static func nearest(_ word: String, in candidates: [String]) -> String? { Suggest.nearest(word, in: candidates) }
}
