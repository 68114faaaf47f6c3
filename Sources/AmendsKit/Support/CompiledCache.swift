import Foundation

/// The rubric compiled, kept between runs in one file of the user's cache folder: its pattern
/// sets, parsed and indexed, and its trained layer, read and indexed. Parsing and indexing them
/// was most of the work of starting `amends`; reading them back is a copy of arrays.
///
/// Each entry is found by a hash of what it was made from (a set by its patterns' text, the
/// trained layer by its file's bytes), so an edit simply misses and is compiled as if there were
/// no cache; a file written by another build of `amends` is ignored. Entries hold `Vocabulary`
/// ids, so the file carries the vocabulary they were numbered in and it is restored before
/// anything registers a word; when that cannot be (something was registered first), nothing
/// is read and only this run's entries are saved.
///
/// Off until the program turns it on (`activate`): a library that loads rubrics for tests or
/// tools does not write into anyone's cache folder unasked.
/// Unchecked Sendable: every mutable field is read and written under `lock`.
public final class CompiledCache: @unchecked Sendable {
  public static let shared = CompiledCache()

  static let fileName = "compiled.bin"
  static let magic = Array("AMENDSPC".utf8)
  static let formatVersion: UInt32 = 1
  /// A file bigger than this starts again with only the entries this run made.
  static let maximumBytes = 32 << 20

  private let lock = NSLock()
  /// Entered while the file is being read in the background (`activateInBackground`).
  private let activation = DispatchGroup()
  private var file: URL?
  private var build: UInt64 = 0
  /// The file's bytes, and where each saved entry's bytes are in them, by its key.
  private var contents: [UInt8] = []
  private var saved: [UInt64: Range<Int>] = [:]
  /// Entries made in this run, encoded, by key.
  private var fresh: [UInt64: [UInt8]] = [:]

  init() {}

  /// The cache folder: `$AMENDS_CACHE` (a folder, or `off` for none), else
  /// `$XDG_CACHE_HOME/amends`, else `~/.cache/amends`.
  public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
    if let setting = environment["AMENDS_CACHE"], !setting.isEmpty {
      return setting == "off" ? nil : URL(fileURLWithPath: setting)
    }
    if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
      return URL(fileURLWithPath: xdg).appendingPathComponent("amends")
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return URL(fileURLWithPath: home).appendingPathComponent(".cache/amends")
  }

  /// The three variables `folder` reads, from `getenv`: `ProcessInfo`'s environment builds a
  /// dictionary of every variable each time it is asked.
  public static func environment() -> [String: String] {
    var found: [String: String] = [:]
    for key in ["AMENDS_CACHE", "XDG_CACHE_HOME", "HOME"] {
      if let value = getenv(key) { found[key] = String(cString: value) }
    }
    return found
  }

  /// What tells one build of `amends` from another: its version and the executable file's
  /// size, change time and inode. Nil when the executable cannot be examined.
  public static func buildIdentity(version: String, executable: String = "/proc/self/exe") -> String? {
    var info = stat()
    guard stat(executable, &info) == 0 else { return nil }
    return "\(version) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
  }

  /// Starts using `folder`'s cache file, written by the build `build` names: restores its
  /// vocabulary if nothing has been registered yet, so that its sets can be used. A missing,
  /// foreign or damaged file is not an error: the patterns are compiled and the file rewritten.
  public func activate(folder: URL, build: String) {
    lock.lock()
    defer { lock.unlock() }
    file = folder.appendingPathComponent(Self.fileName)
    self.build = QuickHash.of(build)
    contents = []
    saved = [:]
    guard let url = file, let bytes = Self.readFile(url.path),
      let (vocabulary, entries) = Self.read(bytes, build: self.build),
      Vocabulary.shared.restore(vocabulary)
    else { return }
    contents = bytes
    saved = entries
  }

  /// The same on another core, while the program parses its arguments: loading the rubric
  /// waits for it (`waitUntilReady`), and so does every look-up.
  public func activateInBackground(folder: URL, build: String) {
    activation.enter()
    DispatchQueue.global(qos: .userInitiated).async {
      self.activate(folder: folder, build: build)
      self.activation.leave()
    }
  }

  /// Returns once a background activation has finished (at once when there is none).
  public func waitUntilReady() { activation.wait() }

  /// What was saved under `key`, read by `decode` (which must read the entry to its end, and
  /// returns nil for an entry that is not what was asked for); nil when there is none or it does
  /// not read, and such an entry is dropped.
  func load<Value>(_ key: UInt64, _ decode: (inout ByteReader) throws -> Value?) -> Value? {
    waitUntilReady()
    lock.lock()
    let range = saved[key]
    let contents = self.contents
    lock.unlock()
    guard let range else { return nil }
    let value: Value? = contents.withUnsafeBytes { bytes in
      var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[range]))
      guard let value = try? decode(&reader), reader.isAtEnd else { return nil }
      return value
    }
    if value == nil {
      lock.lock()
      saved[key] = nil
      lock.unlock()
    }
    return value
  }

  /// Keeps what `encode` writes under `key` for the next run (when the cache is on).
  func remember(_ key: UInt64, _ encode: (inout ByteWriter) -> Void) {
    lock.lock()
    let on = file != nil
    lock.unlock()
    guard on else { return }
    var writer = ByteWriter()
    encode(&writer)
    lock.lock()
    defer { lock.unlock() }
    fresh[key] = writer.bytes
  }

  /// The matcher saved for exactly these patterns, or nil.
  func matcher(for sources: [String]) -> PhraseMatcher? {
    load(Self.key(sources)) { reader in
      let matcher = try PhraseMatcher(decoding: &reader)
      return matcher.phrases.map(\.source) == sources ? matcher : nil
    }
  }

  /// Keeps a set compiled in this run (without an error) for the next.
  func remember(_ matcher: PhraseMatcher, for sources: [String]) {
    remember(Self.key(sources)) { matcher.encode(into: &$0) }
  }

  /// The matcher for `sources`: saved, or compiled by `compile`, which says whether every
  /// pattern compiled without an error (a set with one is not kept).
  func matcher(for sources: [String], compile: () -> (PhraseMatcher, clean: Bool)) -> PhraseMatcher {
    if let saved = matcher(for: sources) { return saved }
    let (matcher, clean) = compile()
    if clean && !sources.isEmpty { remember(matcher, for: sources) }
    return matcher
  }

  /// Writes the file when this run made entries it lacked: its entries and this run's, with the
  /// vocabulary as it is now (every saved id is in it: ids are only ever added). Replaced
  /// atomically and never through a symbolic link (`SafeFile`), so a reader never sees half a
  /// file; a folder that cannot be written only means the next run compiles again.
  public func save() {
    waitUntilReady()
    lock.lock()
    defer { lock.unlock() }
    guard let url = file, !fresh.isEmpty else { return }
    var entries: [(UInt64, ArraySlice<UInt8>)] = fresh.map { ($0.key, $0.value[...]) }
    let total = contents.count + fresh.values.reduce(0) { $0 + $1.count }
    if total < Self.maximumBytes {
      entries += saved.filter { fresh[$0.key] == nil }.map { ($0.key, contents[$0.value]) }
    }
    entries.sort { $0.0 < $1.0 }
    let bytes = Self.write(vocabulary: Vocabulary.shared.snapshot(), entries: entries, build: build)
    do {
      // A cache folder may well sit behind a symbolic link (`~/.cache` often does), so the
      // folder is made as usual; the file itself is never written through one.
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      try SafeFile.replace(url, with: Data(bytes))
      fresh = [:]
    } catch {
      // Not an error for the user: the next run compiles the patterns again.
    }
  }

  static func key(_ sources: [String]) -> UInt64 { QuickHash.of(sources.joined(separator: "\u{0}")) }

  // The file: magic, format, build hash, payload length and hash, then the payload: the
  // vocabulary's words, stems and pattern sources, and the sets (hash, length, bytes).

  static func write(vocabulary: Vocabulary.Snapshot, entries: [(UInt64, ArraySlice<UInt8>)], build: UInt64) -> [UInt8] {
    var body = ByteWriter()
    body.write(vocabulary.words)
    body.write(vocabulary.stems)
    body.write(vocabulary.patterns)
    body.write(UInt32(entries.count))
    for (key, bytes) in entries {
      body.write(key)
      body.write(UInt32(bytes.count))
      body.append(Array(bytes))
    }
    var file = ByteWriter()
    file.append(magic)
    file.write(formatVersion)
    file.write(build)
    file.write(UInt64(body.bytes.count))
    file.write(body.bytes.withUnsafeBytes { QuickHash.of($0) })
    file.append(body.bytes)
    return file.bytes
  }

  /// The vocabulary and where each set's bytes are in `bytes`; nil for a file of another build
  /// or format, or one that is damaged.
  static func read(_ bytes: [UInt8], build: UInt64) -> (Vocabulary.Snapshot, [UInt64: Range<Int>])? {
    let header = magic.count + 4 + 8 + 8 + 8
    guard bytes.count >= header, bytes[0..<magic.count].elementsEqual(magic) else { return nil }
    return bytes.withUnsafeBytes { raw -> (Vocabulary.Snapshot, [UInt64: Range<Int>])? in
      var reader = ByteReader(raw, at: magic.count)
      do {
        let format = try reader.read(UInt32.self), writtenBy = try reader.read(UInt64.self)
        let length = try reader.read(UInt64.self), hash = try reader.read(UInt64.self)
        let body = UnsafeRawBufferPointer(rebasing: raw[header...])
        guard format == formatVersion, writtenBy == build, length == UInt64(body.count), QuickHash.of(body) == hash
        else { return nil }
        let vocabulary = Vocabulary.Snapshot(
          words: try reader.readStrings(), stems: try reader.readStrings(), patterns: try reader.readStrings())
        let count = try reader.readCount(elementSize: 12)
        var entries: [UInt64: Range<Int>] = Dictionary(minimumCapacity: count)
        for _ in 0..<count {
          let key = try reader.read(UInt64.self)
          let length = Int(try reader.read(UInt32.self))
          let start = reader.offset
          guard length <= raw.count - start else { return nil }
          entries[key] = start..<(start + length)
          reader = ByteReader(raw, at: start + length)
        }
        guard reader.isAtEnd else { return nil }
        return (vocabulary, entries)
      } catch {
        return nil
      }
    }
  }

  /// A whole file's bytes, read straight into the array (no `Data` to copy from); nil when it
  /// cannot be read, or is not a regular file of this user's: the file decides how replies are
  /// scored, so one planted in a shared cache folder by someone else is never read.
  static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(), info.st_size >= 0,
      info.st_size <= maximumBytes * 2
    else { return nil }
    let size = Int(info.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      var done = 0
      while done < size {
        let got = Foundation.read(fd, buffer.baseAddress! + done, size - done)
        if got <= 0 {
          failed = got < 0 || done < size
          break
        }
        done += got
      }
      initialized = done
    }
    return failed ? nil : bytes
  }
}
