import Foundation

/// Every literal word of every compiled pattern, numbered. Patterns register their words when
/// they are compiled; a reply's words are looked up once when it is analysed. Matchers then find
/// the patterns a reply could possibly match by integer, instead of trying every pattern at
/// every word.
final class Vocabulary: @unchecked Sendable {
  static let shared = Vocabulary()

  private let lock = NSLock()
  private var ids: [String: Int] = [:]

  /// The number of words registered so far. A text analysed when the vocabulary had `n` words
  /// knows the ids of every pattern compiled before that.
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return ids.count
  }

  @discardableResult
  func register(_ word: String) -> Int {
    lock.lock()
    defer { lock.unlock() }
    if let id = ids[word] { return id }
    let id = ids.count
    ids[word] = id
    return id
  }

  /// The ids of `words` (-1 for a word no pattern uses), and the vocabulary's size then.
  func lookUp(_ words: [String]) -> (ids: [Int], size: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (words.map { ids[$0] ?? -1 }, ids.count)
  }

  func id(of word: String) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    return ids[word]
  }
}
