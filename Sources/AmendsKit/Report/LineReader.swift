import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file line by line through one fixed buffer, so memory stays flat however long the
/// file is. Never follows a symlink planted in the data folder.
public enum LineReader {
  /// Calls `body` with each line's number, its bytes (without the newline; a slice of the read
  /// buffer, valid only during the call) and whether it was ended by a newline (false only for
  /// a last line cut short by a crash). Returns false when the file does not exist; throws when
  /// it cannot be read.
  @discardableResult
  public static func forEachLine(of url: URL, _ body: (_ number: Int, _ line: ArraySlice<UInt8>, _ terminated: Bool) throws -> Void) throws -> Bool {
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
    var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    var carry: [UInt8] = []
    var number = 0
    while remaining > 0 {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, remaining)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw SafeFile.Failure(message: "cannot read \(displayPath(url)): \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      remaining -= count
      var start = 0
      while start < count {
        guard let newline = buffer[start..<count].firstIndex(of: 0x0A) else {
          carry.append(contentsOf: buffer[start..<count])
          break
        }
        number += 1
        if carry.isEmpty {
          try body(number, buffer[start..<newline], true)
        } else {
          carry.append(contentsOf: buffer[start..<newline])
          try body(number, carry[...], true)
          carry.removeAll(keepingCapacity: true)
        }
        start = newline + 1
      }
    }
    if !carry.isEmpty {
      number += 1
      try body(number, carry[...], false)
    }
    return true
  }
}
