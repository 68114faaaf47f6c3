import Foundation

/// The trained layer (`Scoring/model.tsv`): for every principle a logistic regression over
/// `ReplyFeatures`, trained on the corpus's dev split by `Tools/scoring/train.py`, and two
/// thresholds chosen there by cross-validation. A probability at or above `add` makes a
/// verdict the phrase rubric missed (a paraphrase); one below `keep` overrules a rubric hit the
/// model finds implausible. The rubric stays the explainable core: most verdicts are its
/// phrases, and a learned one shows the words that weighed most.
///
/// The file is plain text, one record a line, fields split by tabs:
///
///     format        1
///     rubric-version  1
///     principles    apology ownership …        (the order of the columns below)
///     bias          -2.1 -1.7 …
///     add           0.62 0.70 …                (probabilities; above 1 means never)
///     keep          0.05 0.00 …                (probabilities; 0 means a rubric hit always stands)
///     score         5 0.5 10                   (penalty per weight, near-miss credit, knee: `ScoreMap`)
///     feature       w:sorry   0:1.42 8:0.31    (principle index:weight, the rest are zero)
public final class LearnedModel: Sendable {
  public static let fileName = "model.tsv"
  public static let formatVersion = 1

  public let rubricVersion: String
  /// Principle ids in the order of the weight columns.
  public let principles: [String]
  let bias: [Double]
  let add: [Double]
  let keep: [Double]
  /// How verdicts become the score, fitted on dev (`ScoreMap`); nil when the file has none.
  public let scoreShape: ScoreShape?

  /// The score's three fitted numbers: the penalty per pitfall weight, the credit a near-missed
  /// move earns (times the model's probability), and the knee under which bad replies keep their
  /// order instead of all scoring 0.
  public struct ScoreShape: Sendable, Equatable {
    public var penaltyPerWeight: Double
    public var nearMiss: Double
    public var knee: Double
  }
  /// Feature name → its row; a row's non-zero weights are `columns[rowStart[r]..<rowStart[r + 1]]`
  /// with `values` beside them: flat arrays, so loading makes no array per feature.
  let rows: [String: Int32]
  /// Row → feature name.
  let names: [String]
  let rowStart: [Int32]
  let columns: [UInt8]
  let values: [Double]
  /// The word and phrase features with a weight, by numbers instead of names (`FeatureIndex`).
  let index: FeatureIndex
  /// The rows of the rubric's patterns (`pp:` features) by principle column and pattern serial,
  /// learnt as replies meet them.
  let patternRows = PatternRows()

  convenience init(
    rubricVersion: String, principles: [String], bias: [Double], add: [Double], keep: [Double], scoreShape: ScoreShape?,
    rows: [String: Int32], rowStart: [Int32], columns: [UInt8], values: [Double]
  ) {
    var names = [String](repeating: "", count: rowStart.count - 1)
    for (name, row) in rows { names[Int(row)] = name }
    self.init(
      rubricVersion: rubricVersion, principles: principles, bias: bias, add: add, keep: keep, scoreShape: scoreShape,
      rows: rows, names: names, rowStart: rowStart, columns: columns, values: values, index: FeatureIndex(rows: rows))
  }

  /// Every field given: the weights file's reader works out `names` and `index` from `rows`, the
  /// compiled cache (`CompiledCache`) reads them back.
  private init(
    rubricVersion: String, principles: [String], bias: [Double], add: [Double], keep: [Double], scoreShape: ScoreShape?,
    rows: [String: Int32], names: [String], rowStart: [Int32], columns: [UInt8], values: [Double], index: FeatureIndex
  ) {
    self.scoreShape = scoreShape
    self.rubricVersion = rubricVersion
    self.principles = principles
    self.bias = bias
    self.add = add
    self.keep = keep
    self.rows = rows
    self.rowStart = rowStart
    self.columns = columns
    self.values = values
    self.names = names
    self.index = index
  }

  /// Writes the model, as read and indexed, for the compiled cache.
  func encode(into writer: inout ByteWriter) {
    writer.write(rubricVersion)
    writer.write(principles)
    for numbers in [bias, add, keep] { writer.write(numbers.map(\.bitPattern)) }
    writer.write(scoreShape != nil)
    if let scoreShape {
      writer.write([scoreShape.penaltyPerWeight, scoreShape.nearMiss, scoreShape.knee].map(\.bitPattern))
    }
    writer.write(names)
    writer.write(rowStart)
    writer.write(columns)
    writer.write(values.map(\.bitPattern))
    index.encode(into: &writer)
  }

  /// Reads a model back for rubric version `expected` (nil for another version's), checking
  /// every row and column it will index.
  static func decode(_ reader: inout ByteReader, rubricVersion expected: String) throws -> LearnedModel? {
    let version = try reader.readString()
    let principles = try reader.readStrings()
    let bias = try reader.readArray(of: UInt64.self).map(Double.init(bitPattern:))
    let add = try reader.readArray(of: UInt64.self).map(Double.init(bitPattern:))
    let keep = try reader.readArray(of: UInt64.self).map(Double.init(bitPattern:))
    var shape: ScoreShape?
    if try reader.readBool() {
      let v = try reader.readArray(of: UInt64.self).map(Double.init(bitPattern:))
      guard v.count == 3 else { throw ByteReader.Malformed() }
      shape = ScoreShape(penaltyPerWeight: v[0], nearMiss: v[1], knee: v[2])
    }
    let names = try reader.readStrings()
    let rowStart = try reader.readArray(of: Int32.self)
    let columns = try reader.readArray(of: UInt8.self)
    let values = try reader.readArray(of: UInt64.self).map(Double.init(bitPattern:))
    let index = try FeatureIndex(decoding: &reader, rowCount: names.count)
    guard version == expected else { return nil }
    guard [bias.count, add.count, keep.count].allSatisfy({ $0 == principles.count }), rowStart.first == 0,
      rowStart.count == names.count + 1, zip(rowStart, rowStart.dropFirst()).allSatisfy({ $0 <= $1 }),
      rowStart.last.map(Int.init) == columns.count, values.count == columns.count,
      columns.allSatisfy({ Int($0) < principles.count }),
      (bias + add + keep + values).allSatisfy(\.isFinite),
      shape.map({ [$0.penaltyPerWeight, $0.nearMiss, $0.knee].allSatisfy(\.isFinite) }) ?? true
    else { throw ByteReader.Malformed() }
    var rows: [String: Int32] = Dictionary(minimumCapacity: names.count)
    for (row, name) in names.enumerated() { rows[name] = Int32(row) }
    return LearnedModel(
      rubricVersion: version, principles: principles, bias: bias, add: add, keep: keep, scoreShape: shape,
      rows: rows, names: names, rowStart: rowStart, columns: columns, values: values, index: index)
  }

  public struct LoadError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Reads the model; any problem is an error naming the file and line, never a silent
  /// fall-back to the phrase rubric alone. Read byte by byte: the file has tens of thousands of
  /// lines, and splitting it into strings cost more than all the scoring `amends check` does.
  public static func load(from url: URL, rubricVersion expected: String) throws -> LearnedModel {
    let path = displayPath(url)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw LoadError(description: "\(path): cannot read the trained layer's weights (run `make model` to train them)")
    }
    // The same bytes for the same rubric version were read before: the compiled cache has the
    // model, indexed (`CompiledCache`).
    let key = data.withUnsafeBytes { QuickHash.of($0, seed: QuickHash.of("trained layer for rubric " + expected)) }
    if let cached = CompiledCache.shared.load(key, { try decode(&$0, rubricVersion: expected) }) { return cached }
    let model = try read(data, path: path, rubricVersion: expected)
    CompiledCache.shared.remember(key) { model.encode(into: &$0) }
    return model
  }

  private static func read(_ data: Data, path: String, rubricVersion expected: String) throws -> LearnedModel {
    guard String(validating: data, as: UTF8.self) != nil else {
      throw LoadError(description: "\(path): the weights file is not UTF-8 text")
    }
    var bytes = [UInt8](data)
    bytes.append(0)  // strtod stops at the terminator at worst
    var header: [String: [String]] = [:]
    var rows: [String: Int32] = [:]
    var rowStart: [Int32] = [0]
    var columns: [UInt8] = []
    var values: [Double] = []
    rows.reserveCapacity(bytes.count / 60)
    var lineNumber = 0
    var lineStart = 0
    let end = bytes.count - 1
    let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), colon = UInt8(ascii: ":")
    let feature = Array("feature\t".utf8)
    try bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      while lineStart < end {
        lineNumber += 1
        var lineEnd = lineStart
        while lineEnd < end && buffer[lineEnd] != newline { lineEnd += 1 }
        defer { lineStart = lineEnd + 1 }
        if lineEnd == lineStart || buffer[lineStart] == UInt8(ascii: "#") { continue }
        func fail(_ message: String) -> LoadError { LoadError(description: "\(path):\(lineNumber): \(message)") }
        if lineEnd - lineStart > feature.count
          && zip(feature, buffer[lineStart..<(lineStart + feature.count)]).allSatisfy({ $0 == $1 })
        {
          var i = lineStart + feature.count
          let nameStart = i
          while i < lineEnd && buffer[i] != tab { i += 1 }
          guard i > nameStart, i < lineEnd else { throw fail("a feature line needs a name, a tab and its weights") }
          let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[nameStart..<i]), as: UTF8.self)
          i += 1
          while i < lineEnd {
            var column = 0
            let digits = i
            while i < lineEnd, buffer[i] >= 48, buffer[i] <= 57 { column = column * 10 + Int(buffer[i] - 48); i += 1 }
            guard i > digits, i < lineEnd, buffer[i] == colon, column < 256 else {
              throw fail("bad weight (column:weight expected)")
            }
            i += 1
            var stop: UnsafeMutablePointer<CChar>?
            let start = UnsafeMutableRawPointer(mutating: base + i).assumingMemoryBound(to: CChar.self)
            let weight = strtod(start, &stop)
            guard let stop, stop != start, weight.isFinite else {
              throw fail("bad weight (a number expected after the colon)")
            }
            i += stop - start
            columns.append(UInt8(column))
            values.append(weight)
            while i < lineEnd && buffer[i] == space { i += 1 }
          }
          rows[name] = Int32(rowStart.count - 1)
          rowStart.append(Int32(columns.count))
        } else {
          let line = String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd]), as: UTF8.self)
          let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
          guard let key = parts.first else { continue }
          header[String(key)] = parts.dropFirst().flatMap { $0.split(separator: " ") }.map(String.init)
        }
      }
    }
    guard let format = header["format"]?.first.flatMap({ Int($0) }) else {
      throw LoadError(description: "\(path): no 'format' line: not a weights file")
    }
    guard format <= formatVersion else {
      throw LoadError(
        description: "\(path): weights format \(format) is newer than this amends reads (\(formatVersion))")
    }
    guard let version = header["rubric-version"]?.first else {
      throw LoadError(description: "\(path): no 'rubric-version' line")
    }
    guard version == expected else {
      throw LoadError(
        description:
          "\(path): the weights were trained for rubric version \(version), but the rubric is version \(expected); retrain with `make model`"
      )
    }
    let principles = header["principles"] ?? []
    guard !principles.isEmpty, Set(principles).isSubset(of: Rubric.principleIds) else {
      throw LoadError(description: "\(path): the 'principles' line must list principle ids of PRINCIPLES.md")
    }
    func numbers(_ key: String) throws -> [Double] {
      let found = (header[key] ?? []).compactMap { Double($0) }
      guard found.count == principles.count, found.allSatisfy(\.isFinite) else {
        throw LoadError(description: "\(path): the '\(key)' line needs \(principles.count) numbers, one per principle")
      }
      return found
    }
    if let bad = columns.firstIndex(where: { Int($0) >= principles.count }) {
      let name =
        rows.first { Int(rowStart[Int($0.value)]) <= bad && bad < Int(rowStart[Int($0.value) + 1]) }?.key ?? "?"
      throw LoadError(
        description:
          "\(path): feature '\(name)' has a weight for column \(columns[bad]), past the \(principles.count) principles")
    }
    var shape: ScoreShape?
    if let fields = header["score"] {
      let v = fields.compactMap { Double($0) }
      guard v.count == 3, v.allSatisfy({ $0.isFinite && $0 >= 0 }), v[1] <= 1, v[2] < 100 else {
        throw LoadError(
          description:
            "\(path): the 'score' line needs three numbers: a penalty per weight, a near-miss credit (0 to 1) and a knee (0 to 100)"
        )
      }
      shape = ScoreShape(penaltyPerWeight: v[0], nearMiss: v[1], knee: v[2])
    }
    return LearnedModel(
      rubricVersion: version, principles: principles, bias: try numbers("bias"), add: try numbers("add"),
      keep: try numbers("keep"),
      scoreShape: shape, rows: rows, rowStart: rowStart, columns: columns, values: values)
  }

  /// Each principle's probability for these features, in the order of `principles`.
  func probabilities(_ features: ModelFeatures) -> [Double] {
    var sums = bias
    // In the file's order (`ModelFeatures` keeps rows sorted): the same reply gives the same
    // sums to the last bit.
    for row in features.rows {
      for k in Int(rowStart[Int(row)])..<Int(rowStart[Int(row) + 1]) { sums[Int(columns[k])] += values[k] }
    }
    return sums.map { 1 / (1 + exp(-$0)) }
  }

  /// Row `row`'s weight in column `column` (0 when it has none).
  func weight(row: Int32, column: Int) -> Double {
    for k in Int(rowStart[Int(row)])..<Int(rowStart[Int(row) + 1]) where Int(columns[k]) == column { return values[k] }
    return 0
  }

  /// The decision for column `column`: a rubric hit stands unless the model all but rules it
  /// out; a miss becomes a hit when the model is confident enough.
  func decide(_ column: Int, ruleHit: Bool, probability: Double) -> Bool {
    ruleHit ? probability >= keep[column] : probability >= add[column]
  }

  /// The features of this reply that pushed column `column` up (or down, with `positive:
  /// false`) the most, strongest first (equal weights by name), with the places they stand.
  func contributions(
    _ features: ModelFeatures, column: Int, positive: Bool = true, limit: Int = 3, withWordsOnly: Bool = false
  ) -> [(name: String, weight: Double, span: Range<Int>)] {
    var found: [(row: Int32, weight: Double, span: Range<Int>)] = []
    for (row, span) in zip(features.rows, features.spans) where !(withWordsOnly && span.isEmpty) {
      let weight = self.weight(row: row, column: column)
      if positive ? weight > 0 : weight < 0 { found.append((row, weight, span)) }
    }
    found.sort {
      abs($0.weight) == abs($1.weight) ? names[Int($0.row)] < names[Int($1.row)] : abs($0.weight) > abs($1.weight)
    }
    return found.prefix(limit).map { (name: names[Int($0.row)], weight: $0.weight, span: $0.span) }
  }

  public func column(of principle: String) -> Int? { principles.firstIndex(of: principle) }

  /// The rows of matched patterns: a pattern's feature name is spelt and looked up the first
  /// time a reply matches it, and found by number ever after.
  /// Unchecked Sendable: `rows` is read and written only under `lock`.
  final class PatternRows: @unchecked Sendable {
    private let lock = NSLock()
    private var rows = RowTable()

    /// The row of principle `column`'s pattern `serial` (-1 when the model gives it no weight).
    func row(column: Int, serial: Int32, orLookUp lookUp: () -> Int32) -> Int32 {
      let key = Int64(column) << 32 | Int64(serial)
      lock.lock()
      defer { lock.unlock() }
      if let row = rows[key] { return row }
      let row = lookUp()
      rows[key] = row
      return row
    }
  }
  public func threshold(_ column: Int) -> (add: Double, keep: Double) { (add[column], keep[column]) }
}
