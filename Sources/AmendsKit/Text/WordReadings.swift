import Foundation

/// How a lower-cased word reads: the words it stands for after contractions are expanded
/// ("won't" is `will`, `not`), each with its spelling-folded form and whether it negates.
/// Replies repeat their words, and every reply meets the same few thousand, so the readings
/// are remembered instead of being worked out again for each token.
final class WordReadings: @unchecked Sendable {
  struct Reading {
    var plain: String
    var form: String
    var isNegator: Bool
  }

  static let shared = WordReadings()
  /// Past this many words the memory starts afresh, so a flood of unique words cannot grow it.
  static let capacity = 50_000

  private let lock = NSLock()
  private var known: [String: [Reading]] = [:]

  func readings(of lower: String) -> [Reading] {
    lock.lock()
    if let found = known[lower] {
      lock.unlock()
      return found
    }
    lock.unlock()
    let parts = Contractions.expand(lower) ?? [lower]
    let readings = parts.filter { !$0.isEmpty }.map { part -> Reading in
      let form = Spelling.fold(part)
      return Reading(plain: part, form: form, isNegator: TextAnalyzer.negators.contains(form))
    }
    lock.lock()
    if known.count >= WordReadings.capacity { known.removeAll(keepingCapacity: true) }
    known[lower] = readings
    lock.unlock()
    return readings
  }
}
