/// The fields of a log line that a report reads, as `JSONDecoder` gives them. The byte scanner
/// reads well-formed lines itself; this is the decoder's answer for the lines it refuses (keys
/// with escapes, say), and the reference the scanner's tests compare against.
struct ReportEvent: Decodable {
  var schema: Int
  var event: String
  var attempt: Int
  var at: String
  var scenario: String?
  var mode: String?
  var turn: Int?
  var beat: String?
  var reply: String?
  var score: Int?
  var verdicts: TurnVerdicts?
  var retry: Bool?

  /// Named by the writer's keys (a test checks every one is a `LogEvent` key).
  enum CodingKeys: String, CodingKey, CaseIterable {
    case schema, event, attempt, at, scenario, mode, turn, beat, reply, score, verdicts, retry
  }
}

/// One log line as a report uses it: the event's kind, its day and its numbers decoded, its
/// text left as bytes of the line until a report needs it (most replies are never shown, and
/// a beat is looked up by its bytes).
struct ReportLine {
  var schema: Int
  /// nil for an event this amends does not know; `eventName` then says which.
  var kind: LogEvent.Kind?
  var eventName: String
  var attempt: Int
  /// The day of the line's timestamp; nil when it is not a `YYYY-MM-DD…` timestamp.
  var day: CivilDate?
  var scenario: LineText?
  var mode: LineText?
  var turn: Int?
  var beat: LineText?
  var reply: LineText?
  var score: Int?
  var verdicts: TurnVerdicts?
  var retry: Bool?

  /// An empty line's fields, to be filled.
  init() {
    self.init(schema: 0, kind: nil, eventName: "", attempt: 0)
  }

  init(schema: Int, kind: LogEvent.Kind?, eventName: String, attempt: Int) {
    self.schema = schema
    self.kind = kind
    self.eventName = eventName
    self.attempt = attempt
  }

  /// The decoder's reading of a line, in the same shape.
  init(_ event: ReportEvent) {
    self.init(
      schema: event.schema, kind: LogEvent.Kind(rawValue: event.event), eventName: event.event, attempt: event.attempt)
    day = CivilDate(timestamp: event.at)
    scenario = event.scenario.map(LineText.decoded)
    mode = event.mode.map(LineText.decoded)
    turn = event.turn
    beat = event.beat.map(LineText.decoded)
    reply = event.reply.map(LineText.decoded)
    score = event.score
    verdicts = event.verdicts
    retry = event.retry
  }
}

extension ReportLine {
  /// Whether two readings of the same line (`line`, which their text fields refer to) hold the
  /// same fields: the scanner's against the decoder's, in tests and the fuzz target.
  func sameFields(as other: ReportLine, in line: UnsafeBufferPointer<UInt8>) -> Bool {
    schema == other.schema && kind == other.kind && eventName == other.eventName && attempt == other.attempt
      && day == other.day
      && scenario?.string(in: line) == other.scenario?.string(in: line)
      && mode?.string(in: line) == other.mode?.string(in: line)
      && turn == other.turn && beat?.string(in: line) == other.beat?.string(in: line)
      && reply?.string(in: line) == other.reply?.string(in: line) && score == other.score && verdicts == other.verdicts
      && retry == other.retry
  }
}

/// A JSON string of a log line: the bytes between its quotes (escapes not yet decoded), or,
/// from the decoder, the text itself.
enum LineText {
  case raw(Range<Int>, escaped: Bool)
  case decoded(String)

  /// Copies the string's raw JSON bytes into `buffer` (replacing what it held, keeping its
  /// capacity) and says whether they hold escapes; `line` is the line the range refers to.
  func copy(from line: UnsafeBufferPointer<UInt8>, into buffer: inout [UInt8]) -> Bool {
    buffer.removeAll(keepingCapacity: true)
    switch self {
    case let .raw(range, escaped):
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: line[range]))
      return escaped
    case let .decoded(text):
      buffer.append(contentsOf: text.utf8)
      return false
    }
  }

  /// Calls `body` with the text's UTF-8 bytes: the line's own when they need no decoding
  /// (no escapes, all ASCII, so exactly what `string(in:)` would hold).
  func withUTF8<Result>(in line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if case let .raw(range, false) = self {
      let bytes = UnsafeBufferPointer(rebasing: line[range])
      if bytes.allSatisfy({ $0 < 0x80 }) { return body(bytes) }
    }
    var text = string(in: line)
    return text.withUTF8(body)
  }

  /// The text, escapes decoded.
  func string(in line: UnsafeBufferPointer<UInt8>) -> String {
    switch self {
    case let .raw(range, escaped):
      let bytes = UnsafeBufferPointer(rebasing: line[range])
      return escaped ? JSONCursor.decodeString(bytes) ?? "" : String(decoding: bytes, as: UTF8.self)
    case let .decoded(text):
      return text
    }
  }
}
