/// The verdict on one principle for one reply, in Vale's alert shape: id, verdict, message,
/// matched text and span.
public struct PrincipleResult: Sendable, Codable, Equatable {
  public var id: String
  public var verdict: Verdict
  public var evidence: [Evidence]
  public var feedback: String
}

/// A scored reply: the 0–100 score, its band, a result for every principle of the rubric (in
/// rubric order), and the points each result moved.
public struct Assessment: Sendable {
  public var score: Int
  public var band: Band
  public var results: [PrincipleResult]
  /// Points each principle earned (moves) or cost (pitfalls, negative), for the breakdown.
  public var points: [String: Double]
  /// Memory to carry into the next turn of the same conversation.
  public var memory: ConversationMemory

  public func result(_ id: String) -> PrincipleResult? { results.first { $0.id == id } }

  /// The same assessment less `points` (a rewrite review's deduction), its band read again.
  public func deducting(_ points: Int, rubric: Rubric) -> Assessment {
    var lowered = self
    lowered.score = max(0, score - points)
    lowered.band = rubric.band(for: lowered.score)
    return lowered
  }
  public func verdict(_ id: String) -> Verdict { result(id)?.verdict ?? .notApplicable }
}
