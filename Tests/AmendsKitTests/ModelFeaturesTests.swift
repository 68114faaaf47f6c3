import Foundation
import Testing

@testable import AmendsKit

/// Scoring reads the trained layer's features by number (`ModelFeatures`), training by name
/// (`ReplyFeatures`): the two must find the same features at the same places, or the weights
/// trained in Python would meet other features in Swift.
@Suite struct ModelFeaturesTests {
  @Test func numbersAndNamesFindTheSameFeatures() throws {
    let rubric = Fixtures.rubric
    let model = try #require(rubric.model)
    let scorer = Scorer(rubric: rubric.withoutTrainedLayer())
    let corpus = CorpusLoader.load(folder: Fixtures.root.appendingPathComponent("Scoring/corpus"))
    let replies =
      corpus.items(in: .dev).prefix(300).map { ($0.reply, $0.context) }
      + [
        ("snake_case_words and under_scores, £189 at 9:40 😀", ScoringContext(severity: .severe)),
        ("\"I'm sorry\", he said. We'll refund you by Friday.", ScoringContext()),
      ]
    var found = 0
    for (reply, context) in replies {
      let text = TextAnalyzer.analyze(reply)
      let findings = scorer.inspect(text, context: context, memory: ConversationMemory()).0
      let named = ReplyFeatures.extract(text, context: context, rubric: rubric, findings: findings)
      let expected = named.spans.compactMap { name, span in model.rows[name].map { ($0, span) } }
        .sorted { $0.0 < $1.0 }
      let numbered = ModelFeatures.extract(text, context: context, rubric: rubric, findings: findings, model: model)
      #expect(numbered.rows == expected.map(\.0), "rows for “\(reply.prefix(60))”")
      #expect(numbered.spans == expected.map(\.1), "spans for “\(reply.prefix(60))”")
      found += numbered.rows.count
    }
    #expect(found > 10 * replies.count, "the model weighs features in these replies")
  }
}
