/// The alternatives of one word slot (`refund*|credit|<num>`), with what a matcher needs to
/// test a word against all of them at once: the vocabulary ids of its literal words, the ids of
/// its stems (and their spelling-folded forms), and its word classes as bits. A slot of seventy
/// alternatives costs a bit test, not seventy string comparisons.
final class WordChoice: Sendable {
  let alternatives: [Phrase.Alternative]
  let wordIDs: [Int32]
  let stemIDs: [Int32]
  /// The word classes, as bits of `AnalyzedText.classBits`.
  let classMask: UInt8

  init(_ alternatives: [Phrase.Alternative]) {
    self.alternatives = alternatives
    var words: [Int32] = []
    var stems: [Int32] = []
    var mask: UInt8 = 0
    for alternative in alternatives {
      switch alternative {
      case .word(_, let id): words.append(Int32(id))
      case .prefix(let stem, let folded):
        for form in [stem] + (folded.map { [$0] } ?? []) { stems.append(Int32(Vocabulary.shared.registerStem(form))) }
      case .wordClass(let c): mask |= c.bit
      }
    }
    wordIDs = words
    stemIDs = stems
    classMask = mask
  }

  /// A choice read back from the compiled cache (`CompiledCache`): its ids are
  /// those of the vocabulary the cache restored, so nothing is registered again.
  init(decoded alternatives: [Phrase.Alternative], wordIDs: [Int32], stemIDs: [Int32], classMask: UInt8) {
    self.alternatives = alternatives
    self.wordIDs = wordIDs
    self.stemIDs = stemIDs
    self.classMask = classMask
  }

  /// Only literal words and stems, no word class: the text's indexes say where it can stand.
  var isIndexed: Bool { classMask == 0 }
}
