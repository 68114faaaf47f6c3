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
    "manufacturer", "partner", "partners", "airline", "carrier", "post", "royal", "dpd", "hermes", "evri", "ups", "fedex",
    "weather", "storm", "snow", "system", "systems", "software", "computer", "app", "website", "server", "servers",
    "department", "contractor", "contractors", "vendor", "vendors", "provider", "providers", "lab", "laboratory",
    "insurer", "landlord", "council", "government", "regulations", "policy", "algorithm", "bot", "chatbot", "network",
    "retailer", "seller", "agency", "agent", "staff", "engineer", "engineers", "technician", "factory", "hotel",
  ]
  static let otherTeamWords: Set<String> = ["other", "another", "separate", "different", "external", "third"]
  static let skippable: Set<String> = [
    "", "and", "so", "then", "also", "now", "just", "really", "already", "today", "honestly", "frankly", "still", "truly",
    "sincerely", "personally", "myself", "ourselves", "both", "all", "again", "first", "finally", "unfortunately",
    "sadly", "of", "course", "as", "well", "but", "or", "because", "since", "that", "which", "who", "to", "be", "fair",
  ]
  static let modals: Set<String> = ["will", "shall", "would", "can", "could", "should", "must", "may", "might"]
  static let futureWords: Set<String> = ["will", "shall"]
  static let haveForms: Set<String> = ["have", "has", "had"]
  static let beForms: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "am"]
  static let requestModals: Set<String> = ["should", "must", "need", "needs", "have", "has", "ought"]
  static let conditionalStarts: Set<String> = ["if", "unless", "whether", "provided", "providing", "assuming"]
  static let imperatives: Set<String> = [
    "please", "check", "read", "follow", "make", "remember", "try", "contact", "ensure", "note", "refer", "see", "kindly",
    "keep", "use", "go", "visit", "call", "email", "reply", "send", "update", "review", "consider", "bear", "calm", "be",
    "double", "allow", "wait", "understand",
  ]
  static let irregularPast: Set<String> = [
    "sent", "made", "put", "took", "gave", "spoke", "told", "found", "got", "paid", "set", "kept", "brought", "bought",
    "wrote", "rang", "left", "met", "began", "chose", "built", "lost", "broke", "let", "cut", "held", "ran", "sold",
    "taken", "given", "spoken", "written", "done", "begun", "chosen", "broken", "seen", "shown", "known",
  ]
  static let judgementVerbs: Set<String> = ["know", "known", "realise", "realize", "understand", "appreciate", "read", "checked", "noticed"]

  /// The role of every clause, in text order, from the tokens and the word positions.
  static func roles(tokens: [Token], words: [Int]) -> [ClauseRole] {
    var roles: [ClauseRole] = []
    var start = 0
    let count = words.count
    while start < count {
      let clause = tokens[words[start]].clause
      var end = start
      while end < count && tokens[words[end]].clause == clause { end += 1 }
      // Someone else's words (quoted, reported) have no role of ours.
      // Emoji and someone else's words are left out of the reading of the clause.
      let forms = (start..<end).map { t -> String in
        let token = tokens[words[t]]
        return token.quoted || token.reported || token.kind == .emoji ? "" : token.form
      }
      // "Your refund is on its way and I have added £10": a new subject after a conjunction
      // starts a new part of the clause, with a role of its own.
      var segmentStart = 0
      for i in forms.indices where i > segmentStart && i + 1 < forms.count {
        if joiners.contains(forms[i]) && subjectPronouns.contains(forms[i + 1]) {
          roles.append(role(Array(forms[segmentStart..<i]), (start + segmentStart)..<(start + i)))
          segmentStart = i
        }
      }
      roles.append(role(Array(forms[segmentStart...]), (start + segmentStart)..<end))
      start = end
    }
    return roles
  }

  static func role(_ forms: [String], _ range: Range<Int>) -> ClauseRole {
    var modes: ClauseRole.Modes = []
    if let first = forms.first(where: { !skippable.contains($0) || $0 == "as" }) {
      if conditionalStarts.contains(first) || first == "in" && forms.dropFirst().first == "case" { modes.insert(.conditional) }
      if first == "should", forms.dropFirst().first == "you" { modes.insert(.conditional) }
    }
    let subject = subjectIndex(forms)
    var actor = ClauseRole.Actor.unknown
    if let s = subject {
      actor = actorOf(forms, at: s)
    }
    let after = subject.map { Array(forms[($0 + 1)...]) } ?? forms
    // Promises and reports belong to our side; requests and judgements aim at the customer.
    if actor == .ours {
      if let verb = after.first(where: { !skippable.contains($0) }) {
        if futureWords.contains(verb) || verb == "promise" || (verb == "am" || verb == "are") && after.contains("going") {
          modes.insert(.promise)
        } else if haveForms.contains(verb), let next = after.dropFirst().first(where: { !skippable.contains($0) }), isPastParticiple(next) {
          modes.insert(.report)
        } else if isPastParticiple(verb) && verb.hasSuffix("ed") || irregularPast.contains(verb) {
          modes.insert(.report)
        }
      }
    }
    if actor == .customer {
      let head = Array(after.prefix(4))
      if let m = head.first, requestModals.contains(m) || (m == "will" || m == "would") && head.dropFirst().first.map({ ["need", "have", "want"].contains($0) }) == true
        || m == "need" || m == "needs"
      {
        modes.insert(.request)
      }
      if let m = head.first, (m == "would" || m == "should" || m == "must" || m == "could"),
        head.dropFirst().contains(where: { judgementVerbs.contains($0) || $0 == "have" })
      {
        modes.insert(.judgement)
      }
      if head.contains("clearly") || head.contains("obviously") { modes.insert(.judgement) }
    }
    // An imperative at the head of a clause, or "please": the customer is asked to act.
    if let first = forms.first(where: { !["and", "so", "then", "just", "simply", "kindly"].contains($0) }), subject == nil || subject.map({ forms[$0] }) == "please",
      imperatives.contains(first)
    {
      modes.insert(.request)
      if actor == .unknown { actor = .customer }
    }
    if forms.contains("please") { modes.insert(.request) }
    // Advice is a request too: "it's worth double-checking your address", "make sure you …",
    // "remember to …", "you may want to …".
    for i in forms.indices {
      let rest = forms[i...]
      if rest.starts(with: ["it", "is", "worth"]) || rest.starts(with: ["worth", "double"]) || rest.starts(with: ["make", "sure", "you"])
        || rest.starts(with: ["remember", "to"]) || rest.starts(with: ["be", "sure", "to"]) || rest.starts(with: ["you", "may", "want", "to"])
        || rest.starts(with: ["you", "might", "want", "to"]) || rest.starts(with: ["we", "recommend", "you"]) || rest.starts(with: ["we", "suggest", "you"])
      {
        modes.insert(.request)
        if actor == .unknown || actor == .nobody { actor = .customer }
      }
    }
    if forms.starts(with: ["as", "you"]) && forms.contains(where: { ["know", "aware", "read", "see"].contains($0) }) { modes.insert(.judgement) }
    // Passive with no actor named: "an error was made", "your order was cancelled".
    if let be = forms.firstIndex(where: { beForms.contains($0) }), be + 1 < forms.count, isPastParticiple(forms[be + 1]),
      !forms.contains("by") || !forms.contains(where: { ourSubjects.contains($0) || $0 == "us" })
    {
      if actor == .unknown || actor == .nobody || (subject.map { !ourSubjects.contains(forms[$0]) } ?? true) && actor != .customer && actor != .ours {
        modes.insert(.passive)
        if actor == .unknown { actor = .nobody }
      }
    }
    return ClauseRole(actor: actor, modes: modes, words: range)
  }

  /// The first word that can be a clause's subject.
  static func subjectIndex(_ forms: [String]) -> Int? {
    for (i, form) in forms.enumerated() where i < 8 {
      if skippable.contains(form) || conditionalStarts.contains(form) { continue }
      if ourSubjects.contains(form) || customerSubjects.contains(form) || thirdPronouns.contains(form) || ourPossessives.contains(form) { return i }
      // "Your refund is on its way": the customer's thing, not the customer acting.
      if form == "your" { return i }
      if form == "the" || form == "a" || form == "an" || form == "this" || form == "it" || form == "there" || form == "mistakes" { return i }
      if thirdParties.contains(form) || form == "team" || form == "please" { return i }
      if form == "should" && i + 1 < forms.count && forms[i + 1] == "you" { return i + 1 }
      return i
    }
    return nil
  }

  static func actorOf(_ forms: [String], at s: Int) -> ClauseRole.Actor {
    let form = forms[s]
    let phrase = forms[s..<min(forms.count, s + 5)]
    if ourSubjects.contains(form) { return .ours }
    if customerSubjects.contains(form) { return .customer }
    if ourPossessives.contains(form) {
      // "our courier", "our warehouse partner" are still third parties; "our team", "my colleague" are us.
      return phrase.dropFirst().prefix(2).contains(where: { thirdParties.contains($0) }) ? .third : .ours
    }
    if thirdPronouns.contains(form) { return .third }
    if phrase.contains(where: { otherTeamWords.contains($0) }) && phrase.contains(where: { ["team", "department", "company", "party", "side"].contains($0) }) {
      return .third
    }
    if phrase.prefix(3).contains(where: { thirdParties.contains($0) }) { return .third }
    if form == "mistakes" || form == "errors" || form == "there" || form == "it" { return .nobody }
    return .unknown
  }

  static func isPastParticiple(_ form: String) -> Bool {
    (form.hasSuffix("ed") && form.count > 3) || irregularPast.contains(form)
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
