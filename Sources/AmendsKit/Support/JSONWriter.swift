/// Writes compact JSON with keys in the order they are given (Foundation's encoder on Linux
/// orders them by hash). Strings are escaped as RFC 8259 requires: quotes, backslashes and
/// every control character.
final class JSONWriter {
  private(set) var text = ""
  private var needsComma = [false]

  func object(_ body: () -> Void) {
    separate()
    text += "{"
    needsComma.append(false)
    body()
    needsComma.removeLast()
    text += "}"
  }

  func array<Element>(_ elements: [Element], _ body: (Element) -> Void) {
    separate()
    text += "["
    needsComma.append(false)
    for element in elements { body(element) }
    needsComma.removeLast()
    text += "]"
  }

  /// A key inside an object; `value` writes exactly one value.
  func field(_ key: String, _ value: () -> Void) {
    separate()
    text += JSONWriter.quoted(key) + ":"
    needsComma[needsComma.count - 1] = false
    value()
    needsComma[needsComma.count - 1] = true
  }

  func string(_ value: String) {
    separate()
    text += JSONWriter.quoted(value)
  }

  func number(_ value: Int) {
    separate()
    text += String(value)
  }

  /// A number rounded to four places, or null.
  func number(_ value: Double?) {
    separate()
    guard let value, value.isFinite else { text += "null"; return }
    text += String(format: "%.4f", value)
  }

  private func separate() {
    if needsComma[needsComma.count - 1] { text += "," }
    needsComma[needsComma.count - 1] = true
  }

  static func quoted(_ value: String) -> String {
    var out = "\""
    out.reserveCapacity(value.utf8.count + 2)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
