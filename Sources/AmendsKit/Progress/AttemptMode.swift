/// How an attempt is played: practice (hints, examples, retries) or an assessment (none of
/// them). Logged with every attempt (`mode` of `attempt-started`), and what an assignment asks for.
public enum AttemptMode: String, Sendable, Codable, CaseIterable {
  case practice, assess
}
