/// How a text was read, word by word and clause by clause, for rubric authors (`check --tokens`).
public enum TokenListing {
  public static func render(_ text: AnalyzedText) -> String {
    var lines: [String] = []
    var lastPart = -1
    for (position, index) in text.words.enumerated() {
      let t = text.tokens[index]
      if let role = text.role(at: position), role.words.lowerBound != lastPart {
        lastPart = role.words.lowerBound
        let modes = ClauseRole.Modes.names.filter { role.modes.contains($0.1) }.map(\.0)
        lines.append(
          "clause c\(t.clause): actor \(role.actor.rawValue)"
            + (modes.isEmpty ? "" : "; " + modes.joined(separator: ", ")))
      }
      var flags: [String] = []
      if t.startsSentence { flags.append("starts-sentence") }
      if t.quoted { flags.append("quoted") }
      if t.reported { flags.append("reported") }
      if t.isNegator { flags.append("negator") }
      if t.capitalized { flags.append("capitalized") }
      let word = Sanitizer.visible(text.excerpt(t.start, t.end))
      lines.append(
        "s\(t.sentence) c\(t.clause) \(t.start)-\(t.end) \(word) → \(t.form) \(flags.joined(separator: " "))")
    }
    return lines.joined(separator: "\n")
  }
}
