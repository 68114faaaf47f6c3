/// Breaks text into lines no wider than `width` columns, at spaces. A word wider than a whole
/// line is the only thing ever broken inside, at a character boundary.
struct LineWrapper {
  let width: Int

  /// Wraps each paragraph (line) of `text`, every output line starting with `prefix`.
  func wrap(_ text: String, indent prefix: String = "") -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { wrapLine(Substring($0), first: prefix, rest: prefix) }
      .joined(separator: "\n")
  }

  /// Leaves lines that fit alone; wraps the others with a hanging indent.
  func fit(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      guard TextWidth.columns(line) > width else { return String(line) }
      // A painted line ("\e[32m  ✓ avoided: …") has its indent inside the colour: take the
      // spaces out in front, where they show the same, so the indent is kept when it wraps.
      let (escapes, afterEscapes) = Self.leadingEscapes(line)
      let leading = afterEscapes.prefix { $0 == " " }
      let body = escapes + afterEscapes.dropFirst(leading.count)
      // After a bullet or mark ("✓ ", "- ", "! "), continuation lines line up with the text.
      var hanging = String(leading)
      let visible = afterEscapes.dropFirst(leading.count)
      if let first = visible.first, !first.isLetter, !first.isNumber, visible.dropFirst().first == " " {
        hanging += "  "
      }
      return wrapLine(Substring(body), first: String(leading), rest: hanging)
    }.joined(separator: "\n")
  }

  /// The colour escapes a line opens with, and the rest.
  static func leadingEscapes(_ line: Substring) -> (String, Substring) {
    var rest = line
    var escapes = ""
    while rest.first == "\u{1B}", let end = rest.dropFirst().firstIndex(where: { $0 != "[" && $0.isLetter }) {
      escapes += rest[...end]
      rest = rest[rest.index(after: end)...]
    }
    return (escapes, rest)
  }

  private func wrapLine(_ paragraph: Substring, first: String, rest: String) -> String {
    var lines: [String] = []
    var line = first
    var indent = TextWidth.columns(first)
    var used = indent
    for (gap, word) in Self.words(paragraph) {
      var word = word
      var length = TextWidth.columns(word)
      if used > indent && used + gap + length > width {
        lines.append(line)
        line = rest
        indent = TextWidth.columns(rest)
        used = indent
      }
      // A word longer than a line on its own (a URL, a run of letters) is cut where it must be.
      while used + length > width && length > 1 && used == indent {
        let (head, tail, headColumns) = split(word, columns: width - used)
        guard !head.isEmpty else { break }
        lines.append(line + head)
        line = rest
        indent = TextWidth.columns(rest)
        used = indent
        word = tail
        // Not measured again: a 200,000-letter word would be measured once a line.
        length = max(0, length - headColumns)
      }
      if used > indent {
        // The spaces between words stay as they were (table columns keep their alignment).
        line += String(repeating: " ", count: gap)
        used += gap
      }
      line += word
      used += length
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// The words of a line, each with the number of spaces before it (at least one between words).
  static func words(_ text: Substring) -> [(gap: Int, word: Substring)] {
    var out: [(Int, Substring)] = []
    var index = text.startIndex
    while index < text.endIndex {
      var gap = 0
      while index < text.endIndex, text[index] == " " { gap += 1; index = text.index(after: index) }
      guard index < text.endIndex else { break }
      let start = index
      while index < text.endIndex, text[index] != " " { index = text.index(after: index) }
      out.append((max(1, gap), text[start..<index]))
    }
    return out
  }

  /// The longest head of `word` that fits `columns`, the rest, and the head's width; escapes
  /// are kept whole.
  private func split(_ word: Substring, columns: Int) -> (Substring, Substring, Int) {
    var used = 0
    var end = word.startIndex
    var index = word.startIndex
    while index < word.endIndex {
      let next = word.index(after: index)
      let w = TextWidth.columns(word[index..<next])
      if used + w > columns { break }
      used += w
      index = next
      end = next
    }
    return (word[..<end], word[end...], used)
  }
}
