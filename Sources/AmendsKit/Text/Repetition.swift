/// Sentences that say again what the reply already said: a reply padded to 20 KB with one
/// sentence repeated must not read as a reply of substance. Compared by their words' forms, so
/// spacing, case and curly quotes do not hide a repeat.
extension AnalyzedText {
  /// Indices of the sentences (of four words or more) whose words repeat an earlier sentence's.
  public var repeatedSentences: [Int] {
    var seen = Set<[String]>()
    var repeated: [Int] = []
    for (s, range) in sentenceWordRanges.enumerated() where range.count >= 4 {
      let forms = range.map { tokens[words[$0]].form }
      if !seen.insert(forms).inserted { repeated.append(s) }
    }
    return repeated
  }

  /// The sentences of substance (not empty, not a greeting or sign-off).
  public var substantiveSentenceCount: Int {
    sentenceWordRanges.indices.filter { !sentenceWordRanges[$0].isEmpty && !isSalutation($0) }.count
  }
}

extension AnalyzedText {
  static let openingGreetings: Set<String> = ["hi", "hello", "hey", "dear", "morning", "afternoon", "evening"]

  /// A greeting ("Hi Sam,") after a sentence of substance: a reply assembled in an odd order,
  /// the process before the person.
  public var greetsAfterContent: Bool {
    var seenContent = false
    for s in sentenceWordRanges.indices where !sentenceWordRanges[s].isEmpty {
      guard let first = sentenceWordRanges[s].first else { continue }
      let form = tokens[words[first]].form
      if Self.openingGreetings.contains(form) {
        if seenContent { return true }
        continue
      }
      if !isSalutation(s) { seenContent = true }
    }
    return false
  }
}
