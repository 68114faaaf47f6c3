/// One word, number, emoji or punctuation mark of a reply, with where it stands in the original
/// text (UTF-8 byte offsets) and what the analyser learnt about its context.
public struct Token: Sendable {
  public enum Kind: Sendable { case word, number, emoji, punctuation }

  /// The form patterns match against: lower case, curly apostrophes straightened, British and
  /// American spellings folded together, contractions expanded ("won't" gives "will", "not").
  public var form: String
  /// The form before British/American folding ("raising", where `form` says "raizing"), so a
  /// prefix pattern such as `rais*` still matches a word the folding rules rewrote.
  public var plain = ""
  public var kind: Kind
  /// UTF-8 byte range in the original text. Both halves of an expanded contraction share it.
  public var start: Int
  public var end: Int
  public var sentence = 0
  public var clause = 0
  /// Inside quotation marks or an e-mail quote (a line starting with `>`): someone else's words.
  public var quoted = false
  /// After "they said", "he wrote" …: reported speech, not the writer's own claim.
  public var reported = false
  /// First word of its sentence.
  public var startsSentence = false
  /// Written with a capital first letter (used for names).
  public var capitalized = false
  /// True for the words that flip meaning: not, never, no, without …
  public var isNegator = false
  /// Directly after a number ("9 am", "3 pm"), so `am` reads as a time only there and never
  /// in "I am".
  public var afterNumber = false
  /// Punctuation: its mark ("\n" for a line break), so the analyser compares scalars.
  var mark: Unicode.Scalar = " "
  /// What the lexicon knows of the form.
  var facts: WordFacts = []
  /// The form's vocabulary id (-1 when no pattern uses it).
  var id: Int32 = -1
  /// The ids of the pattern stems the word starts with, as a range of the analysis' stem list.
  var stems: Range<Int32> = 0..<0

  public var isWordLike: Bool { kind != .punctuation }
}
