import Foundation
import Testing

@testable import AmendsKit

/// The log line is written by `LogEvent` and `Review`, read by them, by the report's
/// `ReportEvent` and its byte scanner, and described by docs/log-format.schema.json. The keys
/// are taken from the writers' types here, so none of the four can drift from the others.
@Suite struct LogSchemaTests {
  let schema: [String: Any]

  init() throws {
    let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("docs/log-format.schema.json"))
    schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func properties(_ definitions: [String]) throws -> Set<String> {
    let defs = try #require(schema["$defs"] as? [String: Any])
    var keys: Set<String> = []
    for name in definitions {
      let definition = try #require(defs[name] as? [String: Any], "no $defs/\(name)")
      keys.formUnion(try #require(definition["properties"] as? [String: Any]).keys)
    }
    return keys
  }

  var writerKeys: Set<String> { Set(LogEvent.CodingKeys.allCases.map(\.rawValue)) }

  @Test func theSchemaDescribesEveryKeyTheLogWriterHasAndNoOther() throws {
    let described = try properties([
      "attemptStarted", "turnScored", "turnSkipped", "attemptFinished", "attemptAbandoned",
    ])
    #expect(
      described.subtracting(writerKeys).isEmpty,
      "described but never written: \(described.subtracting(writerKeys).sorted())")
    #expect(
      writerKeys.subtracting(described).isEmpty,
      "written but not described: \(writerKeys.subtracting(described).sorted())")
  }

  @Test func theSchemaDescribesEveryKeyOfAReview() throws {
    let review = Review(reviewer: "kim", attempt: 1, turn: 2, note: "n", override: 80, reason: "r")
    let encoded = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(review)) as? [String: Any])
    #expect(Set(encoded.keys) == (try properties(["review"])))
  }

  @Test func theReportReadsOnlyKeysTheWriterWrites() {
    let decoded = Set(ReportEvent.CodingKeys.allCases.map(\.rawValue))
    #expect(decoded.isSubset(of: writerKeys), "\(decoded.subtracting(writerKeys).sorted())")
    let scanned = Set(ReportKey.allCases.map { "\($0)" })
    #expect(scanned == decoded, "the byte scanner and the decoder read the same fields")
    for key in ReportKey.allCases {
      let name = Array("\(key)".utf8)
      #expect(name.withUnsafeBufferPointer { ReportKey($0.baseAddress!, $0.count) } == key, "the scanner spells \(key)")
    }
  }

  @Test func everyEventKindIsInTheSchema() throws {
    let defs = try #require(schema["$defs"] as? [String: Any])
    var names: Set<String> = []
    for name in ["attemptStarted", "turnScored", "turnSkipped", "attemptFinished", "attemptAbandoned"] {
      let definition = try #require(defs[name] as? [String: Any])
      let event = try #require((definition["properties"] as? [String: Any])?["event"] as? [String: Any])
      if let constant = event["const"] as? String { names.insert(constant) }
    }
    #expect(names == Set(LogEvent.Kind.allCases.map(\.rawValue)))
  }
}
