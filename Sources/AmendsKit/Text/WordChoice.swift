/// The alternatives of one word slot (`refund*|credit|<num>`), with what the matcher needs to
/// test a word against all of them at once: literal words as a set of vocabulary ids, stems
/// filed by their first byte, and word classes. A slot of seventy alternatives costs a lookup
/// and a few byte comparisons, not seventy string comparisons.
final class WordChoice: Sendable, Equatable {
  let alternatives: [Phrase.Alternative]
  /// Literal words as a bit set over vocabulary ids: one load and a mask per test.
  let wordBits: [UInt64]
  /// The highest literal id: a text analysed before it was registered must compare by string.
  let newestWordID: Int
  /// Stems (and their spelling-folded forms) as UTF-8 bytes, by first byte.
  let stems: [UInt8: [[UInt8]]]
  /// The word classes, as bits of `AnalyzedText.classBits`.
  let classMask: UInt8

  init(_ alternatives: [Phrase.Alternative]) {
    self.alternatives = alternatives
    var ids = Set<Int>()
    var stems: [UInt8: [[UInt8]]] = [:]
    var mask: UInt8 = 0
    for alternative in alternatives {
      switch alternative {
      case .word(_, let id): ids.insert(id)
      case .prefix(let stem, let folded):
        for form in [stem] + (folded.map { [$0] } ?? []) {
          let bytes = Array(form.utf8)
          if let first = bytes.first { stems[first, default: []].append(bytes) }
        }
      case .wordClass(let c): mask |= c.bit
      }
    }
    newestWordID = ids.max() ?? -1
    var bits = [UInt64](repeating: 0, count: newestWordID / 64 + 1)
    for id in ids { bits[id / 64] |= UInt64(1) << UInt64(id % 64) }
    wordBits = bits
    self.stems = stems
    classMask = mask
  }

  static func == (a: WordChoice, b: WordChoice) -> Bool { a.alternatives == b.alternatives }

  /// Whether the word at `position` of `text` is one of the alternatives.
  func accepts(_ text: AnalyzedText, _ position: Int) -> Bool {
    if text.vocabularySize > newestWordID {
      let id = text.wordIDs[position]
      if id >= 0 && id <= newestWordID && wordBits[id / 64] & (UInt64(1) << UInt64(id % 64)) != 0 { return true }
    } else {
      let form = text.tokens[text.words[position]].form
      for case .word(let w, _) in alternatives where w == form { return true }
    }
    if !stems.isEmpty, text.tokens[text.words[position]].kind == .word {
      // Folding rewrites endings ("raising" reads "raizing"), so the unfolded word counts too.
      if startsWithStem(text.formBytes[position]) || startsWithStem(text.plainBytes[position]) { return true }
    }
    return text.classBits[position] & classMask != 0
  }

  private func startsWithStem(_ word: [UInt8]) -> Bool {
    guard let first = word.first, let candidates = stems[first] else { return false }
    return candidates.contains { stem in stem.count <= word.count && word.starts(with: stem) }
  }
}
