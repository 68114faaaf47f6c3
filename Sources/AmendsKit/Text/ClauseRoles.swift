/// Who does what to whom in each clause of a reply: the actor (our side, the customer, a third
/// party, or nobody, as in "mistakes were made") and what the clause does (a promise, a report
/// of something done, a request or instruction to the customer, a condition, a judgement of the
/// customer). Rules name these roles in the rubric's YAML (`actor: [ours]`); this file computes
/// them, from word forms alone, with no parser: a few dozen words decide almost every clause a
/// customer reply holds.
public struct ClauseRole: Sendable, Equatable {
  public enum Actor: String, Sendable, CaseIterable {
    case ours, customer, third, nobody, unknown
  }

  public struct Modes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// "we will", "I'll", "I promise".
    public static let promise = Modes(rawValue: 1)
    /// "I have refunded", "we sent", "I've booked": something already done.
    public static let report = Modes(rawValue: 2)
    /// "please", "you should", "you'll need to", an imperative: asking the customer to act.
    public static let request = Modes(rawValue: 4)
    /// "if you feel", "should you wish", "in case".
    public static let conditional = Modes(rawValue: 8)
    /// A verdict on the customer: "you would know", "you should have", "as you know".
    public static let judgement = Modes(rawValue: 16)
    /// Passive voice with no one named: "an error was made", "it was sent".
    public static let passive = Modes(rawValue: 32)

    public static let names: [(String, Modes)] = [
      ("promise", .promise), ("report", .report), ("request", .request), ("conditional", .conditional),
      ("judgement", .judgement), ("passive", .passive),
    ]
  }

  public var actor: Actor
  public var modes: Modes
  /// Word positions (indices into `AnalyzedText.words`) of the clause.
  public var words: Range<Int>
}

enum ClauseRoleAnalyzer {
  // Lexicons: small, closed classes of English.
  static let ourSubjects: Set<String> = ["i", "we"]
  static let subjectPronouns: Set<String> = ["i", "we", "you", "they", "he", "she"]
  static let joiners: Set<String> = ["and", "so", "then", "but", "because", "while", "as", "since", "which", "or"]
  static let ourPossessives: Set<String> = ["our", "my"]
  static let customerSubjects: Set<String> = ["you", "yourself"]
  static let thirdPronouns: Set<String> = ["they", "he", "she"]
  static let thirdParties: Set<String> = [
    "courier", "couriers", "driver", "drivers", "bank", "banks", "issuer", "warehouse", "supplier", "suppliers",
    "manufacturer", "partner", "partners", "airline", "carrier", "post", "royal", "dpd", "hermes", "evri", "ups",
    "fedex",
    "weather", "storm", "snow", "system", "systems", "software", "computer", "app", "website", "server", "servers",
    "department", "contractor", "contractors", "vendor", "vendors", "provider", "providers", "lab", "laboratory",
    "insurer", "landlord", "council", "government", "regulations", "policy", "algorithm", "bot", "chatbot", "network",
    "retailer", "seller", "agency", "agent", "staff", "engineer", "engineers", "technician", "factory", "hotel",
  ]
  static let otherTeamWords: Set<String> = ["other", "another", "separate", "different", "external", "third"]
  static let skippable: Set<String> = [
    "", "and", "so", "then", "also", "now", "just", "really", "already", "today", "honestly", "frankly", "still",
    "truly",
    "sincerely", "personally", "myself", "ourselves", "both", "all", "again", "first", "finally", "unfortunately",
    "sadly", "of", "course", "as", "well", "but", "or", "because", "since", "that", "which", "who", "to", "be", "fair",
  ]
  static let imperativeFillers: Set<String> = ["and", "so", "then", "just", "simply", "kindly"]
  static let judgementModals: Set<String> = ["would", "should", "must", "could"]
  static let modals: Set<String> = ["will", "shall", "would", "can", "could", "should", "must", "may", "might"]
  static let futureWords: Set<String> = ["will", "shall"]
  static let haveForms: Set<String> = ["have", "has", "had"]
  static let beForms: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "am"]
  static let requestModals: Set<String> = ["should", "must", "need", "needs", "have", "has", "ought"]
  static let conditionalStarts: Set<String> = ["if", "unless", "whether", "provided", "providing", "assuming"]
  static let imperatives: Set<String> = [
    "please", "check", "read", "follow", "make", "remember", "try", "contact", "ensure", "note", "refer", "see",
    "kindly",
    "keep", "use", "go", "visit", "call", "email", "reply", "send", "update", "review", "consider", "bear", "calm",
    "be",
    "double", "allow", "wait", "understand",
  ]
  static let irregularPast: Set<String> = [
    "sent", "made", "put", "took", "gave", "spoke", "told", "found", "got", "paid", "set", "kept", "brought", "bought",
    "wrote", "rang", "left", "met", "began", "chose", "built", "lost", "broke", "let", "cut", "held", "ran", "sold",
    "taken", "given", "spoken", "written", "done", "begun", "chosen", "broken", "seen", "shown", "known",
  ]
  static let judgementVerbs: Set<String> = [
    "know", "known", "realise", "realize", "understand", "appreciate", "read", "checked", "noticed",
  ]

  /// The role classes of a form, for `WordFacts` (worked out once per spelling).
  static func facts(of form: String) -> WordFacts {
    var facts: WordFacts = []
    let classes: [(Set<String>, WordFacts)] = [
      (skippable, .roleSkippable), (futureWords, .future), (haveForms, .haveForm), (beForms, .beForm),
      (requestModals, .requestModal), (conditionalStarts, .conditionalStart), (imperatives, .imperative),
      (judgementVerbs, .judgementVerb), (ourSubjects, .ourSubject), (subjectPronouns, .subjectPronoun),
      (joiners, .joiner),
      (ourPossessives, .ourPossessive), (customerSubjects, .customerSubject), (thirdPronouns, .thirdPronoun),
      (thirdParties, .thirdParty), (otherTeamWords, .otherTeamWord), (adviceStarts, .adviceStart),
      (["please"], .please), (["as"], .asWord), (imperativeFillers, .imperativeFiller),
      (judgementModals, .judgementModal),
    ]
    for (words, fact) in classes where words.contains(form) { facts.insert(fact) }
    if (form.hasSuffix("ed") && form.count > 3) || irregularPast.contains(form) { facts.insert(.pastParticiple) }
    return facts
  }

  /// A word as the role reading sees it: its form and its facts.
  struct Word {
    let form: String
    let facts: WordFacts
    func `is`(_ fact: WordFacts) -> Bool { !facts.isDisjoint(with: fact) }
    /// Quoted or reported words and emoji are left out of the reading of a clause.
    static let blank = Word(form: "", facts: ClauseRoleAnalyzer.facts(of: ""))
  }

  /// The role of every clause, in text order, from the tokens and the word positions.
  static func roles(tokens: [Token], words positions: [Int]) -> [ClauseRole] {
    var roles: [ClauseRole] = []
    var start = 0
    let count = positions.count
    while start < count {
      let clause = tokens[positions[start]].clause
      var end = start
      while end < count && tokens[positions[end]].clause == clause { end += 1 }
      // Someone else's words (quoted, reported) have no role of ours.
      // Emoji and someone else's words are left out of the reading of the clause.
      let words = (start..<end).map { t -> Word in
        let token = tokens[positions[t]]
        return token.quoted || token.reported || token.kind == .emoji
          ? .blank : Word(form: token.form, facts: token.facts)
      }
      // "Your refund is on its way and I have added £10": a new subject after a conjunction
      // starts a new part of the clause, with a role of its own.
      var segmentStart = 0
      for i in words.indices where i > segmentStart && i + 1 < words.count {
        if words[i].is(.joiner) && words[i + 1].is(.subjectPronoun) {
          roles.append(role(Array(words[segmentStart..<i]), (start + segmentStart)..<(start + i)))
          segmentStart = i
        }
      }
      roles.append(role(Array(words[segmentStart...]), (start + segmentStart)..<end))
      start = end
    }
    return roles
  }

  /// Word sequences that make a clause advice to the customer, by their first word.
  static let advice: [[String]] = [
    ["it", "is", "worth"], ["worth", "double"], ["make", "sure", "you"], ["remember", "to"], ["be", "sure", "to"],
    ["you", "may", "want", "to"], ["you", "might", "want", "to"], ["we", "recommend", "you"], ["we", "suggest", "you"],
  ]
  static let adviceStarts = Set(advice.map { $0[0] })

  static func startsWith(_ words: ArraySlice<Word>, _ sequence: [String]) -> Bool {
    words.count >= sequence.count && zip(words, sequence).allSatisfy { $0.form == $1 }
  }

  static func role(_ words: [Word], _ range: Range<Int>) -> ClauseRole {
    var modes: ClauseRole.Modes = []
    let second = words.dropFirst().first?.form
    if let first = words.first(where: { !$0.is(.roleSkippable) || $0.is(.asWord) }) {
      if first.is(.conditionalStart) || first.form == "in" && second == "case" { modes.insert(.conditional) }
      if first.form == "should", second == "you" { modes.insert(.conditional) }
    }
    let subject = subjectIndex(words)
    var actor = ClauseRole.Actor.unknown
    if let s = subject {
      actor = actorOf(words, at: s)
    }
    let after = subject.map { words[($0 + 1)...] } ?? words[...]
    // Promises and reports belong to our side; requests and judgements aim at the customer.
    if actor == .ours {
      if let verb = after.first(where: { !$0.is(.roleSkippable) }) {
        if verb.is(.future) || verb.form == "promise"
          || (verb.form == "am" || verb.form == "are") && after.contains(where: { $0.form == "going" })
        {
          modes.insert(.promise)
        } else if verb.is(.haveForm), let next = after.dropFirst().first(where: { !$0.is(.roleSkippable) }),
          next.is(.pastParticiple)
        {
          modes.insert(.report)
        } else if verb.is(.pastParticiple) {
          modes.insert(.report)
        }
      }
    }
    if actor == .customer {
      let head = after.prefix(4)
      let next = head.dropFirst().first?.form
      if let m = head.first,
        m.is(.requestModal)
          || (m.form == "will" || m.form == "would") && (next == "need" || next == "have" || next == "want")
          || m.form == "need" || m.form == "needs"
      {
        modes.insert(.request)
      }
      if let m = head.first, m.is(.judgementModal),
        head.dropFirst().contains(where: { $0.is(.judgementVerb) || $0.form == "have" })
      {
        modes.insert(.judgement)
      }
      if head.contains(where: { $0.form == "clearly" || $0.form == "obviously" }) { modes.insert(.judgement) }
    }
    // An imperative at the head of a clause, or "please": the customer is asked to act.
    if let first = words.first(where: { !$0.is(.imperativeFiller) }),
      subject == nil || subject.map({ words[$0].is(.please) }) == true, first.is(.imperative)
    {
      modes.insert(.request)
      if actor == .unknown { actor = .customer }
    }
    if words.contains(where: { $0.is(.please) }) { modes.insert(.request) }
    // Advice is a request too: "it's worth double-checking your address", "make sure you …",
    // "remember to …", "you may want to …".
    for i in words.indices where words[i].is(.adviceStart) {
      if advice.contains(where: { startsWith(words[i...], $0) }) {
        modes.insert(.request)
        if actor == .unknown || actor == .nobody { actor = .customer }
      }
    }
    if startsWith(words[...], ["as", "you"])
      && words.contains(where: { ["know", "aware", "read", "see"].contains($0.form) })
    {
      modes.insert(.judgement)
    }
    // Passive with no actor named: "an error was made", "your order was cancelled".
    if let be = words.firstIndex(where: { $0.is(.beForm) }), be + 1 < words.count, words[be + 1].is(.pastParticiple),
      !words.contains(where: { $0.form == "by" }) || !words.contains(where: { $0.is(.ourSubject) || $0.form == "us" })
    {
      if actor == .unknown || actor == .nobody
        || (subject.map { !words[$0].is(.ourSubject) } ?? true) && actor != .customer && actor != .ours
      {
        modes.insert(.passive)
        if actor == .unknown { actor = .nobody }
      }
    }
    return ClauseRole(actor: actor, modes: modes, words: range)
  }

  /// The first word that can be a clause's subject (the eighth at the latest): the first that
  /// is not skippable nor opens a condition, or the "you" of "should you".
  static func subjectIndex(_ words: [Word]) -> Int? {
    for (i, word) in words.enumerated() where i < 8 {
      if word.is([.roleSkippable, .conditionalStart]) { continue }
      if word.form == "should" && i + 1 < words.count && words[i + 1].form == "you" { return i + 1 }
      return i
    }
    return nil
  }

  static func actorOf(_ words: [Word], at s: Int) -> ClauseRole.Actor {
    let word = words[s]
    let phrase = words[s..<min(words.count, s + 5)]
    if word.is(.ourSubject) { return .ours }
    if word.is(.customerSubject) { return .customer }
    if word.is(.ourPossessive) {
      // "our courier", "our warehouse partner" are still third parties; "our team", "my colleague" are us.
      return phrase.dropFirst().prefix(2).contains(where: { $0.is(.thirdParty) }) ? .third : .ours
    }
    if word.is(.thirdPronoun) { return .third }
    if phrase.contains(where: { $0.is(.otherTeamWord) })
      && phrase.contains(where: { ["team", "department", "company", "party", "side"].contains($0.form) })
    {
      return .third
    }
    if phrase.prefix(3).contains(where: { $0.is(.thirdParty) }) { return .third }
    if ["mistakes", "errors", "there", "it"].contains(word.form) { return .nobody }
    return .unknown
  }
}

extension AnalyzedText {
  /// The role of the clause (or part of one) holding word position `position`.
  public func role(at position: Int) -> ClauseRole? {
    guard position >= 0, position < words.count else { return nil }
    // The parts tile the words in order: a binary search.
    var low = 0, high = clauseRoles.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = clauseRoles[middle].words
      if range.contains(position) { return clauseRoles[middle] }
      if position < range.lowerBound { high = middle - 1 } else { low = middle + 1 }
    }
    return nil
  }
}
