/// Whether a sentence of a reply says what the brief says: most of the content words of one
/// of its facts, or of one thing it allows the trainee to offer. Offering what `may-offer`
/// lists is a remedy, however the trainee words it ("Keys & Strings will collect the piano on
/// Thursday and repair it at our cost"), and restating a fact ("your refund went to your Visa
/// at 9:40 and will be with you by Monday 19 May") is never an overpromise.
struct BriefOverlap: Sendable {
  /// Content words of each may-offer item, and of each fact and policy line.
  let offers: [Set<String>]
  let facts: [Set<String>]
  /// Whether each of `facts + offers` says what is not so ("a date-range filter is not planned"):
  /// a reply clause restates it only when it is negated too.
  let negated: [Bool]

  init(mayOffer: [String], facts: [String]) {
    offers = mayOffer.map(BriefOverlap.contentWords)
    self.facts = facts.map(BriefOverlap.contentWords)
    negated = (facts + mayOffer).map { BriefOverlap.isNegated(TextAnalyzer.analyze($0), in: 0..<Int.max) }
  }

  static func isNegated(_ text: AnalyzedText, in range: Range<Int>) -> Bool {
    let upper = min(range.upperBound, text.words.count)
    guard range.lowerBound < upper else { return false }
    return (range.lowerBound..<upper).contains { text.tokens[text.words[$0]].isNegator }
  }

  /// Words that carry no content of their own: how the brief says a thing, not what it says.
  static let functionWords: Set<String> = [
    "a", "an", "the", "to", "of", "and", "or", "for", "in", "on", "at", "by", "with", "from", "up", "as", "into",
    "than",
    "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "this", "that", "these", "those", "there",
    "i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "my", "our", "your", "his", "their",
    "will", "would", "can", "could", "shall", "should", "may", "might", "must", "do", "does", "did", "have", "has",
    "had",
    "if", "so", "not", "no", "any", "all", "some", "just", "also", "only", "about", "after", "before", "then", "now",
    "what", "which", "who", "when", "where", "how", "s", "get", "got", "one",
  ]

  static func contentWords(_ text: String) -> Set<String> {
    contentWords(of: TextAnalyzer.analyze(text), in: 0..<Int.max)
  }

  /// The content words of the words of `text` at positions `range` (clipped to the text).
  static func contentWords(of text: AnalyzedText, in range: Range<Int>) -> Set<String> {
    var words = Set<String>()
    let upper = min(range.upperBound, text.words.count)
    guard range.lowerBound < upper else { return words }
    for position in range.lowerBound..<upper {
      let token = text.tokens[text.words[position]]
      guard !token.quoted && !token.reported, token.kind == .word || token.kind == .number else { continue }
      let form = token.form
      if !functionWords.contains(form) && form.count > 1 || token.kind == .number { words.insert(form) }
    }
    return words
  }

  /// The sentence restates item `item` when it holds at least `minimum` of its content words
  /// and at least `share` of them.
  static func covers(_ sentence: Set<String>, _ item: Set<String>, minimum: Int, share: Double) -> Bool {
    guard !item.isEmpty else { return false }
    let shared = sentence.intersection(item).count
    return shared >= minimum && Double(shared) >= share * Double(item.count)
  }

  /// Sentences (by index) that offer something the brief allows, with the words they share.
  func offerSentences(in text: AnalyzedText) -> [Int] {
    guard !offers.isEmpty else { return [] }
    return text.sentenceWordRanges.indices.filter { s in
      let words = BriefOverlap.contentWords(of: text, in: text.sentenceWordRanges[s])
      return offers.contains { BriefOverlap.covers(words, $0, minimum: 2, share: 0.4) }
    }
  }

  /// Whether the clause (or part of one) holding word `position` restates a fact or an offer
  /// of the brief. The clause, not the sentence: "I've sent a size 12 and you'll have it today,
  /// guaranteed" restates the offer in its first part and breaks it in its second.
  func restates(at position: Int, in text: AnalyzedText) -> Bool {
    guard let role = text.role(at: position) else { return false }
    let words = BriefOverlap.contentWords(of: text, in: role.words)
    let negative = BriefOverlap.isNegated(text, in: role.words)
    return zip(facts + offers, negated).contains { item, itemNegated in
      itemNegated == negative && BriefOverlap.covers(words, item, minimum: 3, share: 0.35)
    }
  }
}
