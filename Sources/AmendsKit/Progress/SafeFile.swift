import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File operations that never follow a symlink planted in the data folder, create private
/// files (0600) and folders (0700), append whole lines under a lock, and replace files
/// atomically (temporary file in the same folder, fsync, rename, fsync of the folder).
public enum SafeFile {
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
    init(_ action: String, _ path: String, _ code: Int32 = errno) {
      description = "cannot \(action) \(path): \(String(cString: strerror(code)))"
    }
    init(message: String) { description = message }
  }

  /// File and folder modes; `sharedTeamMode` makes them group-readable for a managers' folder.
  public static var fileMode: mode_t { sharedTeamMode ? 0o640 : 0o600 }
  public static var folderMode: mode_t { sharedTeamMode ? 0o750 : 0o700 }
  public static let sharedTeamMode = ProcessInfo.processInfo.environment["AMENDS_SHARED"] == "1"

  /// Creates a folder and its parents; refuses when any existing part inside `root` is a symlink.
  public static func makeFolder(_ url: URL) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
      try refuseSymlink(url)
      if !isDirectory.boolValue { throw Failure(message: "\(url.path) exists and is not a folder") }
      return
    }
    try makeFolder(url.deletingLastPathComponent())
    if mkdir(url.path, folderMode) != 0 && errno != EEXIST { throw Failure("create folder", url.path) }
  }

  public static func refuseSymlink(_ url: URL) throws {
    var info = stat()
    if lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
      throw Failure(message: "refusing to use \(url.path): it is a symbolic link")
    }
  }

  /// Appends `data` (whole lines) to a file under an exclusive lock, then fsyncs it.
  public static func append(_ data: Data, to url: URL) throws {
    let fd = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, fileMode)
    if fd < 0 { throw Failure(errno == ELOOP ? "follow a symbolic link at" : "open", url.path) }
    defer { close(fd) }
    if flock(fd, LOCK_EX) != 0 { throw Failure("lock", url.path) }
    defer { flock(fd, LOCK_UN) }
    // A process killed mid-write leaves a torn last line. Start on a fresh line, so the torn
    // bytes stay a line of their own (reported, ignored) instead of swallowing this event.
    try appendWhole(fd, (endsWithNewline(fd) ? Data() : Data([0x0A])) + data, url.path)
  }

  /// Writes and syncs, or leaves the file as it was: on a full disk a half-written line is cut
  /// off again, so the log never holds a fragment that a failed write left behind.
  private static func appendWhole(_ fd: Int32, _ data: Data, _ path: String) throws {
    var info = stat()
    let size = fstat(fd, &info) == 0 ? info.st_size : -1
    do {
      try writeAll(fd, data, path)
      if fsync(fd) != 0 { throw Failure("sync", path) }
    } catch {
      if size >= 0 { _ = ftruncate(fd, size) }
      throw error
    }
  }

  /// Appends what `compose` makes of the file's current contents, under the same exclusive lock
  /// as `append`, so that reading and writing are one step for every other writer (two
  /// sessions starting an attempt at once must not both take the same number).
  public static func append(to url: URL, composing compose: (Data) throws -> Data) throws {
    let fd = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, fileMode)
    if fd < 0 { throw Failure(errno == ELOOP ? "follow a symbolic link at" : "open", url.path) }
    defer { close(fd) }
    if flock(fd, LOCK_EX) != 0 { throw Failure("lock", url.path) }
    defer { flock(fd, LOCK_UN) }
    let current = try readAll(fd, url.path)
    let data = try compose(current)
    let torn = current.last.map { $0 != 0x0A } ?? false
    try appendWhole(fd, (torn ? Data([0x0A]) : Data()) + data, url.path)
  }

  /// Reads a whole file without following a symlink; nil when it does not exist.
  public static func read(_ url: URL) throws -> Data? {
    let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw Failure(errno == ELOOP ? "follow a symbolic link at" : "read", url.path)
    }
    defer { close(fd) }
    // A shared lock, so a reader never sees half of a line a writer is appending.
    let locked = flock(fd, LOCK_SH) == 0
    defer { if locked { flock(fd, LOCK_UN) } }
    return try readAll(fd, url.path)
  }

  private static func readAll(_ fd: Int32, _ path: String) throws -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var offset: off_t = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 { if errno == EINTR { continue }; throw Failure("read", path) }
      if n == 0 { break }
      data.append(contentsOf: buffer[0..<n])
      offset += off_t(n)
    }
    return data
  }

  /// Replaces a file atomically: readers see the old or the new text, never half of one.
  public static func replace(_ url: URL, with data: Data) throws {
    let folder = url.deletingLastPathComponent()
    try refuseSymlink(url)
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
    if fd < 0 { throw Failure("create", temporary.path) }
    do {
      try writeAll(fd, data, temporary.path)
      if fsync(fd) != 0 { throw Failure("sync", temporary.path) }
      close(fd)
    } catch {
      close(fd)
      unlink(temporary.path)
      throw error
    }
    if rename(temporary.path, url.path) != 0 {
      let code = errno
      unlink(temporary.path)
      throw Failure("replace", url.path, code)
    }
    let dirfd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dirfd >= 0 { fsync(dirfd); close(dirfd) }
  }

  /// Whether an open file is empty or ends with a newline.
  private static func endsWithNewline(_ fd: Int32) -> Bool {
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_size > 0 else { return true }
    var last: UInt8 = 0
    return pread(fd, &last, 1, info.st_size - 1) == 1 ? last == 0x0A : true
  }

  private static func writeAll(_ fd: Int32, _ data: Data, _ path: String) throws {
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 { if errno == EINTR { continue }; throw Failure("write", path) }
        offset += n
      }
    }
  }
}

/// An exclusive, non-blocking claim on a user's folder for one interactive session, so a second
/// terminal can say that another session is active. Released when the process ends.
public final class SessionLock {
  private var fd: Int32 = -1

  public init() {}

  /// True when this process now holds the lock; false when another session holds it.
  public func acquire(in folder: URL) throws -> Bool {
    let path = folder.appendingPathComponent("session.lock").path
    fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, SafeFile.fileMode)
    if fd < 0 { throw SafeFile.Failure("open", path) }
    return flock(fd, LOCK_EX | LOCK_NB) == 0
  }

  deinit { if fd >= 0 { close(fd) } }
}
