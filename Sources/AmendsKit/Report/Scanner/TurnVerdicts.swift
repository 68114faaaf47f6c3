/// A turn's verdicts by principle, in the order of `Rubric.principleIds`; ids outside it (a
/// log written by another rubric) are left out, as no report lists them. Packed four bits a
/// principle into two words: a report reads millions of these, and a dictionary (then an
/// array) per turn was most of its time.
struct TurnVerdicts: Decodable, Sendable, Equatable {
  private var words: (UInt64, UInt64) = (0, 0)

  /// How many principles the packing holds.
  static let capacity = 32

  init() {}

  init(from decoder: Decoder) throws {
    self.init()
    for (id, verdict) in try [String: Verdict](from: decoder) {
      if let index = TurnVerdicts.index[id] { self[index] = verdict }
    }
  }

  /// The verdict on the principle with index `index` of `Rubric.principleIds`, if any.
  subscript(index: Int) -> Verdict? {
    @inline(__always) get {
      let word = index < 16 ? words.0 : words.1
      return Self.verdict(code: (word >> UInt64((index % 16) * 4)) & 0xF)
    }
    set { set(index, code: newValue.map(Self.code) ?? 0) }
  }

  /// Sets a principle's verdict by its code (`code(_:)`, 0 for none).
  @inline(__always)
  mutating func set(_ index: Int, code: UInt64) {
    let shift = UInt64((index % 16) * 4)
    if index < 16 {
      words.0 = words.0 & ~(0xF << shift) | code << shift
    } else {
      words.1 = words.1 & ~(0xF << shift) | code << shift
    }
  }

  /// Calls `body` with each principle that has a verdict, in index order, and the verdict's
  /// code (`code(_:)`: met 1, missed 2, violated 3, avoided 4, not-applicable 5).
  @inline(__always)
  func forEachCode(_ body: (_ index: Int, _ code: Int) -> Void) {
    for half in 0..<2 {
      var word = half == 0 ? words.0 : words.1
      while word != 0 {
        let shift = word.trailingZeroBitCount & ~3
        body(half &* 16 &+ shift &>> 2, Int(truncatingIfNeeded: (word &>> UInt64(shift)) & 0xF))
        word &= ~(0xF &<< UInt64(shift))
      }
    }
  }

  @inline(__always)
  private static func verdict(code: UInt64) -> Verdict? {
    switch code {
    case 1: return .met
    case 2: return .missed
    case 3: return .violated
    case 4: return .avoided
    case 5: return .notApplicable
    default: return nil
    }
  }

  @inline(__always)
  static func code(_ verdict: Verdict) -> UInt64 {
    switch verdict {
    case .met: return 1
    case .missed: return 2
    case .violated: return 3
    case .avoided: return 4
    case .notApplicable: return 5
    }
  }

  static func == (a: TurnVerdicts, b: TurnVerdicts) -> Bool { a.words == b.words }

  static let index: [String: Int] = {
    precondition(Rubric.principleIds.count <= capacity, "TurnVerdicts packs at most \(capacity) principles")
    return Dictionary(uniqueKeysWithValues: Rubric.principleIds.enumerated().map { ($1, $0) })
  }()
}
