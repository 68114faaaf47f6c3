/// What the analyser and the word classes need to know about a word form, worked out once per
/// distinct form (see `Lexicon`) instead of by set look-ups for every word of every reply.
struct WordFacts: OptionSet, Sendable {
  let rawValue: UInt32

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
    self = facts
  }

  init(rawValue: UInt32) { self.rawValue = rawValue }
}
