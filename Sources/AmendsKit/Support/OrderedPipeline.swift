import Foundation

/// Runs a task for every index on every core and hands each result on in index order, as soon
/// as it and every result before it are done, while the cores go on with later indexes. At
/// most `window` results wait to be handed on, so memory holds a window of them, never all.
///
/// Whichever core finishes the next result in order hands it (and any ready after it) to
/// `consume`, under the pipeline's lock: results are consumed one at a time, in order, on
/// whichever thread, and never wait for a batch to finish (a report over a thousand users
/// spent a tenth of its time with one core idle at the end of each batch).
enum OrderedPipeline {
  static func run<Value>(count: Int, window: Int = 64, produce: @Sendable (Int) -> Value, consume: (Value) -> Void) {
    guard count > 0 else { return }
    withoutActuallyEscaping(consume) { consume in
      let state = PipelineState<Value>(window: window, consume: consume)
      let workers = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount))
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let index = state.claim(below: count) {
          state.finish(index, produce(index))
        }
      }
    }
  }
}

/// The shared counters and waiting results of one `OrderedPipeline.run`, and its consumer.
/// Unchecked Sendable: every field is read and written only under `condition`'s lock, and
/// `consume` (which need not be Sendable: it folds results into the caller's tallies) is called
/// only there too, one result at a time, in index order.
private final class PipelineState<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var waiting: [Value?]
  private var nextToClaim = 0
  private var nextToConsume = 0
  private let consume: (Value) -> Void

  init(window: Int, consume: @escaping (Value) -> Void) {
    waiting = Array(repeating: nil, count: window)
    self.consume = consume
  }

  /// The next index to produce, once it fits in the window; nil when every index is claimed.
  func claim(below count: Int) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while nextToClaim < count, nextToClaim >= nextToConsume + waiting.count { condition.wait() }
    guard nextToClaim < count else { return nil }
    nextToClaim += 1
    return nextToClaim - 1
  }

  func finish(_ index: Int, _ value: Value) {
    condition.lock()
    defer { condition.unlock() }
    waiting[index % waiting.count] = value
    while let ready = waiting[nextToConsume % waiting.count] {
      waiting[nextToConsume % waiting.count] = nil
      consume(ready)
      nextToConsume += 1
    }
    condition.broadcast()
  }
}
