/// How the analyser read a text, one word per line: for rubric authors debugging a pattern.
public enum TokenListing {
  public static func render(_ text: AnalyzedText) -> String {
    var lines: [String] = []
    for index in text.words {
      let t = text.tokens[index]
      var flags: [String] = []
      if t.startsSentence { flags.append("starts-sentence") }
      if t.quoted { flags.append("quoted") }
      if t.reported { flags.append("reported") }
      if t.isNegator { flags.append("negator") }
      if t.capitalized { flags.append("capitalized") }
      let word = Sanitizer.visible(text.excerpt(t.start, t.end))
      lines.append("s\(t.sentence) c\(t.clause) \(t.start)-\(t.end) \(word) → \(t.form) \(flags.joined(separator: " "))")
    }
    return lines.joined(separator: "\n")
  }
}
