/// Numbers the beats met in one log, by scenario and beat id, straight from the id's bytes in
/// the line: a report looks a beat up for every turn, and hashing a string through a
/// dictionary (twice, scenario then beat) was a tenth of its time.
struct BeatSlots {
  /// Open addressing, linear probing: each entry is a slot number, or -1.
  private var table = [Int](repeating: -1, count: 64)
  private var hashes: [UInt64] = []
  private var scenarios: [Int] = []
  /// Every id's bytes one after another; slot s's are at `starts[s]..<starts[s + 1]`.
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]

  /// How many beats have been numbered.
  var count: Int { hashes.count }

  /// The slot of the beat spelt by `id` (UTF-8) in the scenario numbered `scenario`, and
  /// whether it was new.
  mutating func slot(scenario: Int, id: UnsafeBufferPointer<UInt8>) -> (slot: Int, isNew: Bool) {
    let hash = Self.hash(scenario, id)
    var position = Int(truncatingIfNeeded: hash) & (table.count - 1)
    while true {
      let slot = table[position]
      if slot < 0 { break }
      if hashes[slot] == hash, scenarios[slot] == scenario, spells(slot, id) { return (slot, false) }
      position = (position + 1) & (table.count - 1)
    }
    let slot = count
    hashes.append(hash)
    scenarios.append(scenario)
    bytes.append(contentsOf: id)
    starts.append(bytes.count)
    table[position] = slot
    if count * 2 > table.count { grow() }
    return (slot, true)
  }

  private func spells(_ slot: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[slot]
    guard starts[slot + 1] - start == id.count else { return false }
    guard let other = id.baseAddress else { return true }
    return bytes.withUnsafeBufferPointer { sameBytes($0.baseAddress! + start, other, id.count) }
  }

  private mutating func grow() {
    table = [Int](repeating: -1, count: table.count * 2)
    for slot in 0..<count {
      var position = Int(truncatingIfNeeded: hashes[slot]) & (table.count - 1)
      while table[position] >= 0 { position = (position + 1) & (table.count - 1) }
      table[position] = slot
    }
  }

  /// The scenario number and the id's bytes, eight at a time, mixed by multiplying (as
  /// splitmix64 does) so that the low bits, the table's, depend on every byte.
  private static func hash(_ scenario: Int, _ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
    func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
      let x = (h ^ word) &* 0xbf58_476d_1ce4_e5b9
      return x ^ (x &>> 31)
    }
    var hash = mix(UInt64(truncatingIfNeeded: scenario) &* 0x9e37_79b9_7f4a_7c15, UInt64(id.count))
    guard let p = id.baseAddress else { return hash }
    var k = 0
    while k &+ 8 <= id.count {
      hash = mix(hash, UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
      k &+= 8
    }
    if k < id.count {
      var tail: UInt64 = 0
      for j in k..<id.count { tail |= UInt64(p[j]) &<< UInt64((j &- k) &* 8) }
      hash = mix(hash, tail)
    }
    return hash ^ (hash &>> 29)
  }
}
