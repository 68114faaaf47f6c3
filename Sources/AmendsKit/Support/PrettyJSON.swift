/// A JSON value, laid out as Foundation's `JSONEncoder` lays it out with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (two-space indent, `"key" : value`, keys in
/// byte order, whole doubles without `.0`, empty containers on two lines), for documents big
/// enough that the encoder's generic machinery shows: a report on a thousand trainees spent
/// more time encoding its JSON than reading a hundred of their logs.
enum PrettyJSON {
  case null
  case int(Int)
  case double(Double)
  case string(String)
  case array([PrettyJSON])
  /// Fields in any order; they are written sorted by key.
  case object([(String, PrettyJSON)])

  static func optional(_ value: Int?) -> PrettyJSON { value.map(PrettyJSON.int) ?? .null }
  static func optional(_ value: Double?) -> PrettyJSON { value.map(PrettyJSON.double) ?? .null }
  static func optional(_ value: String?) -> PrettyJSON { value.map(PrettyJSON.string) ?? .null }
  static func strings(_ values: [String]) -> PrettyJSON { .array(values.map(PrettyJSON.string)) }

  /// The document's text, without a final newline (as the encoder gives it).
  var text: String {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(into: &out, indent: 0)
    return String(decoding: out, as: UTF8.self)
  }

  private func write(into out: inout [UInt8], indent: Int) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case let .int(value): out.append(contentsOf: String(value).utf8)
    case let .double(value): Self.write(value, into: &out)
    case let .string(value): Self.write(value, into: &out)
    case let .array(values):
      out.append(UInt8(ascii: "["))
      out.append(0x0A)
      for (k, value) in values.enumerated() {
        if k > 0 { out.append(contentsOf: ",\n".utf8) }
        Self.pad(&out, indent + 2)
        value.write(into: &out, indent: indent + 2)
      }
      out.append(0x0A)
      Self.pad(&out, indent)
      out.append(UInt8(ascii: "]"))
    case let .object(fields):
      out.append(UInt8(ascii: "{"))
      out.append(0x0A)
      let sorted = fields.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
      for (k, field) in sorted.enumerated() {
        if k > 0 { out.append(contentsOf: ",\n".utf8) }
        Self.pad(&out, indent + 2)
        Self.write(field.0, into: &out)
        out.append(contentsOf: " : ".utf8)
        field.1.write(into: &out, indent: indent + 2)
      }
      out.append(0x0A)
      Self.pad(&out, indent)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func pad(_ out: inout [UInt8], _ count: Int) {
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
  }

  /// As the encoder writes a finite double: its shortest description, a whole number without
  /// `.0`. The encoder refuses infinities and NaN, which JSON cannot spell; they are written as
  /// null (the report never holds one: its means and slopes guard their divisions).
  private static func write(_ value: Double, into out: inout [UInt8]) {
    guard value.isFinite else { return out.append(contentsOf: "null".utf8) }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    out.append(contentsOf: text.utf8)
  }

  /// Escaped as `JSONWriter` escapes: quotes, backslashes and every control character, DEL and
  /// the C1 controls included (a terminal acts on them, and a report quotes what trainees typed).
  private static func write(_ value: String, into out: inout [UInt8]) {
    out.append(contentsOf: JSONWriter.quoted(value).utf8)
  }
}
