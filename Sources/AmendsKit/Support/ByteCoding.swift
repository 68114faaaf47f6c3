import Foundation

/// Writes numbers, strings and arrays of numbers as little-endian bytes, for the compiled
/// cache (`CompiledCache`). Arrays are written as their count and then their
/// elements' bytes in one copy, so reading back an array of a thousand ids is one copy too.
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  mutating func write<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

  mutating func write(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      write(UInt32(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func write(_ texts: [String]) {
    write(UInt32(texts.count))
    for text in texts { write(text) }
  }

  mutating func write<T: FixedWidthInteger>(_ values: [T]) {
    write(UInt32(values.count))
    for value in values { write(value) }
  }

  mutating func write(_ values: [Bool]) { write(values.map { UInt8($0 ? 1 : 0) }) }

  mutating func write(_ ranges: [Range<Int32>]) {
    write(UInt32(ranges.count))
    for range in ranges {
      write(range.lowerBound)
      write(range.upperBound)
    }
  }

  mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}

/// Reads what `ByteWriter` wrote. Every read is bounds-checked and throws `Malformed` instead of
/// trapping: a cache file cut short or written by a broken build is a reason to compile the
/// patterns again, never a crash.
struct ByteReader {
  struct Malformed: Error {}

  private let bytes: UnsafeRawBufferPointer
  private(set) var offset: Int

  init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  var isAtEnd: Bool { offset == bytes.count }

  private mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
    guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
  }

  mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
    let raw = try take(MemoryLayout<T>.size)
    var value = T.zero
    withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: raw) }
    return T(littleEndian: value)
  }

  mutating func readBool() throws -> Bool {
    switch try read(UInt8.self) {
    case 0: return false
    case 1: return true
    default: throw Malformed()
    }
  }

  /// A count that cannot ask for more elements than the bytes left could hold.
  mutating func readCount(elementSize: Int = 1) throws -> Int {
    let count = Int(try read(UInt32.self))
    guard count <= (bytes.count - offset) / max(1, elementSize) else { throw Malformed() }
    return count
  }

  mutating func readString() throws -> String {
    let raw = try take(try readCount())
    guard let text = String(validating: raw, as: UTF8.self) else { throw Malformed() }
    return text
  }

  /// A counted list whose elements `element` reads; each takes at least `elementSize` bytes, so
  /// a damaged count cannot ask for more than the bytes left could hold.
  mutating func readList<T>(elementSize: Int, _ element: (inout ByteReader) throws -> T) throws -> [T] {
    let count = try readCount(elementSize: elementSize)
    var items: [T] = []
    items.reserveCapacity(count)
    for _ in 0..<count { items.append(try element(&self)) }
    return items
  }

  mutating func readStrings() throws -> [String] { try readList(elementSize: 4) { try $0.readString() } }

  mutating func readArray<T: FixedWidthInteger>(of _: T.Type) throws -> [T] {
    let count = try readCount(elementSize: MemoryLayout<T>.size)
    let raw = try take(count * MemoryLayout<T>.size)
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
      for i in 0..<count { buffer[i] = T(littleEndian: buffer[i]) }
      initialized = count
    }
  }

  mutating func readBools() throws -> [Bool] {
    try readArray(of: UInt8.self).map { value in
      guard value <= 1 else { throw Malformed() }
      return value == 1
    }
  }

  mutating func readRanges() throws -> [Range<Int32>] {
    try readList(elementSize: 8) { reader in
      let lower = try reader.read(Int32.self), upper = try reader.read(Int32.self)
      guard lower <= upper else { throw Malformed() }
      return lower..<upper
    }
  }
}

/// A 64-bit FNV-1a hash over eight bytes at a time: cheap enough to check a cache file of a few
/// megabytes on every start, and to name a list of patterns.
enum QuickHash {
  static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var hash = seed
    let prime: UInt64 = 0x100_0000_01b3
    let words = bytes.count / 8
    for i in 0..<words {
      hash = (hash ^ bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* prime
      hash ^= hash >> 29
    }
    for i in (words * 8)..<bytes.count { hash = (hash ^ UInt64(bytes[i])) &* prime }
    return (hash ^ UInt64(bytes.count)) &* prime
  }

  static func of(_ text: String) -> UInt64 {
    var text = text
    return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
  }
}
