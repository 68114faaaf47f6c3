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
      return decoded.schema == scanned.schema && decoded.kind == scanned.kind && decoded.eventName == scanned.eventName
        && decoded.attempt == scanned.attempt && decoded.day == scanned.day
        && decoded.scenario?.string(in: buffer) == scanned.scenario?.string(in: buffer)
        && decoded.mode?.string(in: buffer) == scanned.mode?.string(in: buffer) && decoded.turn == scanned.turn
        && decoded.beat?.string(in: buffer) == scanned.beat?.string(in: buffer)
        && decoded.reply?.string(in: buffer) == scanned.reply?.string(in: buffer)
        && decoded.score == scanned.score && decoded.verdicts == scanned.verdicts && decoded.retry == scanned.retry
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
  ])
  func readsLikeTheDecoder(_ line: String) {
    #expect(same(line), "\(line)")
  }

  @Test func agreesOnEveryLineOfASimulatedLog() throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = DataDirectory(root: folder)
    _ = try Simulator(scenarios: Fixtures.scenarios.scenarios, scorer: Fixtures.scorer, options: .init(users: 2, attempts: 4, seed: 11)).run(into: data)
    var lines = 0
    for user in data.users() {
      let text = try String(contentsOf: data.userFolder(try UserName(user)).appendingPathComponent("attempts.jsonl"), encoding: .utf8)
      for line in text.split(separator: "\n") {
        lines += 1
        #expect(same(String(line)), "\(line.prefix(120))")
        #expect(scans(line))
      }
    }
    #expect(lines > 10)
  }
}
