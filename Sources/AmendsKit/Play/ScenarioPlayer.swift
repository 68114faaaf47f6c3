/// Plays a scenario as a pure state machine: (state, reply) -> (outcome, next state). It reads
/// no terminal and writes no file, so the REPL, `amends test` and the unit tests all drive the
/// same code.
public struct ScenarioPlayer: Sendable {
  public let scenario: Scenario
  public let scorer: Scorer

  public init(scenario: Scenario, scorer: Scorer) {
    self.scenario = scenario
    self.scorer = scorer
  }

  public func start() -> ConversationState {
    ConversationState(beat: scenario.beats.first?.id, mood: scenario.mood, memory: ConversationMemory())
  }

  /// The scoring context of a beat: the scenario's severity and brief, the beat's kind and flags.
  public static func context(for beat: Beat, in scenario: Scenario) -> ScoringContext {
    var context = ScoringContext(severity: scenario.severity, beatKind: beat.kind)
    context.companyAtFault = beat.companyAtFault ?? scenario.brief.companyAtFault
    context.needsAction = beat.needsAction
    context.carriesInput = beat.carriesInput
    context.facts = scenario.brief.facts + scenario.brief.policy
    context.outOfReach = scenario.brief.outOfReach
    context.mayOffer = scenario.brief.mayOffer
    context.briefMatchers = scenario.brief.matchers
    context.expected = Set(beat.expects)
    return context
  }

  /// Scores a reply to the current beat and moves the conversation on.
  public func respond(to state: ConversationState, with reply: String) -> TurnOutcome? {
    guard let beatId = state.beat, let beat = scenario.beat(beatId) else { return nil }
    let context = ScenarioPlayer.context(for: beat, in: scenario)
    let analyzed = TextAnalyzer.analyze(reply)
    var assessment = scorer.score(analyzed, context: context, memory: state.memory)
    var review: DraftReview?
    if beat.kind == .colleagueDraft, let draft = beat.draft {
      let draftText = TextAnalyzer.analyze(draft)
      let draftAssessment = scorer.score(draftText, context: context, memory: state.memory)
      let r = DraftReview.review(
        draft: draftText, draftAssessment: draftAssessment, rewrite: analyzed, rewriteAssessment: assessment,
        keep: beat.keep)
      assessment = assessment.deducting(r.deduction, rubric: scorer.rubric)
      review = r
    }
    let (score, band) = (assessment.score, assessment.band)
    var mood = state.mood.moved(by: scorer.rubric.moodSteps[band] ?? 0)
    for principle in scorer.rubric.principles
    where principle.moodStep != 0 && assessment.verdict(principle.id) == .violated {
      mood = mood.moved(by: principle.moodStep)
    }
    let taken = branch(after: beat, score: score, band: band, mood: mood, assessment: assessment)
    let next = taken.map { $0.goto == "end" ? nil : $0.goto } ?? fallThrough(after: beat)
    let after = ConversationState(beat: next, mood: mood, memory: assessment.memory, outcome: taken?.outcome)
    return TurnOutcome(
      beat: beat, reply: reply, assessment: assessment, draftReview: review, before: state, after: after)
  }

  /// Moves past the current beat without a reply, by its unconditional route.
  public func skip(_ state: ConversationState) -> ConversationState {
    guard let beatId = state.beat, let beat = scenario.beat(beatId) else { return state }
    var next = state
    next.beat = defaultNext(after: beat)
    return next
  }

  /// The first branch whose condition holds; nil when none does (the next beat in the file).
  func branch(after beat: Beat, score: Int, band: Band, mood: Mood, assessment: Assessment) -> Branch? {
    beat.branches.first { $0.condition.holds(score: score, band: band, mood: mood, verdict: assessment.verdict) }
  }

  private func defaultNext(after beat: Beat) -> String? {
    if let last = beat.branches.last, last.condition.isAlways { return last.goto == "end" ? nil : last.goto }
    return fallThrough(after: beat)
  }

  private func fallThrough(after beat: Beat) -> String? {
    guard let i = scenario.beats.firstIndex(where: { $0.id == beat.id }), i + 1 < scenario.beats.count else {
      return nil
    }
    return scenario.beats[i + 1].id
  }

  /// The strongest sample reply of a beat, for `:example`.
  public func example(for beatId: String) -> SampleReply? {
    guard let beat = scenario.beat(beatId) else { return nil }
    return beat.samples.first(where: \.isStrong) ?? beat.samples.first { $0.bands == nil }
  }
}
