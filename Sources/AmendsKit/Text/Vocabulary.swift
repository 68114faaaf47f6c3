import Foundation

/// Every literal word and every stem (`refund*`) of every compiled pattern, numbered. Patterns
/// register theirs when they are compiled; a reply's words learn their ids when it is analysed.
/// Matchers then test a word against a slot of seventy alternatives with a bit mask, and find
/// the patterns a reply could possibly match by integer instead of trying every one.
/// Unchecked Sendable: every mutable field is read and written only under `lock`.
final class Vocabulary: @unchecked Sendable {
  static let shared = Vocabulary()

  private let lock = NSLock()
  private var wordIDs: [String: Int32] = [:]
  private var stemIDs: [[UInt8]: Int32] = [:]
  /// The longest stem's length in bytes: a word's prefixes past it cannot be stems.
  private var longestStem = 0
  private var lexicon = Lexicon()
  /// Set when a new word or stem may have made what the lexicon remembers wrong; it is emptied
  /// the next time a text is read (not at once: loading a rubric registers thousands).
  private var lexiconIsStale = false

  /// Grows with every new word or stem. A text analysed at generation `g` knows the ids of
  /// everything registered before it; a matcher built later re-reads an older text.
  var generation: Int {
    lock.lock()
    defer { lock.unlock() }
    return wordIDs.count + stemIDs.count
  }

  /// How many words and stems have ids: a matcher read back from the cache may refer to no more.
  var counts: (words: Int, stems: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (wordIDs.count, stemIDs.count)
  }

  private var patternSerials: [String: Int32] = [:]

  /// A number for a pattern's source text, the same for every pattern compiled from the same
  /// text: a match carries it, so the trained layer finds the pattern's weights without
  /// spelling the pattern's feature name for every match of every reply.
  func serial(ofPattern source: String) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    if let serial = patternSerials[source] { return serial }
    let serial = Int32(patternSerials.count)
    patternSerials[source] = serial
    return serial
  }

  /// The id of a literal pattern word.
  @discardableResult
  func register(_ word: String) -> Int {
    lock.lock()
    defer { lock.unlock() }
    if let id = wordIDs[word] { return Int(id) }
    let id = Int32(wordIDs.count)
    wordIDs[word] = id
    lexiconIsStale = true
    return Int(id)
  }

  /// The id of a stem: a word matches it when the word starts with it.
  @discardableResult
  func registerStem(_ stem: String) -> Int {
    let bytes = Array(stem.utf8)
    lock.lock()
    defer { lock.unlock() }
    if let id = stemIDs[bytes] { return Int(id) }
    let id = Int32(stemIDs.count)
    stemIDs[bytes] = id
    longestStem = max(longestStem, bytes.count)
    lexiconIsStale = true
    return Int(id)
  }

  /// Every word, stem and pattern source registered, each in id order: what the compiled
  /// cache saves beside the matchers whose ids refer to them.
  struct Snapshot: Equatable {
    var words: [String] = []
    var stems: [String] = []
    var patterns: [String] = []
  }

  func snapshot() -> Snapshot {
    lock.lock()
    defer { lock.unlock() }
    func inOrder<Key>(_ ids: [Key: Int32], _ text: (Key) -> String) -> [String] {
      var ordered = [String](repeating: "", count: ids.count)
      for (key, id) in ids { ordered[Int(id)] = text(key) }
      return ordered
    }
    return Snapshot(
      words: inOrder(wordIDs) { $0 }, stems: inOrder(stemIDs) { String(decoding: $0, as: UTF8.self) },
      patterns: inOrder(patternSerials) { $0 })
  }

  /// Gives every word, stem and pattern of `snapshot` its saved id, when nothing has been
  /// registered yet (the ids of a cache's matchers are then right); false, changing nothing,
  /// otherwise or when the snapshot names something twice.
  func restore(_ snapshot: Snapshot) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard wordIDs.isEmpty, stemIDs.isEmpty, patternSerials.isEmpty else { return false }
    var words: [String: Int32] = Dictionary(minimumCapacity: snapshot.words.count)
    for (id, word) in snapshot.words.enumerated() { words[word] = Int32(id) }
    var stems: [[UInt8]: Int32] = Dictionary(minimumCapacity: snapshot.stems.count)
    for (id, stem) in snapshot.stems.enumerated() { stems[Array(stem.utf8)] = Int32(id) }
    var patterns: [String: Int32] = Dictionary(minimumCapacity: snapshot.patterns.count)
    for (id, pattern) in snapshot.patterns.enumerated() { patterns[pattern] = Int32(id) }
    guard words.count == snapshot.words.count, stems.count == snapshot.stems.count,
      patterns.count == snapshot.patterns.count
    else { return false }
    wordIDs = words
    stemIDs = stems
    patternSerials = patterns
    longestStem = stems.keys.map(\.count).max() ?? 0
    lexiconIsStale = true
    return true
  }

  /// Runs `body` with the lexicon, under the lock, and the generation it agrees with.
  func withLexicon<R>(_ body: (inout Lexicon, _ reader: WordReader) -> R) -> (R, generation: Int) {
    lock.lock()
    defer { lock.unlock() }
    if lexiconIsStale {
      lexicon = Lexicon()
      lexiconIsStale = false
    }
    let reader = WordReader(wordIDs: wordIDs, stemIDs: stemIDs, longestStem: longestStem)
    return (body(&lexicon, reader), wordIDs.count + stemIDs.count)
  }
}

/// Works out how a spelling reads, for a `Lexicon` entry: contractions, spelling folding, facts,
/// and the pattern words and stems it is.
struct WordReader {
  let wordIDs: [String: Int32]
  let stemIDs: [[UInt8]: Int32]
  let longestStem: Int

  /// Readings of a lower-cased word.
  func word(_ lower: String) -> (readings: [Lexicon.Reading], stems: [[Int32]], isPlain: Bool) {
    let parts = (Contractions.expand(lower) ?? [lower]).filter { !$0.isEmpty }
    var readings: [Lexicon.Reading] = []
    var stems: [[Int32]] = []
    for part in parts {
      let form = Spelling.fold(part)
      readings.append(
        Lexicon.Reading(plain: part, form: form, facts: WordFacts(form: form), id: wordIDs[form] ?? -1, stems: 0..<0))
      stems.append(stemsStarting(form, part))
    }
    return (readings, stems, parts.count == 1 && parts[0] == lower)
  }

  /// The one reading of a number, as written.
  func number(_ text: String) -> (readings: [Lexicon.Reading], stems: [[Int32]], isPlain: Bool) {
    return (
      [Lexicon.Reading(plain: "", form: text, facts: WordFacts(form: text), id: wordIDs[text] ?? -1, stems: 0..<0)],
      [[]], true
    )
  }

  /// The ids of the stems that `form`, or its unfolded spelling, starts with. Folding rewrites
  /// endings ("raising" reads "raizing"), so `rais*` must still find the unfolded word.
  func stemsStarting(_ form: String, _ plain: String) -> [Int32] {
    guard !stemIDs.isEmpty else { return [] }
    var found: [Int32] = []
    for spelling in form == plain ? [form] : [form, plain] {
      let bytes = Array(spelling.utf8)
      guard !bytes.isEmpty else { continue }
      // Only prefixes as long as a stem can be: a 200,000-letter "word" costs no more than a
      // short one (every prefix hashed made it quadratic).
      for length in 1...min(bytes.count, max(longestStem, 1)) {
        if let id = stemIDs[Array(bytes[0..<length])], !found.contains(id) { found.append(id) }
      }
    }
    return found
  }
}
