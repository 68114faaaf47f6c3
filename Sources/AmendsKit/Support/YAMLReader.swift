import Foundation
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
    diagnostics.append(
      Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, code: code))
  }

  func warning(_ node: Node?, _ message: String, code: String) {
    let mark = node?.mark
    diagnostics.append(
      Diagnostic(
        path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: .warning, message: message, code: code))
  }

  /// The file's bytes as text, or nil with a diagnostic at the first byte that is not UTF-8.
  /// Decoding with replacement characters would turn a binary file into a page of nonsense
  /// errors about unknown keys; one line saying what is wrong helps more.
  func decode(_ data: Data) -> String? {
    if data.count > YAMLReader.maximumBytes {
      diagnostics.append(
        Diagnostic(
          path: path, line: 1, column: 1,
          message: "file is \(data.count) bytes; the limit is \(YAMLReader.maximumBytes)", code: "E001"))
      return nil
    }
    if let text = String(validating: data, as: UTF8.self) { return text }
    // Not UTF-8: walk the bytes again to say where.
    var line = 1, column = 1
    var iterator = data.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if Unicode.UTF8.decode(encoded) == "\n" { line += 1; column = 1 } else { column += 1 }
      case .emptyInput:
        return String(decoding: data, as: UTF8.self)  // unreachable: validation failed above
      case .error:
        diagnostics.append(
          Diagnostic(
            path: path, line: line, column: column, message: "file is not UTF-8 text (is it a binary file?)",
            code: "E001"))
        return nil
      }
    }
  }

  /// Parses text; a syntax error becomes a diagnostic at the place libyaml reports.
  func parse(_ text: String) -> Node? {
    // Some Windows editors start UTF-8 files with a byte-order mark; libyaml would read it as
    // part of the first key.
    let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    if text.utf8.count > YAMLReader.maximumBytes {
      diagnostics.append(
        Diagnostic(
          path: path, line: 1, column: 1,
          message: "file is \(text.utf8.count) bytes; the limit is \(YAMLReader.maximumBytes)", code: "E001"))
      return nil
    }
    if text.utf8.contains(0) {
      diagnostics.append(
        Diagnostic(path: path, line: 1, column: 1, message: "file is not text (it contains NUL bytes)", code: "E001"))
      return nil
    }
    do {
      // Every value is read as its text and checked by the loader, so Yams's tag resolution
      // (a regular expression per scalar for bool, int, float, null, timestamp) is wasted work:
      // it was most of the start-up time. The basic resolver leaves every scalar a string. Its
      // one visible effect: YAML 1.1 merge keys (`<<: *anchor`) are not expanded, as in YAML
      // 1.2 and the YAML language server; anchors and aliases work. The encoding is named
      // because Yams's default reads the whole environment on every call (`YAMS_DEFAULT_ENCODING`),
      // a sixth of the time parsing the rubric took.
      guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
        let blank = text.allSatisfy(\.isWhitespace)
        diagnostics.append(
          Diagnostic(
            path: path, line: 1, column: 1,
            message: blank ? "file is empty" : "file holds only comments: there is nothing to load", code: "E002"))
        return nil
      }
      switch YAMLReader.measure(node) {
      case .tooDeep:
        error(node, "nesting is deeper than \(YAMLReader.maximumDepth) levels", code: "E001")
        return nil
      case .tooMany:
        error(
          node, "file expands to more than \(YAMLReader.maximumNodes) YAML nodes (aliases that repeat aliases?)",
          code: "E001")
        return nil
      case .fine:
        return node
      }
    } catch let yamlError as YamlError {
      var line = 1, column = 1, problem = "\(yamlError)"
      switch yamlError {
      case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
        .composer(let context, let p, let mark, _):
        line = mark.line
        column = mark.column
        problem = [context?.text, p].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        // libyaml's own guard against deep nesting names its C API; say what it means instead.
        if p.contains("Maximum nesting level") {
          diagnostics.append(
            Diagnostic(
              path: path, line: line, column: column,
              message: "nesting is deeper than \(YAMLReader.maximumDepth) levels", code: "E001"))
          return nil
        }
        // libyaml notices an unclosed bracket or quote only at the end of the file; the place
        // it was opened is where the author has to look.
        if let opened = context?.mark, YAMLReader.isAtEnd(mark, of: text) {
          problem += " (noticed at line \(mark.line), column \(mark.column))"
          line = opened.line
          column = opened.column
        }
      case .reader(let p, _, _, _):
        problem = p
      case .duplicatedKeysInMapping(let keys, let context):
        // Yams refuses the whole file here, with the file quoted in the message; one line at
        // the repeated key says the same.
        let key = keys.first ?? ""
        let place = YAMLReader.repeatOf(key, after: context.mark, in: text)
        let others = keys.dropFirst().map { "'\($0)'" }.joined(separator: ", ")
        diagnostics.append(
          Diagnostic(
            path: path, line: place.line, column: place.column,
            message: "duplicate key '\(key)'" + (others.isEmpty ? "" : " (also \(others))") + " in the same mapping",
            code: "E005"))
        return nil
      default:
        break
      }
      diagnostics.append(
        Diagnostic(path: path, line: line, column: column, message: "YAML syntax: \(problem)", code: "E001"))
      return nil
    } catch {
      diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "YAML syntax: \(error)", code: "E001"))
      return nil
    }
  }

  /// Where `key` is given again after its first place `mark`, in a block mapping at the same
  /// column; the first place when no repeat is found (a flow mapping on one line).
  static func repeatOf(_ key: String, after mark: Mark, in text: String) -> (line: Int, column: Int) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let indent = max(mark.column - 1, 0)
    var number = mark.line
    for line in lines.dropFirst(mark.line) {
      number += 1
      let body = line.dropFirst(indent)
      if line.prefix(indent).allSatisfy({ $0 == " " || $0 == "-" }), body.hasPrefix(key),
        body.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":")
      {
        return (number, indent + 1)
      }
    }
    return (mark.line, mark.column)
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
  /// Far above any real scenario (the largest bundled one has a few thousand nodes), far below
  /// what a "billion laughs" file of aliases expands to.
  static let maximumNodes = 200_000

  enum Shape { case fine, tooDeep, tooMany }

  /// Walks the tree once, stopping as soon as it is too deep or too big. Aliases are expanded
  /// by the composer, so the walk counts what the loader would visit.
  static func measure(_ node: Node) -> Shape {
    var visited = 0
    var stack: [(Node, Int)] = [(node, 1)]
    while let (n, d) = stack.popLast() {
      if d > maximumDepth { return .tooDeep }
      visited += 1
      if visited > maximumNodes { return .tooMany }
      switch n {
      case .mapping(let m): for (k, v) in m { stack.append((k, d + 1)); stack.append((v, d + 1)) }
      case .sequence(let s): for v in s { stack.append((v, d + 1)) }
      default: break
      }
    }
    return .fine
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
        let hint = Suggest.hint(key, in: allowed)
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
  func choice<T: RawRepresentable>(_ node: Node?, _ what: String, _ type: T.Type, among all: [T]) -> T?
  where T.RawValue == String {
    guard let text = string(node, what) else { return nil }
    if let value = T(rawValue: text) { return value }
    let names = all.map(\.rawValue)
    let hint = Suggest.hint(text, in: names)
    error(node, "\(what) must be one of \(names.joined(separator: ", ")), not '\(text)'\(hint)", code: "E007")
    return nil
  }

  /// Compiles a list of phrase patterns, reporting each bad one at its own line.
  func phrases(_ node: Node?, _ what: String) -> [Phrase] { compile(patternItems(node, what), what) }

  /// The patterns of `node` (one, or a list) as one matcher: from the compiled cache
  /// when it holds exactly these patterns, else compiled here, each bad one an error at its line.
  func matcher(_ node: Node?, _ what: String) -> PhraseMatcher {
    let items = patternItems(node, what)
    guard !items.isEmpty else { return PhraseMatcher([]) }
    return CompiledCache.shared.matcher(for: items.map(\.source)) {
      let before = diagnostics.count
      let matcher = PhraseMatcher(compile(items, what))
      return (matcher, !diagnostics[before...].contains { $0.severity == .error })
    }
  }

  private func patternItems(_ node: Node?, _ what: String) -> [(source: String, node: Node)] {
    guard let node else { return [] }
    let items: [Node]
    if case .scalar = node { items = [node] } else { items = sequence(node, what) ?? [] }
    return items.compactMap { item in string(item, "each pattern of \(what)").map { ($0, item) } }
  }

  private func compile(_ items: [(source: String, node: Node)], _ what: String) -> [Phrase] {
    var phrases: [Phrase] = []
    for (source, item) in items {
      do { phrases += try Phrase.compile(source) } catch {
        self.error(item, "bad pattern in \(what): \(error)", code: "E008")
      }
    }
    return phrases
  }
}
