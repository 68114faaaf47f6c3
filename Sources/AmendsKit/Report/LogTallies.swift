/// What one user's log adds to the team's tallies, counted in flat arrays while the log is
/// read and handed over once at its end (the trend once a week). A turn carries nineteen
/// verdicts and a beat, an attempt a scenario: updating the team's dictionaries of scenarios,
/// beats and weekly series for each was more than half of a report's time.
struct LogTallies {
  // MARK: Verdicts

  /// Six counts per principle (by index of `Rubric.principleIds`): its met, missed, violated
  /// and avoided verdicts, then its good and applicable verdicts in `trendWeek`.
  private var counts = [Int](repeating: 0, count: Rubric.principleIds.count * Self.countsPerPrinciple)
  private var trendWeek: Int?
  private static let countsPerPrinciple = 6

  /// Counts a turn's verdicts, for the week with that number (nil: no trend).
  mutating func count(_ verdicts: TurnVerdicts, week: Int?, team: inout TeamTallies) {
    if week != trendWeek {
      handOverTrend(into: &team)
      trendWeek = week
    }
    let trended = week != nil
    counts.withUnsafeMutableBufferPointer { counts in
      // By code: met 1, missed 2, violated 3 and avoided 4 count in the first four places;
      // not-applicable (5) counts nowhere. Met and avoided are good.
      verdicts.forEachCode { index, code in
        guard code <= 4 else { return }
        let base = index &* Self.countsPerPrinciple
        counts[base &+ code &- 1] &+= 1
        if trended {
          counts[base &+ 4] &+= code == 1 || code == 4 ? 1 : 0
          counts[base &+ 5] &+= 1
        }
      }
    }
  }

  /// Adds the trend week's counts to the team's weekly series and starts the week afresh.
  private mutating func handOverTrend(into team: inout TeamTallies) {
    guard let week = trendWeek else { return }
    for index in Rubric.principleIds.indices {
      let base = index * Self.countsPerPrinciple
      let (good, applicable) = (counts[base + 4], counts[base + 5])
      guard applicable > 0, let slot = team.slot(ofPrinciple: index) else { continue }
      team.principleSlots[slot].trend.add(Double(good), week: week, count: applicable)
      counts[base + 4] = 0
      counts[base + 5] = 0
    }
    trendWeek = nil
  }

  // MARK: Scenarios and beats

  /// Scenario ids in the order first met, their figures (beats aside), and whether the
  /// trainee's sets of started, completed and assessed scenarios hold each yet.
  private(set) var scenarioIDs: [String] = []
  private var scenarioNumbers: [String: Int] = [:]
  var scenarios: [ScenarioSummary] = []
  var started: [Bool] = []
  var completed: [Bool] = []
  var assessed: [Bool] = []

  /// The number of a scenario id, counted from 0 as they are met.
  mutating func scenarioNumber(_ id: String) -> Int {
    if let number = scenarioNumbers[id] { return number }
    let number = scenarioIDs.count
    scenarioNumbers[id] = number
    scenarioIDs.append(id)
    scenarios.append(ScenarioSummary(id: id))
    started.append(false)
    completed.append(false)
    assessed.append(false)
    return number
  }

  private var beatSlots = BeatSlots()
  /// Each beat's figures by slot, and the number of its scenario.
  var beats: [ScenarioSummary.BeatStats] = []
  private var beatScenario: [Int] = []

  /// The slot of a beat of the scenario numbered `scenario`; `id` is its UTF-8 spelling.
  mutating func beatSlot(scenario: Int, id: UnsafeBufferPointer<UInt8>) -> Int {
    let (slot, isNew) = beatSlots.slot(scenario: scenario, id: id)
    if isNew {
      beats.append(ScenarioSummary.BeatStats(id: String(decoding: id, as: UTF8.self)))
      beatScenario.append(scenario)
    }
    return slot
  }

  // MARK: Handing over

  /// Adds everything counted to the team's tallies and the trainee's principles.
  mutating func handOver(into team: inout TeamTallies, trainee: inout TraineeSummary) {
    handOverTrend(into: &team)
    for (slot, beat) in beats.enumerated() {
      scenarios[beatScenario[slot]].beats[beat.id] = beat
    }
    for (number, summary) in scenarios.enumerated() {
      team.scenario(scenarioIDs[number]) { $0.add(summary) }
    }
    for index in Rubric.principleIds.indices {
      guard let slot = team.slot(ofPrinciple: index) else { continue }
      let base = index * Self.countsPerPrinciple
      var tally = VerdictTally()
      (tally.met, tally.missed, tally.violated, tally.avoided) = (
        counts[base], counts[base + 1], counts[base + 2], counts[base + 3]
      )
      guard tally.applicable > 0 else { continue }
      trainee.principles[Rubric.principleIds[index]] = tally
      team.principleSlots[slot].tally.add(tally)
    }
  }
}
