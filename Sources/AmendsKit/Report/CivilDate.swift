import Foundation

/// A calendar day as `YYYY-MM-DD`, counted in days since 1970-01-01. Report filters and
/// weekly trend buckets use it instead of Foundation calendars: the log's timestamps are UTC
/// ISO 8601, so the first ten characters are the day, and day arithmetic needs no time zone.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Today, in UTC (the day a log's timestamps count in).
  public static func today() -> CivilDate {
    CivilDate(timestamp: Timestamp.format(Date())) ?? CivilDate(daysSinceEpoch: 0)
  }

  public let year: Int
  public let month: Int
  public let day: Int

  /// Parses exactly `YYYY-MM-DD` with a real month and day (no 2026-02-30); nil otherwise.
  public init?(_ text: Substring) {
    var text = text
    guard let date = text.withUTF8({ CivilDate(bytes: $0) }) else { return nil }
    self = date
  }

  /// The same from UTF-8 bytes, for readers that never make a string of them.
  init?(bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for k in range {
        let digit = bytes[k] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    guard (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else { return nil }
    (year, month, day) = (y, m, d)
  }

  public init?(_ text: String) { self.init(Substring(text)) }

  /// The day a log timestamp (`2026-03-04T09:15:00Z`) falls on.
  public init?(timestamp: String) { self.init(timestamp.prefix(10)) }

  /// The date `days` days after 1970-01-01 (Howard Hinnant's civil-from-days).
  public init(daysSinceEpoch days: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    (year, month, day) = (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Days since 1970-01-01 (days-from-civil).
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The Monday-based week this day falls in, as a number (1970-01-05 starts week 1).
  public var week: Int {
    let shifted = daysSinceEpoch + 3
    return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
  }

  /// The Monday that starts a week number.
  public static func monday(ofWeek week: Int) -> CivilDate { CivilDate(daysSinceEpoch: week * 7 - 3) }

  public var description: String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
