import Yams

/// Reads a YAML file into nodes that remember their line and column, and collects every
/// problem it meets as a diagnostic instead of stopping at the first.
final class YAMLReader {
  let path: String
  private(set) var diagnostics: [Diagnostic] = []

  init(path: String) { self.path = path }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  func error(_ node: Node?, _ message: String, code: String) {
    let mark = node?.mark
    diagnostics.append(Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, code: code))
  }

  func warning(_ node: Node?, _ message: String, code: String) {
    let mark = node?.mark
    diagnostics.append(Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: .warning, message: message, code: code))
  }

  /// Parses text; a syntax error becomes a diagnostic at the place libyaml reports.
  func parse(_ text: String) -> Node? {
    if text.utf8.count > YAMLReader.maximumBytes {
      diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "file is \(text.utf8.count) bytes; the limit is \(YAMLReader.maximumBytes)", code: "E001"))
      return nil
    }
    if text.unicodeScalars.contains(where: { $0 == "\u{0}" }) {
      diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "file is not text (it contains NUL bytes)", code: "E001"))
      return nil
    }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "file is empty", code: "E002"))
        return nil
      }
      if depth(node) > YAMLReader.maximumDepth {
        error(node, "nesting is deeper than \(YAMLReader.maximumDepth) levels", code: "E001")
        return nil
      }
      return node
    } catch let yamlError as YamlError {
      var line = 1, column = 1, problem = "\(yamlError)"
      switch yamlError {
      case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _), .composer(let context, let p, let mark, _):
        line = mark.line
        column = mark.column
        problem = [context?.text, p].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        // libyaml notices an unclosed bracket or quote only at the end of the file; the place
        // it was opened is where the author has to look.
        if let opened = context?.mark, YAMLReader.isAtEnd(mark, of: text) {
          problem += " (noticed at line \(mark.line), column \(mark.column))"
          line = opened.line
          column = opened.column
        }
      case .reader(let p, _, _, _):
        problem = p
      default:
        break
      }
      diagnostics.append(Diagnostic(path: path, line: line, column: column, message: "YAML syntax: \(problem)", code: "E001"))
      return nil
    } catch {
      diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "YAML syntax: \(error)", code: "E001"))
      return nil
    }
  }

  /// Whether a libyaml mark lies past the last character that is not white space.
  static func isAtEnd(_ mark: Mark, of text: String) -> Bool {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let last = lines.lastIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return true }
    let lastLine = last + 1
    return mark.line > lastLine || (mark.line == lastLine && mark.column > lines[last].count)
  }

  static let maximumBytes = 4 * 1024 * 1024
  static let maximumDepth = 24

  private func depth(_ node: Node) -> Int {
    var deepest = 0
    var stack: [(Node, Int)] = [(node, 1)]
    while let (n, d) = stack.popLast() {
      deepest = max(deepest, d)
      if d > YAMLReader.maximumDepth { return d }
      switch n {
      case .mapping(let m): for (k, v) in m { stack.append((k, d + 1)); stack.append((v, d + 1)) }
      case .sequence(let s): for v in s { stack.append((v, d + 1)) }
      default: break
      }
    }
    return deepest
  }

  /// A mapping's entries by key, reporting a node that is not a mapping, duplicate keys and
  /// keys outside `allowed` (with the nearest allowed key as a suggestion).
  func mapping(_ node: Node?, _ what: String, allowed: [String]) -> [String: Node]? {
    guard let node else { return nil }
    guard case .mapping(let mapping) = node else {
      error(node, "\(what) must be a mapping of keys to values", code: "E003")
      return nil
    }
    var entries: [String: Node] = [:]
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else {
        error(keyNode, "keys in \(what) must be plain words", code: "E003")
        continue
      }
      if entries[key] != nil {
        error(keyNode, "duplicate key '\(key)' in \(what)", code: "E005")
        continue
      }
      if !allowed.contains(key) {
        let hint = Suggest.nearest(key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        error(keyNode, "unknown key '\(key)' in \(what)\(hint)", code: "E004")
        continue
      }
      entries[key] = value
    }
    return entries
  }

  func require(_ entries: [String: Node], _ key: String, in what: String, at node: Node?) -> Node? {
    if let value = entries[key] { return value }
    error(node, "\(what) is missing required key '\(key)'", code: "E006")
    return nil
  }

  func string(_ node: Node?, _ what: String) -> String? {
    guard let node else { return nil }
    if case .scalar(let scalar) = node { return scalar.string }
    error(node, "\(what) must be text", code: "E003")
    return nil
  }

  func int(_ node: Node?, _ what: String, range: ClosedRange<Int>? = nil) -> Int? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
      error(node, "\(what) must be a whole number", code: "E003")
      return nil
    }
    if let range, !range.contains(value) {
      error(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)", code: "E003")
      return nil
    }
    return value
  }

  func double(_ node: Node?, _ what: String) -> Double? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node, let value = Double(scalar.string) else {
      error(node, "\(what) must be a number", code: "E003")
      return nil
    }
    return value
  }

  func bool(_ node: Node?, _ what: String) -> Bool? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else {
      error(node, "\(what) must be true or false", code: "E003")
      return nil
    }
    switch scalar.string.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      error(node, "\(what) must be true or false, not '\(scalar.string)'", code: "E003")
      return nil
    }
  }

  func sequence(_ node: Node?, _ what: String) -> [Node]? {
    guard let node else { return nil }
    if case .sequence(let s) = node { return Array(s) }
    error(node, "\(what) must be a list", code: "E003")
    return nil
  }

  /// A list of strings; a single string is accepted as a list of one.
  func strings(_ node: Node?, _ what: String) -> [String]? {
    guard let node else { return nil }
    if case .scalar(let scalar) = node { return [scalar.string] }
    guard let items = sequence(node, what) else { return nil }
    return items.compactMap { string($0, "each item of \(what)") }
  }

  /// An enumerated value with a did-you-mean on a typo.
  func choice<T: RawRepresentable>(_ node: Node?, _ what: String, _ type: T.Type, among all: [T]) -> T? where T.RawValue == String {
    guard let text = string(node, what) else { return nil }
    if let value = T(rawValue: text) { return value }
    let names = all.map(\.rawValue)
    let hint = Suggest.nearest(text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
    error(node, "\(what) must be one of \(names.joined(separator: ", ")), not '\(text)'\(hint)", code: "E007")
    return nil
  }

  /// Compiles a list of phrase patterns, reporting each bad one at its own line.
  func phrases(_ node: Node?, _ what: String) -> [Phrase] {
    guard let node else { return [] }
    let items: [Node]
    if case .scalar = node { items = [node] } else { items = sequence(node, what) ?? [] }
    var phrases: [Phrase] = []
    for item in items {
      guard let source = string(item, "each pattern of \(what)") else { continue }
      do { phrases += try Phrase.compile(source) } catch {
        self.error(item, "bad pattern in \(what): \(error)", code: "E008")
      }
    }
    return phrases
  }
}
