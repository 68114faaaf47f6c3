/// Compiled phrases as bytes, for the compiled cache (`CompiledCache`). A word
/// slot shared by several phrases (`i|we`) is written once and read back as one `WordChoice`.
enum PhraseCoding {
  static func encode(_ phrases: [Phrase], into writer: inout ByteWriter) {
    var choices: [WordChoice] = []
    var choiceNumbers: [ObjectIdentifier: Int32] = [:]
    var body = ByteWriter()
    func writeSlots(_ slots: [Phrase.Slot]) {
      body.write(UInt32(slots.count))
      for slot in slots {
        switch slot {
        case .one(let choice, let optional):
          let number =
            choiceNumbers[ObjectIdentifier(choice)]
            ?? {
              choices.append(choice)
              choiceNumbers[ObjectIdentifier(choice)] = Int32(choices.count - 1)
              return Int32(choices.count - 1)
            }()
          body.write(UInt8(0))
          body.write(number)
          body.write(optional)
        case .gap(let limit):
          body.write(UInt8(1))
          body.write(Int32(limit))
        case .group(let alternatives, let optional):
          body.write(UInt8(2))
          body.write(optional)
          body.write(UInt32(alternatives.count))
          for alternative in alternatives { writeSlots(alternative) }
        }
      }
    }
    body.write(UInt32(phrases.count))
    for phrase in phrases {
      body.write(phrase.source)
      body.write(phrase.anchoredToSentence)
      body.write(phrase.serial)
      writeSlots(phrase.slots)
    }
    writer.write(UInt32(choices.count))
    for choice in choices { encodeChoice(choice, into: &writer) }
    writer.append(body.bytes)
  }

  static func decode(_ reader: inout ByteReader) throws -> [Phrase] {
    let choices = try reader.readList(elementSize: 13) { try decodeChoice(&$0) }
    func readSlots(_ reader: inout ByteReader, nested: Bool) throws -> [Phrase.Slot] {
      try reader.readList(elementSize: 2) { reader in
        switch try reader.read(UInt8.self) {
        case 0:
          let number = Int(try reader.read(Int32.self))
          guard choices.indices.contains(number) else { throw ByteReader.Malformed() }
          return .one(choices[number], optional: try reader.readBool())
        case 1:
          let limit = Int(try reader.read(Int32.self))
          guard (1...12).contains(limit) else { throw ByteReader.Malformed() }
          return .gap(limit)
        case 2 where !nested:
          let optional = try reader.readBool()
          let alternatives = try reader.readList(elementSize: 4) { try readSlots(&$0, nested: true) }
          return .group(alternatives, optional: optional)
        default:
          throw ByteReader.Malformed()
        }
      }
    }
    return try reader.readList(elementSize: 9) { reader in
      let source = try reader.readString()
      let anchored = try reader.readBool()
      let serial = try reader.read(Int32.self)
      return Phrase(
        decoded: source, anchoredToSentence: anchored, slots: try readSlots(&reader, nested: false), serial: serial)
    }
  }

  private static func encodeChoice(_ choice: WordChoice, into writer: inout ByteWriter) {
    writer.write(UInt32(choice.alternatives.count))
    for alternative in choice.alternatives {
      switch alternative {
      case .word(let word, let id):
        writer.write(UInt8(0))
        writer.write(word)
        writer.write(Int32(id))
      case .prefix(let stem, let folded):
        writer.write(UInt8(1))
        writer.write(stem)
        writer.write(folded != nil)
        if let folded { writer.write(folded) }
      case .wordClass(let wordClass):
        writer.write(UInt8(2))
        writer.write(wordClass.rawValue)
      }
    }
    writer.write(choice.wordIDs)
    writer.write(choice.stemIDs)
    writer.write(choice.classMask)
  }

  private static func decodeChoice(_ reader: inout ByteReader) throws -> WordChoice {
    let alternatives: [Phrase.Alternative] = try reader.readList(elementSize: 5) { reader in
      switch try reader.read(UInt8.self) {
      case 0:
        let word = try reader.readString()
        return .word(word, id: Int(try reader.read(Int32.self)))
      case 1:
        let stem = try reader.readString()
        return .prefix(stem, folded: try reader.readBool() ? try reader.readString() : nil)
      case 2:
        guard let wordClass = Phrase.WordClass(rawValue: try reader.readString()) else { throw ByteReader.Malformed() }
        return .wordClass(wordClass)
      default:
        throw ByteReader.Malformed()
      }
    }
    let wordIDs = try reader.readArray(of: Int32.self)
    let stemIDs = try reader.readArray(of: Int32.self)
    let classMask = try reader.read(UInt8.self)
    guard wordIDs.allSatisfy({ $0 >= 0 }), stemIDs.allSatisfy({ $0 >= 0 }) else { throw ByteReader.Malformed() }
    return WordChoice(decoded: alternatives, wordIDs: wordIDs, stemIDs: stemIDs, classMask: classMask)
  }
}
