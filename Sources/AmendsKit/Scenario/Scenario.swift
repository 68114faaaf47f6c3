/// A scenario: the brief the trainee works from, the people in it, and the beats (messages)
/// that arrive in order or by branch. Loaded from `Scenarios/<id>.yaml`.
public struct Scenario: Sendable {
  /// The newest scenario format this build reads.
  public static let currentFormat = 1

  public var format = 1
  public var id: String
  public var title: String
  public var version = 1
  public var difficulty: Difficulty
  public var severity: Severity
  public var tags: [String]
  public var summary: String
  public var brief: Brief
  public var cast: [CastMember]
  public var mood: Mood
  public var beats: [Beat]
  public var debrief: String
  /// The file it came from, and a short hash of its text (logged with every attempt).
  public var path: String
  public var contentHash: String

  public func beat(_ id: String) -> Beat? { beats.first { $0.id == id } }
  public func member(_ id: String) -> CastMember? { cast.first { $0.id == id } }

  /// Principle ids this scenario trains: every beat's `expects`.
  public var trains: [String] {
    var seen: [String] = []
    for beat in beats { for id in beat.expects where !seen.contains(id) { seen.append(id) } }
    return seen
  }
}

public enum Difficulty: String, Sendable, Codable, CaseIterable, Comparable {
  case beginner, intermediate, advanced
  private var rank: Int { Difficulty.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: Difficulty, b: Difficulty) -> Bool { a.rank < b.rank }
}

/// How the person on the other side feels, from furious to won over.
/// The stance a beat's message takes towards the trainee's last reply.
public enum Tone: String, Sendable, CaseIterable {
  case grateful, satisfied, neutral, upset, angry, furious

  /// Gratitude or satisfaction: what a poor or fair reply must never be met with.
  public var rewards: Bool { self == .grateful || self == .satisfied }
}

public enum Mood: String, Sendable, Codable, CaseIterable, Comparable {
  case furious, angry, upset, wary, calm, satisfied

  private var rank: Int { Mood.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: Mood, b: Mood) -> Bool { a.rank < b.rank }

  public func moved(by steps: Int) -> Mood {
    let all = Mood.allCases
    let index = (all.firstIndex(of: self) ?? 0) + steps
    return all[min(max(index, 0), all.count - 1)]
  }
}

public struct Brief: Sendable {
  public var role: String
  public var company: String
  public var situation: String
  public var facts: [BriefFact]
  public var policy: [BriefFact]
  public var mayOffer: [String]
  public var outOfReach: [Phrase]
  public var companyAtFault: Bool
  /// The facts', policy's and limits' matchers, built once for every turn (nil: not made).
  public var matchers: BriefMatchers? = nil
}

public struct CastMember: Sendable {
  public enum Role: String, Sendable, CaseIterable { case customer, colleague, executive }
  public var id: String
  public var name: String
  public var role: Role
  public var description: String
}

/// A fact the rewrite of a colleague's draft must keep ("the refund of £40", "Friday").
public struct KeptFact: Sendable {
  public var text: String
  public var patterns: [Phrase]
}

public struct Beat: Sendable {
  public var id: String
  public var from: String
  public var kind: BeatKind
  public var message: String
  /// For a colleague's draft: the text to rewrite.
  public var draft: String?
  public var keep: [KeptFact]
  public var expects: [String]
  public var carriesInput: Bool
  public var needsAction: Bool
  /// Overrides the brief's `company-at-fault` for this message (the product is fine, but our
  /// fourteen months of silence on the forum is a failure); nil follows the brief.
  public var companyAtFault: Bool?
  /// The stance the message expresses; lint checks that no poor or fair reply is met with
  /// gratitude.
  public var tone: Tone?
  /// Moves the message takes for granted ("You said I'd get a text by 6" assumes a commitment);
  /// lint checks that every branch into the beat guarantees them.
  public var assumes: [String] = []
  public var assumesLine: Int?
  public var toneLine: Int?
  public var hint: String?
  public var samples: [SampleReply]
  public var branches: [Branch]
  public var line: Int
}

/// A branch picks the next beat from the scored reply; the first whose condition holds wins.
public struct Branch: Sendable {
  public var condition: BranchCondition
  /// A beat id, or `end`.
  public var goto: String
  public var line: Int
  public var column: Int
  /// What happened when the conversation ends this way ("Joanne starts a chargeback and posts
  /// a one-star review"): shown before the debrief. Only on a branch to `end`.
  public var outcome: String? = nil
}

public struct BranchCondition: Sendable {
  public var bands: [Band]? = nil
  public var scoreBelow: Int? = nil
  public var scoreAtLeast: Int? = nil
  public var verdicts: [(id: String, verdict: Verdict)] = []
  public var moods: [Mood]? = nil

  public var isAlways: Bool {
    bands == nil && scoreBelow == nil && scoreAtLeast == nil && verdicts.isEmpty && moods == nil
  }

  /// The condition as an author wrote it: `band: poor, violated: blame-shifting`.
  public var summary: String {
    var parts: [String] = []
    if let bands { parts.append("band: " + bands.map(\.rawValue).joined(separator: " or ")) }
    if let scoreBelow { parts.append("score-below: \(scoreBelow)") }
    if let scoreAtLeast { parts.append("score-at-least: \(scoreAtLeast)") }
    for (id, verdict) in verdicts { parts.append("\(verdict.rawValue): \(id)") }
    if let moods { parts.append("mood: " + moods.map(\.rawValue).joined(separator: " or ")) }
    return parts.isEmpty ? "always" : parts.joined(separator: ", ")
  }

  public func holds(score: Int, band: Band, mood: Mood, verdict: (String) -> Verdict) -> Bool {
    if let bands, !bands.contains(band) { return false }
    if let scoreBelow, score >= scoreBelow { return false }
    if let scoreAtLeast, score < scoreAtLeast { return false }
    if let moods, !moods.contains(mood) { return false }
    return verdicts.allSatisfy { verdict($0.id) == $0.verdict }
  }
}

/// A sample reply with its expected outcome: shown by `:example`, run by `amends test`.
public struct SampleReply: Sendable {
  public var reply: String
  public var label: String?
  public var bands: [Band]?
  public var verdicts: [(id: String, verdict: Verdict)]
  public var next: String?
  public var line: Int
  public var column: Int = 1
  /// Where `next:` names its beat, for lint messages about it.
  public var nextLine: Int?
  public var nextColumn: Int?

  public var isStrong: Bool { bands?.allSatisfy { $0 >= .good } ?? false }
}
