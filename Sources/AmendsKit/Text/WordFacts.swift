/// What the analyser and the word classes need to know about a word form, worked out once per
/// distinct form (see `Lexicon`) instead of by set look-ups for every word of every reply.
struct WordFacts: OptionSet, Sendable {
  let rawValue: UInt64

  static let negator = WordFacts(rawValue: 1 << 0)
  /// but, however, although …: a new clause starts here.
  static let clauseWord = WordFacts(rawValue: 1 << 1)
  /// said, told, wrote …: what follows may be someone else's words.
  static let reportingVerb = WordFacts(rawValue: 1 << 2)
  /// i, we: the writer as subject.
  static let firstPersonSubject = WordFacts(rawValue: 1 << 3)
  /// and, so, then: may hand the story back to the writer.
  static let resumer = WordFacts(rawValue: 1 << 4)
  /// i, we, our, my, us.
  static let firstPersonWord = WordFacts(rawValue: 1 << 5)
  /// mr, dr, e.g …: a full stop after it does not end the sentence.
  static let abbreviation = WordFacts(rawValue: 1 << 6)
  /// hi, dear, regards …: opens a greeting or sign-off line.
  static let greeting = WordFacts(rawValue: 1 << 7)
  static let weekday = WordFacts(rawValue: 1 << 8)
  static let monthName = WordFacts(rawValue: 1 << 9)
  /// "may" is a month only when capitalised.
  static let may = WordFacts(rawValue: 1 << 10)
  /// am, pm: a time only straight after a number.
  static let meridiem = WordFacts(rawValue: 1 << 11)
  /// noon, midnight, o'clock …
  static let clockWord = WordFacts(rawValue: 1 << 12)
  /// 3pm, 10am.
  static let hourWithMeridiem = WordFacts(rawValue: 1 << 13)
  /// you, the, will …: never a name, even capitalised.
  static let notName = WordFacts(rawValue: 1 << 14)
  /// one, two, a, an …
  static let numberWord = WordFacts(rawValue: 1 << 15)

  // The word classes a clause's role turns on (`ClauseRoleAnalyzer`), looked up here once per
  // spelling instead of in a dozen sets for every word of every reply.
  /// and, so, also, really …, and the empty form of a word left out of the reading.
  static let roleSkippable = WordFacts(rawValue: 1 << 16)
  /// will, shall.
  static let future = WordFacts(rawValue: 1 << 17)
  /// have, has, had.
  static let haveForm = WordFacts(rawValue: 1 << 18)
  /// was, were, is, are, be …
  static let beForm = WordFacts(rawValue: 1 << 19)
  /// should, must, need …: the customer is asked to act.
  static let requestModal = WordFacts(rawValue: 1 << 20)
  /// if, unless, whether …
  static let conditionalStart = WordFacts(rawValue: 1 << 21)
  /// please, check, read, contact …: an imperative at a clause's head.
  static let imperative = WordFacts(rawValue: 1 << 22)
  /// refunded, sent, taken …
  static let pastParticiple = WordFacts(rawValue: 1 << 23)
  /// know, realise, understand …
  static let judgementVerb = WordFacts(rawValue: 1 << 24)
  /// i, we.
  static let ourSubject = WordFacts(rawValue: 1 << 25)
  /// i, we, you, they, he, she.
  static let subjectPronoun = WordFacts(rawValue: 1 << 26)
  /// and, so, but, because …: may join a new subject's clause.
  static let joiner = WordFacts(rawValue: 1 << 27)
  /// our, my.
  static let ourPossessive = WordFacts(rawValue: 1 << 28)
  /// you, yourself.
  static let customerSubject = WordFacts(rawValue: 1 << 29)
  /// they, he, she.
  static let thirdPronoun = WordFacts(rawValue: 1 << 30)
  /// courier, bank, supplier, system, weather …
  static let thirdParty = WordFacts(rawValue: 1 << 31)
  /// other, another, separate …
  static let otherTeamWord = WordFacts(rawValue: 1 << 32)
  /// it, worth, make, remember …: the first words of advice ("make sure you …").
  static let adviceStart = WordFacts(rawValue: 1 << 33)
  /// please.
  static let please = WordFacts(rawValue: 1 << 34)
  /// as: skippable, yet it can open a clause ("as you know").
  static let asWord = WordFacts(rawValue: 1 << 35)
  /// and, so, then, just, simply, kindly: passed over to find a clause's imperative.
  static let imperativeFiller = WordFacts(rawValue: 1 << 36)
  /// would, should, must, could: with "have" or a verb of knowing, a judgement of the customer.
  static let judgementModal = WordFacts(rawValue: 1 << 37)
  /// A "_" in the form: the trained layer's feature names split on it, so such a word is
  /// spelt out by name.
  static let underscore = WordFacts(rawValue: 1 << 38)

  /// The facts of a form (lower case, contractions expanded, spelling folded).
  init(form: String) {
    var facts: WordFacts = []
    if TextAnalyzer.negators.contains(form) { facts.insert(.negator) }
    if TextAnalyzer.clauseWords.contains(form) { facts.insert(.clauseWord) }
    if TextAnalyzer.reportingVerbs.contains(form) { facts.insert(.reportingVerb) }
    if TextAnalyzer.firstPerson.contains(form) { facts.insert(.firstPersonSubject) }
    if TextAnalyzer.resumers.contains(form) { facts.insert(.resumer) }
    if TextAnalyzer.firstPersonWords.contains(form) { facts.insert(.firstPersonWord) }
    if TextAnalyzer.abbreviations.contains(form) { facts.insert(.abbreviation) }
    if AnalyzedText.greetingWords.contains(form) { facts.insert(.greeting) }
    if WordClasses.weekdays.contains(form) { facts.insert(.weekday) }
    if WordClasses.months.contains(form) { facts.insert(.monthName) }
    if form == "may" { facts.insert(.may) }
    if form == "am" || form == "pm" { facts.insert(.meridiem) }
    if WordClasses.clockWords.contains(form) { facts.insert(.clockWord) }
    if form.hasSuffix("am") || form.hasSuffix("pm"), form.count > 2, form.dropLast(2).allSatisfy(\.isNumber) {
      facts.insert(.hourWithMeridiem)
    }
    if WordClasses.notNames.contains(form) { facts.insert(.notName) }
    if WordClasses.numberWords.contains(form) { facts.insert(.numberWord) }
    if form.utf8.contains(UInt8(ascii: "_")) { facts.insert(.underscore) }
    facts.formUnion(ClauseRoleAnalyzer.facts(of: form))
    self = facts
  }

  init(rawValue: UInt64) { self.rawValue = rawValue }
}
