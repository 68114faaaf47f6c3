import Foundation

/// One slot per task of a `concurrentPerform`, written by the tasks and read once they have all
/// finished, so results keep their input order whatever the scheduling.
/// Unchecked Sendable: `slots` is read and written only under `lock`.
final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value]
  private let lock = NSLock()

  init(count: Int, empty: Value) { slots = Array(repeating: empty, count: count) }

  func store(_ value: Value, at index: Int) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }

  /// Runs `body` for every index on every core and returns the results in index order.
  static func map(_ count: Int, empty: Value, _ body: @Sendable (Int) -> Value) -> [Value] {
    let results = ResultSlots(count: count, empty: empty)
    DispatchQueue.concurrentPerform(iterations: count) { results.store(body($0), at: $0) }
    return results.values
  }
}
