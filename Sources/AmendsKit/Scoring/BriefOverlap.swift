/// Whether a sentence of a reply says what the brief says: most of the content words of one
/// of its facts, or of one thing it allows the trainee to offer. Offering what `may-offer`
/// lists is a remedy, however the trainee words it ("Keys & Strings will collect the piano on
/// Thursday and repair it at our cost"), and restating a fact ("your refund went to your Visa
/// at 9:40 and will be with you by Monday 19 May") is never an overpromise.
struct BriefOverlap: Sendable {
  /// Content words of each may-offer item, and of each fact and policy line.
  let offers: [Set<String>]
  let facts: [Set<String>]

  init(mayOffer: [String], facts: [String]) {
    offers = mayOffer.map(BriefOverlap.contentWords)
    self.facts = facts.map(BriefOverlap.contentWords)
  }

  /// Words that carry no content of their own: how the brief says a thing, not what it says.
  static let functionWords: Set<String> = [
    "a", "an", "the", "to", "of", "and", "or", "for", "in", "on", "at", "by", "with", "from", "up", "as", "into", "than",
    "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "this", "that", "these", "those", "there",
    "i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "my", "our", "your", "his", "their",
    "will", "would", "can", "could", "shall", "should", "may", "might", "must", "do", "does", "did", "have", "has", "had",
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

  /// Whether sentence `s` restates a fact or an offer of the brief.
  func restates(sentence s: Int, in text: AnalyzedText) -> Bool {
    guard s >= 0, s < text.sentenceWordRanges.count else { return false }
    let words = BriefOverlap.contentWords(of: text, in: text.sentenceWordRanges[s])
    return (facts + offers).contains { BriefOverlap.covers(words, $0, minimum: 3, share: 0.35) }
  }
}
