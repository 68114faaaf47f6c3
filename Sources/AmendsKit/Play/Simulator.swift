import Foundation

/// SplitMix64 (Steele, Lea and Flood): a tiny, fast generator whose sequence depends only on
/// its seed, so simulated data reproduces byte for byte on every platform.
public struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform value in 0..<1.
  public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  public mutating func chance(_ p: Double) -> Bool { unit() < p }

  public mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(next() % UInt64(items.count))] }
}

/// Writes realistic trainee logs by playing generated replies through the real scenarios, the
/// real `ScenarioPlayer` and the real scorer: every score, verdict and branch in the output is
/// what `amends play` would have logged for that reply. Trainees start at different skill and
/// improve at different rates; attempts are spread over months; the same seed gives the same
/// files.
public struct Simulator {
  public struct Options: Sendable {
    public var users: Int
    public var attempts: Int
    public var seed: UInt64
    /// The first day any trainee may start.
    public var start: CivilDate
    /// Days over which each trainee's attempts are spread.
    public var spanDays: Int

    public init(
      users: Int, attempts: Int, seed: UInt64 = 1, start: CivilDate = CivilDate(daysSinceEpoch: 20_458),
      spanDays: Int = 120
    ) {
      self.users = users
      self.attempts = attempts
      self.seed = seed
      self.start = start
      self.spanDays = spanDays
    }
  }

  /// What a run wrote.
  public struct Totals: Sendable, Equatable {
    public var users = 0
    public var attempts = 0
    public var turns = 0
  }

  public struct Refusal: Error, CustomStringConvertible {
    public let description: String
  }

  public let scenarios: [Scenario]
  public let scorer: Scorer
  public let options: Options

  public init(scenarios: [Scenario], scorer: Scorer, options: Options) {
    self.scenarios = scenarios.sorted { $0.id < $1.id }
    self.scorer = scorer
    self.options = options
  }

  /// The user names a run writes, in order.
  public static func userNames(_ count: Int) -> [String] {
    (0..<count).map { i in
      let base = firstNames[i % firstNames.count]
      return i < firstNames.count ? base : "\(base)-\(i / firstNames.count + 1)"
    }
  }

  /// Plays every trainee's attempts and appends them to their logs. Refuses when one of the
  /// simulated users already has a log, so real progress is never mixed with made-up turns.
  @discardableResult
  public func run(into data: DataDirectory) throws -> Totals {
    guard !scenarios.isEmpty else { throw Refusal(description: "the library has no scenarios to play") }
    let names = Self.userNames(options.users)
    for name in names {
      let store = UserStore(data: data, user: try UserName(name))
      if FileManager.default.fileExists(atPath: store.log.url.path) {
        throw Refusal(
          description: "\(displayPath(store.log.url)) already exists; simulate into an empty data directory")
      }
    }
    var totals = Totals()
    var rng = SplitMix64(seed: options.seed)
    for name in names {
      let store = UserStore(data: data, user: try UserName(name))
      try store.prepare()
      var trainee = SimulatedTrainee(rng: &rng, options: options)
      for number in 1...max(1, options.attempts) where options.attempts > 0 {
        let lines = try playAttempt(number, trainee: &trainee, rng: &rng, totals: &totals)
        try SafeFile.append(lines, to: store.log.url)
        totals.attempts += 1
      }
      totals.users += 1
    }
    return totals
  }

  private func playAttempt(
    _ number: Int, trainee: inout SimulatedTrainee, rng: inout SplitMix64, totals: inout Totals
  ) throws -> Data {
    guard let scenario = rng.pick(scenarios) else { return Data() }
    let player = ScenarioPlayer(scenario: scenario, scorer: scorer)
    let assess = rng.chance(0.15)
    var clock = trainee.startOfAttempt(number, rng: &rng)
    var out = Data()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // The attempt as written, scored by the same rules as every other reader (`AttemptScore`).
    var record: AttemptRecord?
    func write(_ event: LogEvent) throws {
      out.append(try encoder.encode(event))
      out.append(0x0A)
      record?.apply(event)
    }
    var started = LogEvent(event: .attemptStarted, attempt: number, at: clock)
    started.scenario = scenario.id
    started.scenarioVersion = scenario.version
    started.scenarioHash = scenario.contentHash
    started.rubricVersion = scorer.rubric.version
    started.mode = assess ? .assess : .practice
    try write(started)
    record = AttemptRecord(started: started)

    let quality = trainee.quality(at: number, rng: &rng)
    let quits = rng.chance(0.05)
    var state = player.start()
    var turn = 0
    while let beatId = state.beat, let beat = scenario.beat(beatId), turn < 30 {
      clock += Double(60 + rng.next() % 240)
      turn += 1
      if rng.chance(0.03) {
        let before = state
        state = player.skip(state)
        var event = LogEvent(event: .turnSkipped, attempt: number, at: clock)
        event.turn = turn
        event.beat = beat.id
        event.beatKind = beat.kind.rawValue
        event.moodBefore = before.mood
        event.state = state
        try write(event)
        totals.turns += 1
        continue
      }
      let reply = ReplyComposer.compose(for: beat, in: scenario, quality: quality, rng: &rng)
      guard var outcome = player.respond(to: state, with: reply) else { break }
      try write(outcome.logEvent(attempt: number, turn: turn, at: clock, retry: false))
      // A practising trainee sometimes retries a poor answer, usually a little better.
      if !assess, outcome.band == .poor, rng.chance(0.3) {
        clock += Double(30 + rng.next() % 120)
        turn += 1
        let second = ReplyComposer.compose(for: beat, in: scenario, quality: min(1, quality + 0.2), rng: &rng)
        if let retried = player.respond(to: state, with: second) {
          outcome = retried
          try write(retried.logEvent(attempt: number, turn: turn, at: clock, retry: true))
          totals.turns += 1
        }
      }
      totals.turns += 1
      state = outcome.after
      if quits && turn >= 1 { return out }  // left mid-attempt: the attempt stays open
    }
    guard let score = record?.score else { return out }
    var finished = LogEvent(event: .attemptFinished, attempt: number, at: clock + 20)
    finished.scenario = scenario.id
    finished.score = score
    finished.band = scorer.rubric.band(for: score)
    try write(finished)
    return out
  }

  static let firstNames = [
    "ada", "ben", "chloe", "dana", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi", "lee", "maya", "nils", "olu",
    "priya",
    "quinn", "rosa", "sam", "tomas", "uma", "vik", "wen", "xavi", "yara", "zoe", "amir", "bea", "cole", "dev",
  ]
}

/// One made-up trainee: where they start, how fast they improve, when they practise.
struct SimulatedTrainee {
  let skill: Double
  let rate: Double
  let firstDay: Int
  let spacing: Double

  init(rng: inout SplitMix64, options: Simulator.Options) {
    skill = 0.1 + 0.45 * rng.unit()
    // Some barely improve, some improve fast; a few get worse (tired, rushed).
    rate = rng.chance(0.1) ? -0.004 * rng.unit() : 0.03 * rng.unit() * rng.unit() + 0.002
    firstDay = options.start.daysSinceEpoch + Int(rng.next() % UInt64(max(1, options.spanDays / 4)))
    spacing = Double(options.spanDays * 3 / 4) / Double(max(1, options.attempts))
  }

  /// How good the replies of attempt `n` are, 0–1, with day-to-day noise.
  func quality(at n: Int, rng: inout SplitMix64) -> Double {
    min(1, max(0, skill + rate * Double(n) + (rng.unit() - 0.5) * 0.3))
  }

  func startOfAttempt(_ n: Int, rng: inout SplitMix64) -> Date {
    let day = Double(firstDay) + spacing * Double(n - 1) + rng.unit() * spacing * 0.8
    let seconds = floor(day) * 86_400 + 8 * 3600 + Double(rng.next() % (10 * 3600))
    return Date(timeIntervalSince1970: seconds)
  }
}
