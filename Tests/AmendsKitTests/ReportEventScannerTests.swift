import Foundation
import Testing

@testable import AmendsKit

/// The report's byte scanner must read every line exactly as JSONDecoder does, and refuse what
/// it cannot read, so the decoder can give the verdict.
@Suite struct ReportEventScannerTests {
  func same(_ line: String) -> Bool {
    let bytes = Array(line.utf8)
    let decoded = (try? JSONDecoder().decode(ReportEvent.self, from: Data(bytes))).map(ReportLine.init)
    return bytes.withUnsafeBufferPointer { buffer in
      let scanned = ReportEventScanner.scan(buffer)
      guard let decoded, let scanned else { return decoded == nil && scanned == nil }
      return decoded.sameFields(as: scanned, in: buffer)
    }
  }

  func scans(_ line: Substring) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer { ReportEventScanner.scan($0) != nil }
  }

  @Test(arguments: [
    #"{"schema":1,"event":"attempt-started","attempt":3,"at":"2026-12-02T10:00:00Z","scenario":"late-refund","mode":"practice","rubric_version":"1"}"#,
    #"{"at":"2026-12-02T10:00:00Z","attempt":1,"band":"good","beat":"b","event":"turn-scored","evidence":{"apology":[{"end":9,"start":0,"text":"I'm \"sorry\""}]},"reply":"I\u2019m sorry \ud83d\ude00 \u001b[2J\n\"ok\"\/","retry":true,"schema":1,"score":72,"state":{"beat":null,"memory":{"commitments":[],"tallies":{"a":1},"turns":1},"mood":"calm"},"turn":1,"verdicts":{"apology":"met","spin":"avoided","flippancy":"not-applicable"}}"#,
    #"  { "schema" : 1 , "event" : "turn-skipped" , "attempt" : 2 , "at" : "x" , "turn" : null , "score" : -3 , "retry" : false }  "#,
    #"{"schema":1,"event":"attempt-finished","attempt":1,"at":"x","score":1.5}"#,
    #"{"schema":1,"event":"attempt-finished","attempt":1,"at":"x","score":"7"}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","verdicts":{"apology":"great"}}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x"} trailing"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","#,
    #"not json"#,
    #"{"schema":1,"event":"e","attempt":99999999999999999999,"at":"x"}"#,
    #"{"schema":1,"event":"e","attempt":1,"at":"x","extra":[1,2.5e3,{"k":[true,false,null]}]}"#,
    // A repeated key keeps its first value, and a repeat is never decoded (found by fuzzing).
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"2026-01-02","at":"2027-03-04","beat":null,"beat":"b","score":3,"score":"x"}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","verdicts":{"apology":"met","apology":5,"zz":"met","zz":[1],"spin":"avoided"}}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","verdicts":{"zz":"great"}}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","turn":01}"#,
    #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","turn":-0,"score":0}"#,
  ])
  func readsLikeTheDecoder(_ line: String) {
    #expect(same(line), "\(line)")
  }

  /// The decoder is lenient with values it skips (leading zeros, a bare minus, a trailing comma,
  /// an unknown escape); the scanner refuses them, and the report then asks the decoder.
  @Test(arguments: [#""n":01"#, #""n":-"#, #""n":1."#, #""n":[1,]"#, #""n":"\x""#])
  func refusesWhatOnlyTheLenientDecoderReads(_ field: String) {
    let line = #"{"schema":1,"event":"turn-scored","attempt":1,"at":"x","# + field + "}"
    let bytes = Array(line.utf8)
    #expect((try? JSONDecoder().decode(ReportEvent.self, from: Data(bytes))) != nil)
    #expect(!scans(line[...]))
  }

  @Test func agreesOnEveryLineOfASimulatedLog() throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = DataDirectory(root: folder)
    _ = try Simulator(
      scenarios: Fixtures.scenarios.scenarios, scorer: Fixtures.scorer, options: .init(users: 2, attempts: 4, seed: 11)
    ).run(into: data)
    var lines = 0
    for user in data.users() {
      let text = try String(
        contentsOf: data.userFolder(try UserName(user)).appendingPathComponent("attempts.jsonl"), encoding: .utf8)
      for line in text.split(separator: "\n") {
        lines += 1
        #expect(same(String(line)), "\(line.prefix(120))")
        #expect(scans(line))
      }
    }
    #expect(lines > 10)
  }
}

/// JSONDecoder requires UTF-8 of the strings it decodes and not of those it skips; the scanner
/// must refuse exactly the former, or a report would count lines other tools reject.
@Suite struct ReportEventScannerUTF8Tests {
  func readings(_ bytes: [UInt8]) -> (scanned: Bool, decoded: Bool, same: Bool) {
    let decoded = (try? JSONDecoder().decode(ReportEvent.self, from: Data(bytes))).map(ReportLine.init)
    return bytes.withUnsafeBufferPointer { buffer in
      let scanned = ReportEventScanner.scan(buffer)
      let same = decoded.flatMap { d in scanned.map { d.sameFields(as: $0, in: buffer) } } ?? false
      return (scanned != nil, decoded != nil, same)
    }
  }

  func line(reply: [UInt8] = Array("ok".utf8), state: [UInt8] = Array("calm".utf8)) -> [UInt8] {
    Array(#"{"at":"2026-12-02T10:00:00Z","attempt":1,"event":"turn-scored","reply":""#.utf8) + reply
      + Array(#"","schema":1,"state":{"mood":""#.utf8) + state + Array(#""},"turn":1}"#.utf8)
  }

  @Test func invalidUTF8InAReplyIsRefusedByBoth() {
    let r = readings(line(reply: [0x49, 0xFF, 0x6D]))
    #expect(!r.scanned && !r.decoded)
  }

  @Test func aSurrogateOrOverlongInAReplyIsRefusedByBoth() {
    #expect(readings(line(reply: [0xED, 0xA0, 0x80])) == (false, false, false))
    #expect(readings(line(reply: [0xC0, 0xAF])) == (false, false, false))
  }

  @Test func validUTF8InAReplyIsReadTheSameByBoth() {
    let r = readings(line(reply: Array("I’m sorry, Zoë 😀".utf8)))
    #expect(r.scanned && r.decoded && r.same)
  }

  @Test func invalidUTF8InASkippedValueIsReadByBoth() {
    let r = readings(line(state: [0xFF, 0xFE]))
    #expect(r.scanned == r.decoded)
    if r.scanned { #expect(r.same) }
  }
}

/// The report packs verdicts into fixed room; a rubric that outgrows it is refused at load
/// with a sentence, never a trap in the middle of a report.
@Suite struct VerdictCapacityTests {
  @Test func theBundledRubricFits() {
    #expect(TurnVerdicts.limitProblem(for: Rubric.principleIds) == nil)
  }

  @Test func aRubricWithMorePrinciplesThanTheRoomIsNamed() throws {
    let ids = (1...(TurnVerdicts.capacity + 1)).map { "principle-\($0)" }
    let problem = try #require(TurnVerdicts.limitProblem(for: ids))
    #expect(problem.contains("33 principles") && problem.contains("at most 32"))
  }

  @Test func idsThatCrowdOneBucketAreNamed() {
    // Same length, first and last letter: one bucket.
    let ids = ["aaxa", "abxa", "acxa", "adxa", "aexa"]
    #expect(TurnVerdicts.limitProblem(for: ids)?.contains("share a bucket") == true)
  }
}
