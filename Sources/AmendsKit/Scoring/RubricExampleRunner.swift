import Foundation

/// Runs every principle's example replies, as SwiftLint runs each rule's triggering and
/// non-triggering examples, plus automatic variants of each (upper case, curly apostrophes,
/// doubled spaces, a leading emoji) whose verdict must not change and whose evidence must still
/// point at the same words.
public struct RubricExampleRunner {
  public let scorer: Scorer
  public init(scorer: Scorer) { self.scorer = scorer }

  public struct Failure: Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var principle: String
    public var variant: String
    public var reply: String
    public var expected: Verdict
    public var actual: Verdict
    public var evidence: [Evidence]
    public var problem: String?

    public var description: String {
      let shown = reply.count > 90 ? String(reply.prefix(87)) + "…" : reply
      let found = evidence.isEmpty ? "" : " (evidence: " + evidence.map { "“\($0.text)”" }.joined(separator: ", ") + ")"
      return
        "\(path):\(line): \(principle): expected \(expected.rawValue), got \(actual.rawValue)\(variant.isEmpty ? "" : " [\(variant)]")\(problem.map { ": " + $0 } ?? ""): \(shown)\(found)"
    }
  }

  public struct Summary: Sendable {
    public var checked = 0
    public var failures: [Failure] = []
  }

  public enum Variant: String, CaseIterable, Sendable {
    case original = ""
    case upperCase = "upper case"
    case curlyApostrophes = "curly apostrophes"
    case extraSpaces = "extra spaces"
    case leadingEmoji = "leading emoji"

    func apply(_ text: String) -> String {
      switch self {
      case .original: return text
      case .upperCase: return text.uppercased()
      case .curlyApostrophes: return text.replacingOccurrences(of: "'", with: "\u{2019}")
      case .extraSpaces: return text.replacingOccurrences(of: " ", with: "  ")
      case .leadingEmoji: return "🙂 " + text
      }
    }
  }

  public func run(variants: [Variant] = Variant.allCases) -> Summary {
    var summary = Summary()
    for principle in scorer.rubric.principles {
      for example in principle.examples {
        let base = evaluate(principle.id, example, example.reply)
        for variant in variants {
          // An emoji is itself flippant when the failure is severe; that variant would test
          // something else.
          if variant == .leadingEmoji && example.context.severity == .severe { continue }
          let text = variant.apply(example.reply)
          let result = evaluate(principle.id, example, text)
          summary.checked += 1
          var problem: String?
          if result.verdict == example.expected, variant != .original,
            !evidencePoints(result.evidence, into: text, like: base.evidence)
          {
            problem = "evidence moved off the words"
          }
          if result.verdict != example.expected || problem != nil {
            summary.failures.append(
              Failure(
                path: principle.path, line: example.line, principle: principle.id, variant: variant.rawValue,
                reply: text, expected: example.expected, actual: result.verdict, evidence: result.evidence,
                problem: problem))
          }
        }
      }
    }
    return summary
  }

  private func evaluate(_ id: String, _ example: RubricExample, _ text: String) -> PrincipleResult {
    var memory = ConversationMemory()
    for earlier in example.earlier {
      memory = scorer.score(earlier, context: example.context, memory: memory).memory
    }
    let assessment = scorer.score(text, context: example.context, memory: memory)
    return assessment.result(id) ?? PrincipleResult(id: id, verdict: .notApplicable, evidence: [], feedback: "")
  }

  /// Each evidence span must cover the text it claims, and say the same words as the original
  /// example's evidence, ignoring case, apostrophe style and spacing.
  private func evidencePoints(_ evidence: [Evidence], into text: String, like original: [Evidence]) -> Bool {
    let bytes = Array(text.utf8)
    for e in evidence {
      guard e.start >= 0, e.end <= bytes.count, e.start <= e.end else { return false }
      if String(decoding: bytes[e.start..<e.end], as: UTF8.self) != e.text { return false }
    }
    func normal(_ s: String) -> String {
      s.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").split(separator: " ").joined(separator: " ")
    }
    return Set(evidence.map { normal($0.text) }).isSuperset(of: Set(original.map { normal($0.text) }))
  }
}
