import Foundation
import Testing

@testable import AmendsKit

@Suite struct ScorerTests {
  let scorer = Fixtures.scorer

  @Test func everyIdGetsExactlyOneVerdict() {
    for text in [
      "ok", "I'm sorry, that's on us. A refund is on its way by Friday.", String(repeating: "sorry ", count: 300),
    ] {
      let ids = scorer.score(text).results.map(\.id)
      #expect(ids == Rubric.principleIds)
    }
  }

  @Test func aStrongReplyBeatsAWeakOne() {
    let strong = scorer.score(
      "I'm sorry, Dana: we sent the wrong size and that's on us. I've sent the right dress by express post; it arrives Thursday before noon. We've added a size check at packing so this doesn't happen again. Thank you for telling us straight away."
    )
    let weak = scorer.score("We regret any inconvenience. As I already explained, the courier is to blame.")
    #expect(strong.score >= 75)
    #expect(weak.score < 30)
    #expect(strong.band > weak.band)
  }

  @Test func severityAndBeatSwitchPrinciplesOnAndOff() {
    let text = "lol sorry 😅 we'll fix it"
    #expect(scorer.score(text, context: ScoringContext(severity: .minor)).verdict("flippancy") == .notApplicable)
    #expect(scorer.score(text, context: ScoringContext(severity: .severe)).verdict("flippancy") == .violated)
    #expect(scorer.score(text, context: ScoringContext(severity: .minor)).verdict("prevention") == .notApplicable)
    #expect(
      scorer.score(text, context: ScoringContext(severity: .moderate)).verdict("personal-channel") == .notApplicable)
    #expect(
      scorer.score(text, context: ScoringContext(severity: .moderate, beatKind: .executive)).verdict("personal-channel")
        == .missed)
    #expect(
      scorer.score(text, context: ScoringContext(severity: .moderate, beatKind: .executive)).verdict("apology")
        == .notApplicable)
  }

  @Test func namingThePartnerIsBlameOnlyWhenTheReplyDoesNotOwnIt() {
    #expect(
      scorer.score("Our courier had a van breakdown on Tuesday. I've refunded the postage.").verdict("blame-shifting")
        == .violated)
    #expect(
      scorer.score("Our courier had a van breakdown on Tuesday, but that's on us. I've refunded the postage.").verdict(
        "blame-shifting") == .avoided)
  }

  @Test func aPromiseTheBriefRulesOutIsNotAKeepableCommitment() {
    var context = ScoringContext()
    context.outOfReach = try! Phrase.compile("online today")
    let reply = "I've escalated the fault and you'll be back online today."
    #expect(scorer.score(reply).verdict("commitment") == .met)
    #expect(scorer.score(reply, context: context).verdict("commitment") == .missed)
  }

  @Test func aFixAlreadyDoneWhereTheCustomerCanSeeItIsAKeptCommitment() {
    #expect(scorer.score("I've refunded the £14.50 to your card.").verdict("commitment") == .met)
    #expect(scorer.score("We'll refund you soon.").verdict("commitment") == .missed)
  }

  @Test func oneSentenceCanStringSeveralReasonsTogether() {
    let pile =
      "Sorry the launch slipped. It was a tough month for us: two developers left, we're stretched thin and there was a server outage. We'll go live next week."
    #expect(scorer.score(pile).verdict("excuses") == .violated)
    #expect(
      scorer.score("Sorry the launch slipped: two developers left. We'll go live on Monday at 9am.").verdict("excuses")
        == .avoided)
  }

  @Test func actOnInputAppliesOnlyToFeedback() {
    var context = ScoringContext()
    #expect(scorer.score("Thanks, noted.", context: context).verdict("act-on-input") == .notApplicable)
    context.carriesInput = true
    #expect(scorer.score("Thanks, I'll pass it along.", context: context).verdict("act-on-input") == .missed)
  }

  @Test func apologiesCountAcrossTurns() {
    var memory = ConversationMemory()
    for reply in ["I'm so sorry about this.", "Sorry again for the trouble.", "I do apologise."] {
      memory = scorer.score(reply, memory: memory).memory
    }
    #expect(memory.tallies["apologies"] == 3)
    #expect(scorer.score("Sorry, once more.", memory: memory).verdict("over-apology") == .violated)
    #expect(scorer.score("Sorry, once more.").verdict("over-apology") == .avoided)
  }

  @Test func offMessageJudgesAgainstTheBrief() throws {
    var context = ScoringContext()
    #expect(scorer.score("Your refund lands today.", context: context).verdict("off-message") == .notApplicable)
    context.facts = [
      BriefFact(
        id: "refund", text: "Refunds take 5 business days.",
        contradictions: try Phrase.compile("refund* ...4 today|tonight"))
    ]
    let result = scorer.score("Your refund lands today.", context: context)
    #expect(result.verdict("off-message") == .violated)
    #expect(result.result("off-message")?.feedback.contains("5 business days") == true)
  }

  @Test func beatExpectationsForceAPrincipleToApply() {
    var context = ScoringContext(severity: .moderate)
    context.expected = ["personal-channel"]
    #expect(scorer.score("I'll call you at 4pm today.", context: context).verdict("personal-channel") == .met)
  }

  @Test func evidenceOffsetsAreUTF8AndPointAtTheWords() {
    let text = "Ça va? 😀 I’m sorry we lost your parcel — that’s on us."
    let bytes = Array(text.utf8)
    for result in scorer.score(text).results {
      for e in result.evidence {
        #expect(String(decoding: bytes[e.start..<e.end], as: UTF8.self) == e.text)
      }
    }
  }

  @Test func checkJSONFollowsTheContract() throws {
    let json = CheckReport.json(scorer.score("I'm sorry, that's on us."))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["score", "principles"])
    let principles = try #require(object["principles"] as? [[String: Any]])
    #expect(principles.map { $0["id"] as? String } == Rubric.principleIds)
    let verdicts = Set(Verdict.allCases.map(\.rawValue))
    for p in principles {
      #expect(verdicts.contains(p["verdict"] as? String ?? ""))
      #expect(p["evidence"] is [Any])
      #expect(p["feedback"] is String)
    }
  }

  @Test func scoresAHugeReplyQuickly() {
    let big = String(repeating: "I'm sorry we got this wrong, that's on us. ", count: 6000)
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = scorer.score(big) }
    // Not a speed target (see Benchmarks/): only that a 250 KB reply is scored, not stuck.
    #expect(elapsed < .seconds(30))
  }
}
