import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file line by line through one fixed buffer, so memory stays flat however long the
/// file is: a line is held whole only up to `maximumLineBytes`, and a longer one is reported
/// by its offset, not read. Never follows a symlink planted in the data folder.
public enum LineReader {
  /// The longest line a reader holds: a log line is a few kilobytes (a reply is at most 256 KB
  /// of text, escaped), so anything past a mebibyte is damage, not a line.
  public static let maximumLineBytes = 1 << 20

  /// How a line ended.
  public enum Ending: Sendable, Equatable {
    /// By a newline: a whole line.
    case newline
    /// By the end of the file: a last line cut short by a crash mid-write.
    case endOfFile
    /// Not at all within `maximumLineBytes`: the bytes passed are empty, and the line began
    /// at this byte offset of the file.
    case tooLong(offset: Int)
  }

  /// Calls `body` with each line's number, its bytes (without the newline; a view of the read
  /// buffer, valid only during the call) and how it ended. Returns false when the file does
  /// not exist; throws when it cannot be read.
  @discardableResult
  public static func forEachLine(
    of url: URL, _ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>, _ ending: Ending) throws -> Void
  ) throws -> Bool {
    let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return false }
      throw SafeFile.Failure(message: "cannot read \(displayPath(url)): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    // Read what the log held at one moment between two appends: writers append whole lines
    // under an exclusive lock, so the size taken under a shared lock ends on a line boundary.
    // The lock is let go at once; trainees go on writing while the report reads.
    var remaining = Int.max
    if flock(fd, LOCK_SH) == 0 {
      var info = stat()
      if fstat(fd, &info) == 0 { remaining = Int(info.st_size) }
      flock(fd, LOCK_UN)
    }
    // Under glibc's threshold for mapping fresh pages: a report opens a thousand logs, and
    // zeroing a new 256 KiB buffer for each was a measurable part of its time.
    let capacity = 64 * 1024
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var splitter = Splitter(limit: maximumLineBytes)
    while remaining > 0 {
      let count = read(fd, buffer, min(capacity, remaining))
      if count < 0 {
        if errno == EINTR { continue }
        throw SafeFile.Failure(message: "cannot read \(displayPath(url)): \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      remaining -= count
      try splitter.feed(UnsafeBufferPointer(start: buffer, count: count), body)
    }
    try splitter.finish(body)
    return true
  }

  /// The same lines, endings and limit over bytes already in memory (a log read under its
  /// writer's lock).
  public static func forEachLine(
    in data: Data, _ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>, _ ending: Ending) throws -> Void
  ) throws {
    var splitter = Splitter(limit: maximumLineBytes)
    try data.withUnsafeBytes { raw in try splitter.feed(raw.bindMemory(to: UInt8.self), body) }
    try splitter.finish(body)
  }

  /// Cuts chunks of bytes into lines. A line that fits in one chunk is passed as a view of the
  /// chunk; one that spans chunks is carried, up to the limit.
  struct Splitter {
    let limit: Int
    private var carry: [UInt8] = []
    private var number = 0
    /// Bytes of the file before the current chunk, and before the line being carried.
    private var consumed = 0
    private var lineStart = 0
    private var overLimit = false

    init(limit: Int) { self.limit = limit }

    mutating func feed(
      _ chunk: UnsafeBufferPointer<UInt8>, _ body: (Int, UnsafeBufferPointer<UInt8>, Ending) throws -> Void
    ) rethrows {
      guard let base = chunk.baseAddress else { return }
      var start = 0
      while start < chunk.count {
        guard let found = memchr(base + start, 0x0A, chunk.count - start) else {
          hold(UnsafeBufferPointer(start: base + start, count: chunk.count - start))
          break
        }
        let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        let piece = UnsafeBufferPointer(start: base + start, count: newline - start)
        number += 1
        if overLimit || carry.count + piece.count > limit {
          try body(number, UnsafeBufferPointer(start: nil, count: 0), .tooLong(offset: lineStart))
        } else if carry.isEmpty {
          try body(number, piece, .newline)
        } else {
          carry.append(contentsOf: piece)
          try carry.withUnsafeBufferPointer { try body(number, $0, .newline) }
        }
        carry.removeAll(keepingCapacity: carry.count <= 64 * 1024)
        overLimit = false
        start = newline + 1
        lineStart = consumed + start
      }
      consumed += chunk.count
    }

    mutating func finish(_ body: (Int, UnsafeBufferPointer<UInt8>, Ending) throws -> Void) rethrows {
      guard !carry.isEmpty || overLimit else { return }
      number += 1
      if overLimit {
        try body(number, UnsafeBufferPointer(start: nil, count: 0), .tooLong(offset: lineStart))
      } else {
        try carry.withUnsafeBufferPointer { try body(number, $0, .endOfFile) }
      }
    }

    /// Keeps the start of a line that goes on in the next chunk, unless it is already too long.
    private mutating func hold(_ piece: UnsafeBufferPointer<UInt8>) {
      guard !overLimit else { return }
      if carry.count + piece.count > limit {
        overLimit = true
        carry.removeAll()
      } else {
        carry.append(contentsOf: piece)
      }
    }
  }
}
