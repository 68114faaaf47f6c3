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
  /// Feature name → its non-zero weights, as (column, weight).
  let weights: [String: [(Int, Double)]]

  init(rubricVersion: String, principles: [String], bias: [Double], add: [Double], keep: [Double], weights: [String: [(Int, Double)]]) {
    self.rubricVersion = rubricVersion
    self.principles = principles
    self.bias = bias
    self.add = add
    self.keep = keep
    self.weights = weights
  }

  public struct LoadError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Reads the model; any problem is an error naming the file and line, never a silent
  /// fall-back to the phrase rubric alone.
  public static func load(from url: URL, rubricVersion expected: String) throws -> LearnedModel {
    let path = displayPath(url)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw LoadError(description: "\(path): cannot read the trained layer's weights (run `make model` to train them)")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw LoadError(description: "\(path): the weights file is not UTF-8 text")
    }
    var fields: [String: [Substring]] = [:]
    var weights: [String: [(Int, Double)]] = [:]
    var lineNumber = 0
    func fail(_ message: String) -> LoadError { LoadError(description: "\(path):\(lineNumber): \(message)") }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.isEmpty || line.hasPrefix("#") { continue }
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard let key = parts.first else { continue }
      if key == "feature" {
        guard parts.count >= 3, !parts[1].isEmpty else { throw fail("a feature line needs a name and weights") }
        var row: [(Int, Double)] = []
        for cell in parts[2].split(separator: " ") {
          let pair = cell.split(separator: ":")
          guard pair.count == 2, let column = Int(pair[0]), let weight = Double(pair[1]), weight.isFinite else {
            throw fail("bad weight '\(cell)' (column:weight expected)")
          }
          row.append((column, weight))
        }
        weights[String(parts[1])] = row
      } else {
        fields[String(key)] = parts.dropFirst().flatMap { $0.split(separator: " ") }
      }
    }
    lineNumber = 0
    guard let format = fields["format"]?.first.flatMap({ Int($0) }) else { throw LoadError(description: "\(path): no 'format' line: not a weights file") }
    guard format <= formatVersion else { throw LoadError(description: "\(path): weights format \(format) is newer than this amends reads (\(formatVersion))") }
    guard let version = fields["rubric-version"]?.first.map(String.init) else { throw LoadError(description: "\(path): no 'rubric-version' line") }
    guard version == expected else {
      throw LoadError(description: "\(path): the weights were trained for rubric version \(version), but the rubric is version \(expected); retrain with `make model`")
    }
    let principles = (fields["principles"] ?? []).map(String.init)
    guard !principles.isEmpty, Set(principles).isSubset(of: Rubric.principleIds) else {
      throw LoadError(description: "\(path): the 'principles' line must list principle ids of PRINCIPLES.md")
    }
    func numbers(_ key: String) throws -> [Double] {
      let values = (fields[key] ?? []).compactMap { Double($0) }
      guard values.count == principles.count, values.allSatisfy(\.isFinite) else {
        throw LoadError(description: "\(path): the '\(key)' line needs \(principles.count) numbers, one per principle")
      }
      return values
    }
    let model = LearnedModel(
      rubricVersion: version, principles: principles, bias: try numbers("bias"), add: try numbers("add"), keep: try numbers("keep"),
      weights: weights)
    if let bad = weights.first(where: { $0.value.contains { $0.0 < 0 || $0.0 >= principles.count } }) {
      throw LoadError(description: "\(path): feature '\(bad.key)' has a weight for column past the \(principles.count) principles")
    }
    return model
  }

  /// Each principle's probability for these features, in the order of `principles`.
  func probabilities(_ features: ReplyFeatures) -> [Double] {
    var sums = bias
    for name in features.names {
      guard let row = weights[name] else { continue }
      for (column, weight) in row { sums[column] += weight }
    }
    return sums.map { 1 / (1 + exp(-$0)) }
  }

  /// The decision for column `column`: a rubric hit stands unless the model all but rules it
  /// out; a miss becomes a hit when the model is confident enough.
  func decide(_ column: Int, ruleHit: Bool, probability: Double) -> Bool {
    ruleHit ? probability >= keep[column] : probability >= add[column]
  }

  /// The features of this reply that pushed column `column` up (or down, with `positive:
  /// false`) the most, strongest first, with the places they stand.
  func contributions(_ features: ReplyFeatures, column: Int, positive: Bool = true, limit: Int = 3) -> [(name: String, weight: Double, span: Range<Int>)] {
    var found: [(String, Double, Range<Int>)] = []
    for (name, span) in features.spans {
      guard let weight = weights[name]?.first(where: { $0.0 == column })?.1 else { continue }
      if positive ? weight > 0 : weight < 0 { found.append((name, weight, span)) }
    }
    found.sort { abs($0.1) == abs($1.1) ? $0.0 < $1.0 : abs($0.1) > abs($1.1) }
    return Array(found.prefix(limit)).map { (name: $0.0, weight: $0.1, span: $0.2) }
  }

  public func column(of principle: String) -> Int? { principles.firstIndex(of: principle) }
  public func threshold(_ column: Int) -> (add: Double, keep: Double) { (add[column], keep[column]) }
}
