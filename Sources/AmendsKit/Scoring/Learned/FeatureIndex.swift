/// The trained layer's word and phrase features (`w:`, `a:`, `b:`, `t:`) with a weight, as
/// numbers: each word form that appears in one gets an id, and a phrase is its ids packed into
/// one integer. `ReplyFeatures` looks a reply's word up once and spells out a feature's name
/// only when the model has it: building every name of every word was most of scoring's time,
/// and the model weighs a few hundred of them.
struct FeatureIndex: Sendable {
  /// Word form → id.
  private(set) var ids: [String: Int32] = [:]
  private(set) var words: Set<Int32> = []
  /// (actor's place in `ClauseRole.Actor.allCases`) << 32 | id.
  private(set) var actorWords: Set<Int64> = []
  /// Ids of the words that have an actor feature, to skip looking up their clause's role.
  private(set) var actorForms: Set<Int32> = []
  private(set) var bigrams: Set<Int64> = []
  private(set) var trigrams: Set<Int64> = []

  init<Names: Sequence<String>>(names: Names) {
    for name in names {
      let body = name.dropFirst(2)
      if name.hasPrefix("w:") {
        words.insert(id(String(body)))
      } else if name.hasPrefix("a:"), let colon = body.firstIndex(of: ":"),
        let actor = ClauseRole.Actor.allCases.firstIndex(where: { $0.rawValue == body[..<colon] })
      {
        let form = id(String(body[body.index(after: colon)...]))
        actorWords.insert(Int64(actor) << 32 | Int64(form))
        actorForms.insert(form)
      } else if name.hasPrefix("b:") {
        let parts = body.split(separator: "_", omittingEmptySubsequences: false)
        if parts.count == 2 { bigrams.insert(Self.pack(id(String(parts[0])), id(String(parts[1])))) }
      } else if name.hasPrefix("t:") {
        let parts = body.split(separator: "_", omittingEmptySubsequences: false)
        if parts.count == 3 {
          trigrams.insert(Self.pack(id(String(parts[0])), id(String(parts[1])), id(String(parts[2]))))
        }
      }
    }
  }

  private mutating func id(_ form: String) -> Int32 {
    if let found = ids[form] { return found }
    let next = Int32(ids.count)
    ids[form] = next
    return next
  }

  /// Up to three ids of 21 bits each, in one integer.
  static func pack(_ a: Int32, _ b: Int32, _ c: Int32 = 0x1F_FFFF) -> Int64 {
    Int64(a) << 42 | Int64(b) << 21 | Int64(c)
  }
}
