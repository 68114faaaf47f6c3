/// Reads the fields of a log line that a report needs straight from its bytes, skipping the
/// rest (conversation state, evidence, rewrite reviews) without building it. A report over a
/// whole organisation reads a million lines a gigabyte; `JSONDecoder` made that several
/// hundred times slower than reading the files, and even a byte scanner that made strings of
/// what it kept spent most of its time allocating them.
///
/// Strict where it matters: a line that is not one well-formed JSON object, or whose fields
/// have the wrong types, gives nil, and the caller then asks `JSONDecoder` for the verdict.
enum ReportEventScanner {
  /// Reads the line's report fields into `fields` (whatever it held before is replaced),
  /// whose text fields then refer to bytes of `line`; false when the scanner cannot vouch for
  /// the line, and `fields` then holds nothing of use. In place, not returned: the fields are
  /// two hundred bytes, and copying them out twice a line showed in the report's profile.
  static func scan(_ line: UnsafeBufferPointer<UInt8>, into fields: inout ReportLine) -> Bool {
    guard let base = line.baseAddress, !line.isEmpty else { return false }
    var cursor = JSONCursor(base: base, end: line.count)
    return cursor.reportLine(into: &fields)
  }

  /// The same, returned: for tests.
  static func scan(_ line: UnsafeBufferPointer<UInt8>) -> ReportLine? {
    var fields = ReportLine()
    return scan(line, into: &fields) ? fields : nil
  }
}

extension JSONCursor {
  fileprivate mutating func reportLine(into fields: inout ReportLine) -> Bool {
    fields = ReportLine()
    return readFields(into: &fields)
  }

  private mutating func readFields(into fields: inout ReportLine) -> Bool {
    var schema: Int?, attempt: Int?, kind: LogEvent.Kind??, eventName: String?, day: CivilDate??
    // JSONDecoder keeps a key's first value and never decodes a repeat (its syntax still counts).
    var seen: UInt16 = 0
    let keys = SortedLineKeys.shared
    var expected = 0
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return false }
    skipSpace()
    if !take(UInt8(ascii: "}")) {
      repeat {
        let known: ReportKey?
        if let hit = keys.match(base + i, end &- i, from: expected) {
          // amends writes its keys in sorted order without spaces: the next is a few entries on.
          i &+= hit.length
          expected = hit.position &+ 1
          known = hit.key
        } else {
          skipSpace()
          // Keys are compared as bytes; a key with escapes goes to the decoder instead.
          guard let key = string(), !key.escaped, isValidUTF8(key) else { return false }
          skipSpace()
          guard take(UInt8(ascii: ":")) else { return false }
          known = ReportKey(base + key.range.lowerBound, key.range.count)
        }
        skipSpace()
        if let known {
          if seen & known.bit != 0 {
            guard skipValue() else { return false }
            skipSpace()
            continue
          }
          seen |= known.bit
        }
        switch known {
        case .schema: guard let v = integer() else { return false }; schema = v
        case .attempt: guard let v = integer() else { return false }; attempt = v
        case .event:
          guard let v = string(), isValidUTF8(v) else { return false }
          if v.escaped {
            guard let name = text(v) else { return false }
            eventName = name
            kind = .some(LogEvent.Kind(rawValue: name))
          } else {
            let k = Self.kind(base + v.range.lowerBound, v.range.count)
            kind = .some(k)
            eventName = k?.rawValue ?? text(v)
          }
        case .at: guard let v = string(), isValidUTF8(v) else { return false }; day = .some(self.day(v))
        case .scenario: guard let v = optionalText() else { return false }; fields.scenario = v
        case .mode: guard let v = optionalText() else { return false }; fields.mode = v
        case .beat: guard let v = optionalText() else { return false }; fields.beat = v
        case .reply: guard let v = optionalText() else { return false }; fields.reply = v
        case .turn: guard let v = optionalInteger() else { return false }; fields.turn = v
        case .score: guard let v = optionalInteger() else { return false }; fields.score = v
        case .retry: guard let v = optionalBool() else { return false }; fields.retry = v
        case .verdicts: guard let v = verdicts() else { return false }; fields.verdicts = v
        case nil: guard skipValue() else { return false }
        }
        skipSpace()
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return false }
    }
    skipSpace()
    guard i == end, let schema, let kind, let eventName, let attempt, let day else { return false }
    fields.schema = schema
    fields.kind = kind
    fields.eventName = eventName
    fields.attempt = attempt
    fields.day = day
    return true
  }

  private static func kind(_ p: UnsafePointer<UInt8>, _ count: Int) -> LogEvent.Kind? {
    switch count {
    case 11: return spells(p, count, "turn-scored") ? .turnScored : nil
    case 12: return spells(p, count, "turn-skipped") ? .turnSkipped : nil
    case 15: return spells(p, count, "attempt-started") ? .attemptStarted : nil
    case 16: return spells(p, count, "attempt-finished") ? .attemptFinished : nil
    case 17: return spells(p, count, "attempt-abandoned") ? .attemptAbandoned : nil
    default: return nil
    }
  }

  /// The day a timestamp falls on, read from its first ten bytes when they are plain ASCII
  /// (as `CivilDate(timestamp:)` reads the first ten characters of the decoded text).
  private func day(_ s: StringBytes) -> CivilDate? {
    let count = s.range.count
    if !s.escaped, count >= 10, count == 10 || base[s.range.lowerBound + 10] < 0x80 {
      return CivilDate(bytes: UnsafeBufferPointer(start: base + s.range.lowerBound, count: 10))
    }
    return text(s).flatMap { CivilDate(timestamp: $0) }
  }
}

/// Every key amends writes in a log line, `"at":` and so on, in sorted order, with the report's
/// name for it (nil: a key it skips), so that a line as amends wrote it has each key recognised
/// by a comparison or two rather than read as a string and then told apart.
/// Unchecked Sendable: the raw memory is written once, in `init`, and only read after.
private final class SortedLineKeys: @unchecked Sendable {
  static let shared = SortedLineKeys()

  private struct Entry {
    var pattern: UnsafePointer<UInt8>
    var length: Int
    /// The key's first letter, to pass over most entries with one comparison.
    var first: UInt8
    var key: ReportKey?
  }

  private let entries: UnsafeMutablePointer<Entry>
  private let count: Int

  private init() {
    let names = LogEvent.CodingKeys.allCases.map(\.rawValue).sorted()
    count = names.count
    entries = .allocate(capacity: count)
    for (position, name) in names.enumerated() {
      let pattern = Array("\"\(name)\":".utf8)
      let key = pattern.withUnsafeBufferPointer { ReportKey($0.baseAddress! + 1, name.utf8.count) }
      (entries + position).initialize(
        to: Entry(pattern: permanentBytes(pattern), length: pattern.count, first: pattern[1], key: key))
    }
  }

  /// The key at `p` (with `available` bytes left) when it is one at or after sorted position
  /// `expected` (a line leaves out the keys its event lacks): its position, the report's name
  /// for it, and its length with the colon.
  @inline(__always)
  func match(
    _ p: UnsafePointer<UInt8>, _ available: Int, from expected: Int
  ) -> (position: Int, key: ReportKey?, length: Int)? {
    guard available > 2, p[0] == UInt8(ascii: "\"") else { return nil }
    let first = p[1]
    var position = expected
    while position < count {
      let entry = entries[position]
      if entry.first == first, available >= entry.length, sameBytes(p, entry.pattern, entry.length) {
        return (position, entry.key, entry.length)
      }
      position &+= 1
    }
    return nil
  }
}

/// The keys of a log line that a report reads, told apart by length and then by their bytes.
enum ReportKey: Int, CaseIterable {
  case schema, event, attempt, at, scenario, mode, beat, reply, turn, score, retry, verdicts

  var bit: UInt16 { 1 << UInt16(rawValue) }

  init?(_ p: UnsafePointer<UInt8>, _ count: Int) {
    switch count {
    case 2: if spells(p, count, "at") { self = .at; return }
    case 4:
      if spells(p, count, "beat") { self = .beat; return }
      if spells(p, count, "turn") { self = .turn; return }
      if spells(p, count, "mode") { self = .mode; return }
    case 5:
      if spells(p, count, "score") { self = .score; return }
      if spells(p, count, "reply") { self = .reply; return }
      if spells(p, count, "event") { self = .event; return }
      if spells(p, count, "retry") { self = .retry; return }
    case 6: if spells(p, count, "schema") { self = .schema; return }
    case 7: if spells(p, count, "attempt") { self = .attempt; return }
    case 8:
      if spells(p, count, "verdicts") { self = .verdicts; return }
      if spells(p, count, "scenario") { self = .scenario; return }
    default: break
    }
    return nil
  }
}
