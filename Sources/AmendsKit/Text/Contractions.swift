/// Expands contractions and their common apostrophe-less typos into the words they stand for,
/// so "I'm sorry", "Im sorry" and "I am sorry" all read as `i am sorry`.
enum Contractions {
  /// The words a token stands for, or nil when it is not a contraction.
  static func expand(_ word: String) -> [String]? {
    if let fixed = whole[word] { return fixed }
    // Most words have no apostrophe: a byte search says so without walking their characters
    // (a Character "'" is that one byte alone), which was most of compiling a pattern word.
    guard word.utf8.contains(UInt8(ascii: "'")), let apostrophe = word.firstIndex(of: "'") else { return nil }
    let base = String(word[..<apostrophe])
    let tail = String(word[apostrophe...])
    switch tail {
    case "'m": return [base, "am"]
    case "'re": return [base, "are"]
    case "'ve": return [base, "have"]
    case "'ll": return [base, "will"]
    case "'d": return [base, "would"]
    case "'s": return isBeSubject(base) ? [base, "is"] : [base, "'s"]
    case "'": return [base]
    default:
      if word.hasSuffix("n't") {
        let stem = String(word.dropLast(3))
        return [stem, "not"]
      }
      return nil
    }
  }

  private static func isBeSubject(_ base: String) -> Bool {
    [
      "it", "that", "there", "here", "what", "who", "he", "she", "where", "how", "this", "everything",
      "nothing", "something", "everyone", "someone", "today", "which",
    ].contains(base)
  }

  private static let whole: [String: [String]] = [
    "won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"],
    "ain't": ["is", "not"], "cannot": ["can", "not"], "let's": ["let", "us"],
    "im": ["i", "am"], "ive": ["i", "have"], "dont": ["do", "not"], "doesnt": ["does", "not"],
    "didnt": ["did", "not"], "cant": ["can", "not"], "wont": ["will", "not"],
    "isnt": ["is", "not"], "wasnt": ["was", "not"], "werent": ["were", "not"],
    "arent": ["are", "not"], "havent": ["have", "not"], "hasnt": ["has", "not"],
    "couldnt": ["could", "not"], "shouldnt": ["should", "not"], "wouldnt": ["would", "not"],
    "youre": ["you", "are"], "youve": ["you", "have"], "youll": ["you", "will"],
    "theyre": ["they", "are"], "thats": ["that", "is"], "theres": ["there", "is"],
    "weve": ["we", "have"], "itll": ["it", "will"], "ill": ["i", "will"],
    "shouldve": ["should", "have"], "couldve": ["could", "have"], "wouldve": ["would", "have"],
    "should've": ["should", "have"], "could've": ["could", "have"], "would've": ["would", "have"],
  ]
}
