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
  var verdicts: [String: Verdict]?
  var retry: Bool?
}
