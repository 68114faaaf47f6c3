import Foundation
import Testing

@testable import AmendsKit

/// The scorer judges who does what to whom, reads the brief, and cannot be bought with padding:
/// the examples issue 14 found wrong, each judged as a coach would.
@Suite struct GeneralisationTests {
  let scorer = Fixtures.scorer

  @Test(arguments: [
    ("You can claim it back from your card issuer.", "remedy", Verdict.missed),
    ("If anyone was upset by this, we apologise.", "apology", .missed),
    ("If anyone was upset by this, we apologise.", "spin", .violated),
    ("You'll need to follow the setup guide next time.", "prevention", .missed),
    ("You'll need to follow the setup guide next time.", "condescension", .violated),
    ("Deleting your files was a grave error on our side.", "ownership", .met),
    ("The other team handles that, not us.", "blame-shifting", .violated),
    ("I'm sure you can understand.", "condescension", .violated),
    ("You'd know this if you'd used one before.", "condescension", .violated),
    (
      "I'm sorry the delivery didn't go as you'd hoped. To avoid this in future, it's worth double-checking your address at checkout.",
      "prevention", .missed
    ),
    (
      "I'm sorry the delivery didn't go as you'd hoped. To avoid this in future, it's worth double-checking your address at checkout.",
      "blame-shifting", .violated
    ),
    (
      "I'm sorry the delivery didn't go as you'd hoped. To avoid this in future, it's worth double-checking your address at checkout.",
      "apology", .missed
    ),
  ])
  func whoActsDecides(_ reply: String, _ principle: String, _ verdict: Verdict) {
    #expect(scorer.score(reply).verdict(principle) == verdict, "\(principle) for “\(reply)”")
  }

  /// `:why`, `check --explain`, `test --explain`: each missed move and avoided pitfall, and only
  /// those, gets the nearest phrase (the words the reply has and lacks) and what the trained
  /// layer made of it, with three different places in the reply that weighed most.
  @Test func whyWasThisNotCounted() throws {
    let reply =
      "Hi Tom, the courier dropped the ball and their depot is to blame. I've asked them to look into it."
    let explanations = Explainer.explain(reply, context: ScoringContext(severity: .moderate), scorer: scorer)
    let assessment = scorer.score(reply, context: ScoringContext(severity: .moderate))
    #expect(!explanations.isEmpty)
    for explanation in explanations {
      #expect([Verdict.missed, .avoided].contains(assessment.verdict(explanation.principle)))
    }
    #expect(!explanations.contains { $0.principle == "blame-shifting" }, "violated: nothing to explain")
    let apology = try #require(explanations.first { $0.principle == "apology" })
    let near = try #require(apology.near)
    #expect(near.missing.contains("sorry") && !near.found.isEmpty)
    #expect(reply.contains(near.sentence.prefix(20)))
    let learned = try #require(apology.learned)
    #expect(learned.probability < learned.needed && learned.needed <= 1)
    #expect((1...3).contains(learned.features.count))
    #expect(Set(learned.features.map(\.text)).count == learned.features.count, "the same words once")
    for feature in learned.features { #expect(feature.weight > 0) }
  }

  /// A phrase that matched and was overruled is the explanation, not the nearest phrase that
  /// did not match. A copy of the weights whose apology column overrules every phrase hit makes
  /// the case whatever the shipped weights are.
  @Test func anOverruledPhraseIsShownWithWhatWeighedAgainstIt() throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scoring = folder.appendingPathComponent("Scoring")
    try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Scoring"), to: scoring)
    let weights = scoring.appendingPathComponent(LearnedModel.fileName)
    var lines = try String(contentsOf: weights, encoding: .utf8).components(separatedBy: "\n")
    let principles = try #require(lines.first { $0.hasPrefix("principles\t") }).split(separator: "\t")[1]
      .split(separator: " ")
    let apology = try #require(principles.firstIndex(of: "apology"))
    let keepLine = try #require(lines.firstIndex { $0.hasPrefix("keep\t") })
    var keep = lines[keepLine].split(separator: "\t")[1].split(separator: " ").map(String.init)
    keep[apology] = "1"
    lines[keepLine] = "keep\t" + keep.joined(separator: " ")
    try lines.joined(separator: "\n").write(to: weights, atomically: true, encoding: .utf8)
    let strict = Scorer(rubric: try Library(root: folder).loadRubric())

    let reply = "I'm sorry we sent the wrong size. The right one goes out today."
    #expect(strict.score(reply).verdict("apology") == .missed)
    let explanation = try #require(
      Explainer.explain(reply, context: ScoringContext(), scorer: strict).first {
        $0.principle == "apology"
      })
    let overruled = try #require(explanation.overruled)
    #expect(reply.contains(overruled.text) && overruled.text.contains("sorry"))
    #expect(explanation.near == nil, "the phrase that matched, not one that came near")
    let learned = try #require(explanation.learned)
    #expect(learned.needed == 1, "the threshold shown is the one that lets a phrase stand")
    for feature in learned.features { #expect(feature.weight < 0, "what weighed against it") }
    let shown = ExplanationView(painter: Painter(color: false)).render([explanation])
    #expect(shown.contains("matched “\(overruled.text)”, but the trained layer overruled it"))
    #expect(shown.contains("it lets a phrase stand from 100%"))
  }

  @Test func callingANamedPersonIsThePersonalChannel() {
    #expect(
      scorer.score("I will call Dana at Corvel myself this morning.", context: ScoringContext(severity: .severe))
        .verdict("personal-channel") == .met)
  }

  @Test func clauseRolesReadTheActorAndWhatTheClauseDoes() {
    func role(_ text: String) -> ClauseRole? { TextAnalyzer.analyze(text).clauseRoles.first }
    #expect(role("I've refunded the £40 to your card.")?.actor == .ours)
    #expect(role("I've refunded the £40 to your card.")?.modes.contains(.report) == true)
    #expect(role("We will call you tomorrow.")?.modes.contains(.promise) == true)
    #expect(role("Please read the terms.")?.modes.contains(.request) == true)
    #expect(role("The courier lost your parcel.")?.actor == .third)
    #expect(role("Mistakes were made.")?.actor == .nobody)
    #expect(role("If you feel let down, we are sorry.")?.modes.contains(.conditional) == true)
    #expect(role("You'd know this if you'd used one before.")?.modes.contains(.judgement) == true)
    // "Your refund" is the customer's thing, not the customer acting; a new subject after "and"
    // starts a part of its own.
    let text = TextAnalyzer.analyze("Your refund is on its way and I have added £10 for the charge.")
    #expect(text.clauseRoles.count == 2)
    #expect(text.clauseRoles.last?.actor == .ours)
  }

  /// Offering what the brief allows is a remedy, in any words; restating its facts is never an
  /// overpromise.
  @Test func theBriefCounts() throws {
    var context = ScoringContext(severity: .moderate)
    context.mayOffer = ["Keys & Strings collect the piano on Thursday and repair it at our cost"]
    let reply = "Keys & Strings will collect the piano on Thursday and repair it at our cost."
    #expect(scorer.score(reply, context: context).verdict("remedy") == .met)

    let library = Fixtures.scenarios
    let scenario = try #require(library.scenario("late-refund"))
    let beat = try #require(scenario.beats.first)
    let restated = "Your £189 refund went to your Visa today at 9:40 and will be with you by Monday 19 May."
    #expect(
      scorer.score(restated, context: ScenarioPlayer.context(for: beat, in: scenario)).verdict("overpromise")
        == .avoided)
    // Typed in play: saying when you approved it is a report, not a promise that it lands today.
    let reported =
      "Sorry Joanne, that's on us. I approved your £189 refund at 9:40 today; it reaches your Visa by Monday 19 May."
    let verdicts = scorer.score(reported, context: ScenarioPlayer.context(for: beat, in: scenario))
    #expect(verdicts.verdict("overpromise") == .avoided)
    #expect(verdicts.verdict("off-message") == .avoided)
    // A promise that it lands today is still one.
    let promised = "I've arranged for your refund to arrive today."
    #expect(
      scorer.score(promised, context: ScenarioPlayer.context(for: beat, in: scenario)).verdict("overpromise")
        == .violated)
    // The trained layer, too, never calls a restatement of the brief's facts a contradiction of them.
    let pileOn = try #require(library.scenario("twitter-pile-on"))
    let first = try #require(pileOn.beats.first)
    let fact =
      "Every missed order was dispatched this morning by next-day courier and arrives by 6pm on Thursday 13 March."
    #expect(
      scorer.score(fact, context: ScenarioPlayer.context(for: first, in: pileOn)).verdict("off-message") == .avoided)
  }

  @Test func repetitionBuysNothing() {
    let sentence = "I'm sorry your order was late and I will refund the delivery charge today. "
    let once = scorer.score(sentence)
    let padded = scorer.score(String(repeating: sentence, count: 60))
    #expect(padded.verdict("excuses") == .violated)
    #expect(padded.score < once.score)
  }

  @Test func greetingAfterTheProcessIsNeverExcellent() {
    let odd =
      "We've changed how we check this. Hi Sam, I'm sorry we sent the wrong size; that's on us. A replacement goes out today and arrives tomorrow by 1pm, and I'll email you the tracking tonight."
    #expect(scorer.score(odd).band < .excellent)
  }

  /// Every move met and every pitfall found shows words of the reply, on real-dev's published
  /// texts, a fifth of dev (all of it costs 20 s in a debug build) and a one-liner the layer
  /// once flagged with no words: a learned verdict that only the reply's length or context
  /// pushed towards is not added, and a rubric check that weighed in another principle's
  /// verdict lends it the words it matched.
  @Test func everyVerdictShowsTheWordsThatDecidedIt() {
    let listable = CalibrationTests.loaded.items.filter(\.set.mayBeListed)
    let items = listable.enumerated().filter { $0.element.set == .realDev || $0.offset % 5 == 0 }.map(\.element)
    var wordless: [String] = []
    for item in items {
      var memory = ConversationMemory()
      for earlier in item.earlier { memory = scorer.score(earlier, context: item.context, memory: memory).memory }
      for result in scorer.score(item.reply, context: item.context, memory: memory).results
      where (result.verdict == .met || result.verdict == .violated) && result.evidence.isEmpty {
        wordless.append("\(item.id): \(result.id) \(result.verdict)")
      }
    }
    #expect(items.count > 400)
    #expect(wordless.isEmpty, "\(wordless.count) verdicts without words: \(wordless.prefix(20))")
    let oneLiner = scorer.score("You'd know this if you'd used one before.")
    #expect(oneLiner.verdict("condescension") == .violated)
    for result in oneLiner.results where result.verdict == .violated { #expect(!result.evidence.isEmpty) }
  }

  /// "ok" to a severe failure: the layer's probability for blame-shifting passes its threshold
  /// on the context alone (the company at fault, the severity), and no word of the reply
  /// pushes that way, so no finger-pointing is claimed, and `--explain` says why.
  @Test func contextAloneNeverMakesAVerdict() throws {
    let context = ScoringContext(severity: .severe)
    let assessment = scorer.score("ok", context: context)
    for result in assessment.results where result.verdict == .violated || result.verdict == .met {
      #expect(!result.evidence.isEmpty, "\(result.id) \(result.verdict) with no words")
    }
    let explanations = Explainer.explain("ok", context: context, scorer: scorer)
    let gated = explanations.filter { e in
      e.overruled == nil && e.learned.map { $0.probability >= $0.needed } == true
    }
    try #require(!gated.isEmpty, "the layer passes a threshold on context alone here")
    let text = ExplanationView(painter: Painter(color: false)).render(explanations)
    #expect(text.contains("only its length or context, so it was not counted"))
  }

  /// Replies with different merits do not tie at 0: a curt reply outscores an insulting one.
  @Test func badRepliesKeepTheirOrder() {
    let curt = scorer.score("We can't help with that.")
    let insulting = scorer.score(
      "Calm down. You should have read the terms; it's the courier's fault, not ours, and frankly your complaint is ridiculous."
    )
    #expect(curt.score > insulting.score)
  }

  /// Replies that meet the same moves do not tie at the top: a move earns more the surer the
  /// trained layer is that it was made, from half its weight to all of it, and the points a
  /// trainee sees say so.
  @Test func aSurerMoveEarnsMore() throws {
    let rubric = Fixtures.rubric
    try #require(rubric.model?.scoreShape != nil)
    let map = ScoreMap(rubric: rubric)
    func meetingEveryMove(sureness: Double) -> (score: Int, points: [String: Double]) {
      map.score(
        rubric.principles.map { principle in
          principle.kind == .move
            ? ScoreMap.Input(principle: principle, verdict: .met, probability: sureness)
            : ScoreMap.Input(principle: principle, verdict: .avoided, probability: 0.01)
        })
    }
    let sure = meetingEveryMove(sureness: 0.99), doubted = meetingEveryMove(sureness: 0.4)
    #expect(sure.score == 100)
    #expect(doubted.score == 70)
    #expect(doubted.points["apology"]! < sure.points["apology"]!)
    #expect(doubted.points["apology"]! > sure.points["apology"]! / 2)
  }

  /// A principle the trained layer leaves out (too few labels to learn, `train.py`) is decided
  /// by the phrases alone and counts whole, as training's score mapping assumed; it does not
  /// read as a probability of 0 and count half.
  @Test func aPrincipleTheLayerLeavesOutCountsWhole() throws {
    let rubric = Fixtures.rubric
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = Fixtures.write(
      "format\t1\nrubric-version\t\(rubric.version)\nprinciples\tapology\nbias\t0\nadd\t0.5\nkeep\t0.4\nscore\t8 0 30\n",
      to: "model.tsv", in: folder)
    let model = try LearnedModel.load(from: url, rubricVersion: rubric.version)
    let partial = Rubric(
      version: rubric.version, principles: rubric.principles, penaltyPerWeight: rubric.penaltyPerWeight,
      bandFloors: rubric.bandFloors, articles: rubric.articles, moodSteps: rubric.moodSteps, model: model,
      seriousPitfallWeight: rubric.seriousPitfallWeight, oddOrderBand: rubric.oddOrderBand)
    let assessment = Scorer(rubric: partial).score("I'm sorry; that was our mistake.")
    #expect(assessment.verdict("apology") == .met)
    #expect(assessment.verdict("ownership") == .met)
    // apology: no features, bias 0, so the layer is half sure and it earns three quarters of
    // its weight; ownership, left out, earns all of its own.
    let apology = try #require(assessment.points["apology"]), ownership = try #require(assessment.points["ownership"])
    let apologyWeight = Double(try #require(rubric.principle("apology")).weight)
    let perWeight = ownership / Double(try #require(rubric.principle("ownership")).weight)
    #expect(abs(apology - apologyWeight * perWeight * 0.75) < 1e-9, "apology \(apology), ownership \(ownership)")
  }
}
