/// The fields of a log line that a report reads. Decoding only these (not the conversation
/// state, evidence or rewrite review) keeps a report over many users fast; the rest of the
/// line is skipped by the decoder.
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
}

/// A turn's verdicts by principle, in the order of `Rubric.principleIds`; ids outside it (a
/// log written by another rubric) are left out, as no report lists them. An array, not a
/// dictionary: a report reads millions of these, and hashing their keys was most of its time.
struct TurnVerdicts: Decodable, Sendable, Equatable {
  var slots = [Verdict?](repeating: nil, count: Rubric.principleIds.count)

  init() {}

  init(from decoder: Decoder) throws {
    for (id, verdict) in try [String: Verdict](from: decoder) {
      if let index = TurnVerdicts.index[id] { slots[index] = verdict }
    }
  }

  static let index: [String: Int] = Dictionary(uniqueKeysWithValues: Rubric.principleIds.enumerated().map { ($1, $0) })
  /// The ids as UTF-8, for reading keys without making strings.
  static let idBytes: [[UInt8]] = Rubric.principleIds.map { Array($0.utf8) }
}
