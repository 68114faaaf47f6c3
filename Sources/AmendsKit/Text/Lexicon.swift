/// Every distinct word the analyser has met, by its lower-cased spelling: the words it reads as
/// (contractions expanded, spelling folded), their facts, and which pattern words and stems each
/// one is. Replies repeat their words and every reply meets the same few thousand, so this is
/// worked out once per word, not once per token; a reply's words are then found by hashing
/// their bytes, without making a string.
///
/// Owned by `Vocabulary` and used only under its lock. It is emptied whenever a pattern
/// registers a new word or stem, so what it remembers always agrees with the patterns.
struct Lexicon {
  struct Reading {
    /// The word before spelling folding ("raising"), empty for numbers.
    var plain: String
    var form: String
    var facts: WordFacts
    /// The form's vocabulary id, or -1 when no pattern uses it.
    var id: Int32
    /// The range of `Lexicon.stems` holding the ids of the stems this word starts with.
    var stems: Range<Int32>
  }

  struct Entry {
    /// The range of `Lexicon.readings` this spelling reads as.
    var readings: Range<Int32>
    /// One reading, spelt as written: it keeps the token's context ("9 am") intact.
    var isPlain: Bool
  }

  private(set) var readings: [Reading] = []
  private(set) var stems: [Int32] = []
  private(set) var entries: [Entry] = []
  private var keys: [Range<Int32>] = []
  private var keyBytes: [UInt8] = []
  private var hashes: [UInt64] = []
  /// Open addressing: entry index + 1, or 0 for an empty slot. Its size is a power of two.
  private var table = [Int32](repeating: 0, count: 1024)

  /// Past this many spellings the memory starts afresh (see `makeRoom`), so a flood of unique
  /// words cannot grow it.
  static let capacity = 50_000

  /// Starts afresh when `words` more spellings could take it past its capacity; called before
  /// a text is read, so that the entries of one text stay valid until it is read.
  mutating func makeRoom(for words: Int) {
    if entries.count + words > Lexicon.capacity { self = Lexicon() }
  }

  /// The entry for `key` (lower-cased UTF-8, preceded by a kind byte), made by `read` when new.
  mutating func entry(
    _ key: UnsafeBufferPointer<UInt8>, orMake read: () -> (readings: [Reading], stems: [[Int32]], isPlain: Bool)
  ) -> Entry {
    let hash = Lexicon.hash(key)
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while table[slot] != 0 {
      let index = Int(table[slot] - 1)
      if hashes[index] == hash && sameKey(index, key) { return entries[index] }
      slot = (slot + 1) & mask
    }
    let made = read()
    let first = Int32(readings.count)
    for (reading, stemIDs) in zip(made.readings, made.stems) {
      var reading = reading
      let start = Int32(stems.count)
      stems += stemIDs
      reading.stems = start..<Int32(stems.count)
      readings.append(reading)
    }
    let entry = Entry(readings: first..<Int32(readings.count), isPlain: made.isPlain)
    let keyStart = Int32(keyBytes.count)
    keyBytes.append(contentsOf: key)
    keys.append(keyStart..<Int32(keyBytes.count))
    hashes.append(hash)
    entries.append(entry)
    table[slot] = Int32(entries.count)
    if entries.count * 2 > table.count { grow() }
    return entry
  }

  private func sameKey(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let range = keys[index]
    guard range.count == key.count else { return false }
    var k = 0
    for i in range {
      if keyBytes[Int(i)] != key[k] { return false }
      k += 1
    }
    return true
  }

  private mutating func grow() {
    table = [Int32](repeating: 0, count: table.count * 2)
    let mask = table.count - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = Int32(index + 1)
    }
  }

  /// FNV-1a: words are short, and this needs no setup per call.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
    }
    return h ^ (h >> 29)
  }
}
