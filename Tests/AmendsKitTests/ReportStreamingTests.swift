import Foundation
import Testing

@testable import AmendsKit

/// The pieces a report streams a thousand logs through: each must give what the plain way
/// (a dictionary, JSONEncoder, reading users one by one) gives.
@Suite struct ReportStreamingTests {
  @Test func theOrderedPipelineHandsOnEveryResultInIndexOrder() {
    for (count, window) in [(0, 4), (1, 4), (7, 1), (100, 3), (250, 64)] {
      var seen: [Int] = []
      OrderedPipeline.run(count: count, window: window) { index -> Int in
        // Uneven work, so later indexes often finish first.
        if index % 3 == 0 { usleep(200) }
        return index * 10
      } consume: {
        seen.append($0)
      }
      #expect(seen == (0..<count).map { $0 * 10 }, "count \(count), window \(window)")
    }
  }

  @Test func prettyJSONIsLaidOutAsJSONEncoderLaysItOut() throws {
    struct Point: Encodable { var count: Int; var mean: Double?; var week: String }
    struct Document: Encodable {
      var zeta: String, alpha: Int, nothing: Int?, shares: [Double], empty: [Int], points: [Point], path: String
      func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(zeta, forKey: .zeta)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(nothing, forKey: .nothing)
        try c.encode(shares, forKey: .shares)
        try c.encode(empty, forKey: .empty)
        try c.encode(points, forKey: .points)
        try c.encode(path, forKey: .path)
      }
      enum CodingKeys: String, CodingKey { case zeta, alpha, nothing, shares, empty, points, path }
    }
    let document = Document(
      zeta: "I’m “sorry” \\ \"quoted\"\n\u{1B}[2J😀", alpha: -3, nothing: nil,
      shares: [80, 0.5, 0.1, 1e-5, 12.34, -0.25, 1e21], empty: [],
      points: [Point(count: 1, mean: nil, week: "2026-01-05"), Point(count: 2, mean: 3.5, week: "x")], path: "a/b")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(document), as: UTF8.self)
    let written = PrettyJSON.object([
      ("zeta", .string(document.zeta)), ("alpha", .int(-3)), ("nothing", .optional(nil as Int?)),
      ("shares", .array(document.shares.map(PrettyJSON.double))), ("empty", .array([])),
      (
        "points",
        .array([
          .object([("week", .string("2026-01-05")), ("count", .int(1))]),
          .object([("mean", .double(3.5)), ("week", .string("x")), ("count", .int(2))]),
        ])
      ),
      ("path", .string("a/b")),
    ]).text
    #expect(written == expected)
  }

  @Test func prettyJSONEscapesWhatATerminalWouldActOn() throws {
    let text = PrettyJSON.array([.string("bell\u{07} del\u{7F} csi\u{9B}"), .double(.nan)]).text
    #expect(text.contains(#""bell\u0007 del\u007f csi\u009b""#))
    #expect(text.contains("null"))
    #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [Any])
  }

  @Test func beatSlotsNumberEachScenarioAndIdOnce() {
    var slots = BeatSlots()
    func slot(_ scenario: Int, _ id: String) -> (slot: Int, isNew: Bool) {
      var id = id
      return id.withUTF8 { slots.slot(scenario: scenario, id: $0) }
    }
    // Enough ids to make the table grow several times.
    var first: [String: Int] = [:]
    for scenario in 0..<5 {
      for beat in 0..<40 {
        let (number, isNew) = slot(scenario, "beat-\(beat)-of-a-longer-name")
        #expect(isNew)
        first["\(scenario)/\(beat)"] = number
      }
    }
    #expect(slots.count == 200)
    #expect(Set(first.values).count == 200)
    for scenario in 0..<5 {
      for beat in 0..<40 {
        let (number, isNew) = slot(scenario, "beat-\(beat)-of-a-longer-name")
        #expect(!isNew && number == first["\(scenario)/\(beat)"])
      }
    }
    #expect(slot(0, "").isNew && !slot(0, "").isNew)
  }

  @Test func aWeeklySeriesIsTheSameHoweverItsValuesArrive() {
    let values: [(Double, Int)] = [(1, 10), (0, 3), (1, 10), (1, 7), (0, 10), (1, 3), (1, 1), (0, 22)]
    var inOrder = WeeklySeries()
    for (value, week) in values.sorted(by: { $0.1 < $1.1 }) { inOrder.add(value, week: week) }
    var shuffled = WeeklySeries()
    for (value, week) in values { shuffled.add(value, week: week) }
    var halves = WeeklySeries(), rest = WeeklySeries()
    for (k, (value, week)) in values.enumerated() {
      if k % 2 == 0 { halves.add(value, week: week) } else { rest.add(value, week: week) }
    }
    halves.add(rest)
    #expect(shuffled == inOrder && halves == inOrder)
    #expect(inOrder.points.map(\.count) == [1, 2, 1, 3, 1])
    #expect(inOrder.points.map(\.mean) == [1, 0.5, 1, 2.0 / 3, 0])
    #expect(inOrder.slopePer30Days == shuffled.slopePer30Days)
  }

  @Test func packedVerdictsHoldEveryPrincipleAndCode() {
    var verdicts = TurnVerdicts()
    for index in Rubric.principleIds.indices { verdicts[index] = Verdict.allCases[index % Verdict.allCases.count] }
    for index in Rubric.principleIds.indices {
      #expect(verdicts[index] == Verdict.allCases[index % Verdict.allCases.count])
    }
    var visited: [Int] = []
    verdicts.forEachCode { index, code in
      visited.append(index)
      #expect(code == Int(TurnVerdicts.code(Verdict.allCases[index % Verdict.allCases.count])))
    }
    #expect(visited == Array(Rubric.principleIds.indices))
    verdicts[3] = nil
    #expect(verdicts[3] == nil && verdicts[4] != nil)
  }
}
