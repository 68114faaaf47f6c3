/// Folds spelling variants so that one pattern serves every reader: "apologise" and "apologize",
/// "colour" and "color", "cancelled" and "canceled". The same folding runs on patterns and on
/// replies, so a rule that over-folds ("promise" to "promize") is harmless.
enum Spelling {
  static func fold(_ word: String) -> String {
    var w = word
    if w.count > 5 {
      for (british, american) in suffixes where w.hasSuffix(british) {
        w = String(w.dropLast(british.count)) + american
        break
      }
    }
    if w.count >= 6, let range = ourRange(w) {
      w.replaceSubrange(range, with: "or")
    }
    return variants[w] ?? w
  }

  /// The folded form of a prefix pattern's stem: a stem ending where a British ending starts
  /// ("apologis", "analys", "colour") folds as the whole word would.
  static func foldStem(_ stem: String) -> String {
    for (british, american) in [("isat", "izat"), ("is", "iz"), ("ys", "yz")]
    where stem.hasSuffix(british) && stem.count > 4 {
      return String(stem.dropLast(british.count)) + american
    }
    if stem.count >= 6, stem.hasSuffix("our") { return String(stem.dropLast(3)) + "or" }
    return stem
  }

  private static let suffixes: [(String, String)] = [
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
    ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
  ]

  /// "-our" endings of longer words (colour, behaviour, favourite), never "our" or "your".
  private static func ourRange(_ w: String) -> Range<String.Index>? {
    for ending in ["ourite", "ourable", "ours", "oured", "ouring", "our"] where w.hasSuffix(ending) {
      let start = w.index(w.endIndex, offsetBy: -ending.count)
      return start..<w.index(start, offsetBy: 3)
    }
    return nil
  }

  private static let variants: [String: String] = [
    "cancelled": "canceled", "cancelling": "canceling", "travelled": "traveled",
    "travelling": "traveling", "labelled": "labeled", "fulfil": "fulfill", "fulfils": "fulfills",
    "centre": "center", "centres": "centers", "cheque": "check", "cheques": "checks",
    "enrol": "enroll", "enrolment": "enrollment", "judgement": "judgment", "programme": "program",
    "practise": "practice", "practised": "practiced", "defence": "defense", "licence": "license",
    "catalogue": "catalog", "dialogue": "dialog", "grey": "gray", "tonite": "tonight",
    "tmrw": "tomorrow", "tmr": "tomorrow", "pls": "please", "plz": "please", "thx": "thanks",
    "u": "you", "ur": "your", "apologies": "apology", "okay": "ok", "e-mail": "email",
    "sry": "sorry", "srry": "sorry", "soory": "sorry", "sorr": "sorry", "apologiez": "apology",
  ]
}
