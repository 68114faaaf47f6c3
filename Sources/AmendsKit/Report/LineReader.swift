import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file line by line through one fixed buffer, so memory stays flat however long the
/// file is. Never follows a symlink planted in the data folder.
public enum LineReader {
  /// Calls `body` with each line's number, its bytes (without the newline; a view of the read
  /// buffer, valid only during the call) and whether it was ended by a newline (false only for
  /// a last line cut short by a crash). Returns false when the file does not exist; throws when
  /// it cannot be read.
  @discardableResult
  public static func forEachLine(of url: URL, _ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>, _ terminated: Bool) throws -> Void) throws -> Bool {
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
    var carry: [UInt8] = []
    var number = 0
    while remaining > 0 {
      let count = read(fd, buffer, min(capacity, remaining))
      if count < 0 {
        if errno == EINTR { continue }
        throw SafeFile.Failure(message: "cannot read \(displayPath(url)): \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      remaining -= count
      var start = 0
      while start < count {
        guard let found = memchr(buffer + start, 0x0A, count - start) else {
          carry.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: count - start))
          break
        }
        let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
        number += 1
        if carry.isEmpty {
          try body(number, UnsafeBufferPointer(start: buffer + start, count: newline - start), true)
        } else {
          carry.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: newline - start))
          try carry.withUnsafeBufferPointer { try body(number, $0, true) }
          carry.removeAll(keepingCapacity: true)
        }
        start = newline + 1
      }
    }
    if !carry.isEmpty {
      number += 1
      try carry.withUnsafeBufferPointer { try body(number, $0, false) }
    }
    return true
  }
}
