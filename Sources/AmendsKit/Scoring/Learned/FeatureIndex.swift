/// The trained layer's features as numbers, so scoring never spells a feature's name: each word
/// form that appears in a word or phrase feature gets an id, a phrase is its ids packed into one
/// integer, and every kind of feature leads straight to its row of weights. Building every name
/// of every word, and looking each up again, was most of scoring's time; the model weighs a few
/// thousand features and a reply holds a few hundred words.
struct FeatureIndex: Sendable {
  /// Word form → id.
  private(set) var ids: [String: Int32] = [:]
  /// A token's vocabulary id (`Token.id`) → its id here, or -1: every form here is registered
  /// with the `Vocabulary`, so a reply's words arrive numbered and are never hashed again.
  private(set) var byVocabulary: [Int32] = []
  /// The vocabulary's generation once every form was registered: a text analysed before it
  /// may lack the ids, and is looked up by its forms instead.
  private(set) var generation = 0
  /// By id: whether the form carries content (`ReplyFeatures.isContent`).
  private(set) var isContent: [Bool] = []
  /// The ids of the forms numbers, times and emoji are read as (`ReplyFeatures.normalised`).
  private(set) var numberID: Int32 = -1
  private(set) var timeID: Int32 = -1
  private(set) var emojiID: Int32 = -1
  /// Word id → the row of `w:<form>`, or -1.
  private(set) var wordRows: [Int32] = []
  /// (actor's place in `ClauseRole.Actor.allCases`) << 32 | id → the row of `a:<actor>:<form>`.
  private(set) var actorWords = RowTable()
  /// By id: whether the word has an actor feature, to skip looking up its clause's role.
  private(set) var actorForms: [Bool] = []
  /// `pack`ed ids → the row of `b:<a>_<b>` or `t:<a>_<b>_<c>`.
  private(set) var phrases = RowTable()
  /// By actor: the row of `r:<actor>`; by actor and mode: `r:<actor>:<mode>`; by mode: `m:<mode>`
  /// (places in `ClauseRole.Actor.allCases` and `ClauseRole.Modes.names`; -1 when absent).
  private(set) var roleRows: [Int32] = []
  private(set) var roleModeRows: [[Int32]] = []
  private(set) var modeRows: [Int32] = []

  init(rows: [String: Int32]) {
    // Names are split on their ASCII separators byte by byte: walking them as Characters was
    // a tenth of an `amends check` (4,000 names, every start).
    let actors = ClauseRole.Actor.allCases.map { Array($0.rawValue.utf8) }
    for (name, row) in rows {
      let bytes = Array(name.utf8)
      guard bytes.count > 2, bytes[1] == UInt8(ascii: ":") else { continue }
      let body = bytes[2...]
      func text(_ part: ArraySlice<UInt8>) -> String { String(decoding: part, as: UTF8.self) }
      switch bytes[0] {
      case UInt8(ascii: "w"):
        wordRows[Int(id(text(body)))] = row
      case UInt8(ascii: "a"):
        guard let colon = body.firstIndex(of: UInt8(ascii: ":")),
          let actor = actors.firstIndex(where: { $0.elementsEqual(body[..<colon]) })
        else { continue }
        let form = id(text(body[(colon + 1)...]))
        actorWords[Int64(actor) << 32 | Int64(form)] = row
        actorForms[Int(form)] = true
      case UInt8(ascii: "b"), UInt8(ascii: "t"):
        let parts = body.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false).map { id(text($0)) }
        if bytes[0] == UInt8(ascii: "b") && parts.count == 2 { phrases[Self.pack(parts[0], parts[1])] = row }
        if bytes[0] == UInt8(ascii: "t") && parts.count == 3 { phrases[Self.pack(parts[0], parts[1], parts[2])] = row }
      default:
        continue
      }
    }
    let modes = ClauseRole.Modes.names.map(\.0)
    for actor in ClauseRole.Actor.allCases.map(\.rawValue) {
      roleRows.append(rows["r:" + actor] ?? -1)
      roleModeRows.append(modes.map { rows["r:" + actor + ":" + $0] ?? -1 })
    }
    modeRows = modes.map { rows["m:" + $0] ?? -1 }
    numberID = ids["<num>"] ?? -1
    timeID = ids["<time>"] ?? -1
    emojiID = ids["<emoji>"] ?? -1
    for (form, id) in ids {
      isContent[Int(id)] = ReplyFeatures.isContent(form)
      guard !form.hasPrefix("<") else { continue }
      let word = Vocabulary.shared.register(form)
      if word >= byVocabulary.count { byVocabulary += [Int32](repeating: -1, count: word + 1 - byVocabulary.count) }
      byVocabulary[word] = id
    }
    generation = Vocabulary.shared.generation
  }

  /// The id of a reply's word (`token`, its index in `text.tokens`), from its vocabulary id
  /// when `text` knows the ids.
  func id(of token: Int, in text: AnalyzedText) -> Int32 {
    text.tokens.withUnsafeBufferPointer { tokens in
      switch tokens[token].kind {
      case .number: return tokens[token].form.utf8.contains(UInt8(ascii: ":")) ? timeID : numberID
      case .emoji: return emojiID
      default:
        guard text.generation >= generation else { return ids[tokens[token].form] ?? -1 }
        let id = tokens[token].id
        return id >= 0 && Int(id) < byVocabulary.count ? byVocabulary[Int(id)] : -1
      }
    }
  }

  private mutating func id(_ form: String) -> Int32 {
    if let found = ids[form] { return found }
    let next = Int32(ids.count)
    ids[form] = next
    wordRows.append(-1)
    isContent.append(false)
    actorForms.append(false)
    return next
  }

  /// Up to three ids of 21 bits each, in one integer.
  static func pack(_ a: Int32, _ b: Int32, _ c: Int32 = 0x1F_FFFF) -> Int64 {
    Int64(a) << 42 | Int64(b) << 21 | Int64(c)
  }
}

/// Integer keys to rows, for the look-ups every word of a reply makes: open addressing with a
/// multiplicative hash, several times faster than a seeded `Dictionary` on this path.
struct RowTable: Sendable {
  private var keys: [Int64] = Array(repeating: RowTable.empty, count: 16)
  private var rows: [Int32] = Array(repeating: -1, count: 16)
  private var count = 0
  private static let empty = Int64.min

  private func slot(_ key: Int64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  subscript(key: Int64) -> Int32? {
    get {
      let mask = keys.count - 1
      var i = slot(key, mask)
      while keys[i] != RowTable.empty {
        if keys[i] == key { return rows[i] }
        i = (i + 1) & mask
      }
      return nil
    }
    set {
      guard let row = newValue, key != RowTable.empty else { return }
      if (count + 1) * 2 > keys.count { grow() }
      let mask = keys.count - 1
      var i = slot(key, mask)
      while keys[i] != RowTable.empty && keys[i] != key { i = (i + 1) & mask }
      if keys[i] == RowTable.empty { count += 1 }
      keys[i] = key
      rows[i] = row
    }
  }

  private mutating func grow() {
    let old = zip(keys, rows).filter { $0.0 != RowTable.empty }
    keys = Array(repeating: RowTable.empty, count: keys.count * 2)
    rows = Array(repeating: -1, count: keys.count)
    count = 0
    for (key, row) in old { self[key] = row }
  }
}

extension FeatureIndex {
  /// Writes the index for the compiled cache (`CompiledCache`).
  func encode(into writer: inout ByteWriter) {
    var forms = [String](repeating: "", count: ids.count)
    for (form, id) in ids { forms[Int(id)] = form }
    writer.write(forms)
    writer.write(byVocabulary)
    writer.write(isContent)
    writer.write(numberID)
    writer.write(timeID)
    writer.write(emojiID)
    writer.write(wordRows)
    actorWords.encode(into: &writer)
    writer.write(actorForms)
    phrases.encode(into: &writer)
    writer.write(roleRows)
    writer.write(UInt32(roleModeRows.count))
    for rows in roleModeRows { writer.write(rows) }
    writer.write(modeRows)
  }

  /// Reads an index of a model with `rowCount` rows back, checking every id and row against the
  /// lists it indexes, and its vocabulary ids against the vocabulary restored beside it.
  init(decoding reader: inout ByteReader, rowCount: Int) throws {
    let forms = try reader.readStrings()
    for (id, form) in forms.enumerated() { ids[form] = Int32(id) }
    byVocabulary = try reader.readArray(of: Int32.self)
    isContent = try reader.readBools()
    numberID = try reader.read(Int32.self)
    timeID = try reader.read(Int32.self)
    emojiID = try reader.read(Int32.self)
    wordRows = try reader.readArray(of: Int32.self)
    actorWords = try RowTable(decoding: &reader, rowCount: rowCount)
    actorForms = try reader.readBools()
    phrases = try RowTable(decoding: &reader, rowCount: rowCount)
    roleRows = try reader.readArray(of: Int32.self)
    roleModeRows = try reader.readList(elementSize: 4) { try $0.readArray(of: Int32.self) }
    modeRows = try reader.readArray(of: Int32.self)
    let (words, stems) = Vocabulary.shared.counts
    generation = words + stems
    let isRow = { (row: Int32) in row >= -1 && Int(row) < rowCount }
    let isForm = { (id: Int32) in id >= -1 && Int(id) < forms.count }
    let actors = ClauseRole.Actor.allCases.count, modes = ClauseRole.Modes.names.count
    guard ids.count == forms.count, isContent.count == forms.count, wordRows.count == forms.count,
      actorForms.count == forms.count, byVocabulary.count <= words, byVocabulary.allSatisfy(isForm),
      [numberID, timeID, emojiID].allSatisfy(isForm), wordRows.allSatisfy(isRow), roleRows.count == actors,
      roleRows.allSatisfy(isRow), roleModeRows.count == actors,
      roleModeRows.allSatisfy({ $0.count == modes && $0.allSatisfy(isRow) }), modeRows.count == modes,
      modeRows.allSatisfy(isRow)
    else { throw ByteReader.Malformed() }
  }
}

extension RowTable {
  func encode(into writer: inout ByteWriter) {
    writer.write(keys)
    writer.write(rows)
    writer.write(Int32(count))
  }

  /// Reads a table back: a power-of-two size at most half full (so every look-up ends), every
  /// row below `rowCount`.
  init(decoding reader: inout ByteReader, rowCount: Int) throws {
    keys = try reader.readArray(of: Int64.self)
    rows = try reader.readArray(of: Int32.self)
    count = Int(try reader.read(Int32.self))
    let filled = keys.count(where: { $0 != RowTable.empty })
    guard keys.count >= 16, keys.count & (keys.count - 1) == 0, rows.count == keys.count, count == filled,
      count * 2 <= keys.count, zip(keys, rows).allSatisfy({ $0 == RowTable.empty || ($1 >= 0 && Int($1) < rowCount) })
    else { throw ByteReader.Malformed() }
  }
}
