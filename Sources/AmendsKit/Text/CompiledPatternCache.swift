import Foundation

/// The rubric's pattern sets, compiled, kept between runs in one file of the user's cache
/// folder. Parsing and indexing the rubric's patterns was two thirds of the work of starting
/// `amends`; reading them back is a copy of arrays.
///
/// A set is found by its patterns' text, so editing a pattern simply misses, and the set is
/// compiled as if there were no cache; a file written by another build of `amends` is ignored.
/// Matchers hold `Vocabulary` ids, so the file carries the vocabulary they were numbered in and
/// it is restored before anything registers a word; when that cannot be (something was
/// registered first), nothing is read and only this run's sets are saved.
///
/// Off until the program turns it on (`activate`): a library that loads rubrics for tests or
/// tools does not write into anyone's cache folder unasked.
/// Unchecked Sendable: every mutable field is read and written under `lock`.
public final class CompiledPatternCache: @unchecked Sendable {
  public static let shared = CompiledPatternCache()

  static let fileName = "patterns.bin"
  static let magic = Array("AMENDSPC".utf8)
  static let formatVersion: UInt32 = 1
  /// A file bigger than this starts again with only the sets this run used.
  static let maximumBytes = 32 << 20

  private let lock = NSLock()
  private var file: URL?
  private var build: UInt64 = 0
  /// The file's payload, and each saved set's bytes in it by the hash of its patterns.
  private var payload: [UInt8] = []
  private var saved: [UInt64: Range<Int>] = [:]
  /// Sets compiled in this run, encoded, by the hash of their patterns.
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
    payload = []
    saved = [:]
    guard let url = file, let data = FileManager.default.contents(atPath: url.path) else { return }
    let bytes = [UInt8](data)
    guard let (vocabulary, entries, body) = Self.read(bytes, build: self.build),
      Vocabulary.shared.restore(vocabulary)
    else { return }
    payload = body
    saved = entries
  }

  /// The matcher saved for exactly these patterns, or nil.
  func matcher(for sources: [String]) -> PhraseMatcher? {
    let key = Self.key(sources)
    lock.lock()
    let range = saved[key]
    let payload = self.payload
    lock.unlock()
    guard let range else { return nil }
    let matcher: PhraseMatcher? = payload.withUnsafeBytes { bytes in
      var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[range]))
      guard let matcher = try? PhraseMatcher(decoding: &reader), reader.isAtEnd,
        matcher.phrases.map(\.source) == sources
      else { return nil }
      return matcher
    }
    if matcher == nil {
      lock.lock()
      saved[key] = nil
      lock.unlock()
    }
    return matcher
  }

  /// Keeps a set compiled in this run (without an error) for the next.
  func remember(_ matcher: PhraseMatcher, for sources: [String]) {
    var writer = ByteWriter()
    matcher.encode(into: &writer)
    lock.lock()
    defer { lock.unlock() }
    guard file != nil else { return }
    fresh[Self.key(sources)] = writer.bytes
  }

  /// The matcher for `sources`: saved, or compiled by `compile`, which says whether every
  /// pattern compiled without an error (a set with one is not kept).
  func matcher(for sources: [String], compile: () -> (PhraseMatcher, clean: Bool)) -> PhraseMatcher {
    if let saved = matcher(for: sources) { return saved }
    let (matcher, clean) = compile()
    if clean && !sources.isEmpty { remember(matcher, for: sources) }
    return matcher
  }

  /// Writes the file when this run compiled sets it lacked: its sets and this run's, with the
  /// vocabulary as it is now (every saved id is in it: ids are only ever added). Replaced
  /// atomically and never through a symbolic link (`SafeFile`), so a reader never sees half a
  /// file; a folder that cannot be written only means the next run compiles again.
  public func save() {
    lock.lock()
    defer { lock.unlock() }
    guard let url = file, !fresh.isEmpty else { return }
    var entries: [(UInt64, ArraySlice<UInt8>)] = fresh.map { ($0.key, $0.value[...]) }
    let total = payload.count + fresh.values.reduce(0) { $0 + $1.count }
    if total < Self.maximumBytes {
      entries += saved.filter { fresh[$0.key] == nil }.map { ($0.key, payload[$0.value]) }
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

  /// The vocabulary and where each set's bytes are in the returned payload; nil for a file of
  /// another build or format, or one that is damaged.
  static func read(_ bytes: [UInt8], build: UInt64) -> (Vocabulary.Snapshot, [UInt64: Range<Int>], [UInt8])? {
    let header = magic.count + 4 + 8 + 8 + 8
    guard bytes.count >= header, Array(bytes[0..<magic.count]) == magic else { return nil }
    let body = Array(bytes[header...])
    let fields: (UInt32, UInt64, UInt64, UInt64)? = bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw, at: magic.count)
      return try? (reader.read(), reader.read(), reader.read(), reader.read())
    }
    guard let (format, writtenBy, length, hash) = fields, format == formatVersion, writtenBy == build,
      length == UInt64(body.count), body.withUnsafeBytes({ QuickHash.of($0) }) == hash
    else { return nil }
    return body.withUnsafeBytes { raw -> (Vocabulary.Snapshot, [UInt64: Range<Int>], [UInt8])? in
      var reader = ByteReader(raw)
      do {
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
        return (vocabulary, entries, body)
      } catch {
        return nil
      }
    }
  }
}
