import Foundation

/// The ratchet (`Scoring/corpus/record.yaml`): the figures last reached on the sealed test and
/// the real set. A figure may not fall more than `tolerance` below its record; raising a
/// record is a deliberate commit.
public struct CalibrationRecord: Sendable, Equatable {
  /// set → metric (`macro-f1`, `spearman`, `pairwise`) → the recorded figure.
  public var figures: [CorpusSet: [String: Double]]
  public var tolerance: Double

  public static let metrics = ["macro-f1", "spearman", "pairwise"]

  public static func load(from url: URL) throws -> CalibrationRecord {
    let reader = YAMLReader(path: displayPath(url))
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw DiagnosticList([
        Diagnostic(path: reader.path, line: 1, column: 1, message: "cannot read the calibration record", code: "E000")
      ])
    }
    var figures: [CorpusSet: [String: Double]] = [:]
    var tolerance = 0.02
    if let text = reader.decode(data), let root = reader.parse(text),
      let top = reader.mapping(root, "record", allowed: CorpusSet.allCases.map(\.rawValue) + ["tolerance"])
    {
      tolerance = reader.double(top["tolerance"], "tolerance") ?? tolerance
      for set in CorpusSet.allCases {
        guard let entries = reader.mapping(top[set.rawValue], set.rawValue, allowed: metrics) else { continue }
        for (metric, node) in entries {
          figures[set, default: [:]][metric] = reader.double(node, "\(set.rawValue) \(metric)")
        }
      }
    }
    if reader.hasErrors { throw DiagnosticList(reader.diagnostics) }
    return CalibrationRecord(figures: figures, tolerance: tolerance)
  }

  /// The figure of `metric` in a measured set.
  public static func value(_ metric: String, of set: SetMeasurement) -> Double? {
    switch metric {
    case "macro-f1": return set.macroF1
    case "spearman": return set.spearman
    case "pairwise": return set.pairwise
    default: return nil
    }
  }

  /// Sentences for every recorded figure that fell more than the tolerance; empty when none.
  public func regressions(in sets: [SetMeasurement]) -> [String] {
    var problems: [String] = []
    for set in sets {
      for (metric, recorded) in (figures[set.set] ?? [:]).sorted(by: { $0.key < $1.key }) {
        guard let now = Self.value(metric, of: set) else {
          problems.append(
            "\(set.set.rawValue) \(metric) is recorded as \(String(format: "%.3f", recorded)) but cannot be measured now"
          )
          continue
        }
        if now < recorded - tolerance {
          problems.append(
            String(
              format: "%@ %@ fell to %.3f, more than %.2f below its record %.3f", set.set.rawValue, metric, now,
              tolerance, recorded))
        }
      }
    }
    return problems
  }
}
