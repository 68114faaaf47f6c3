import Foundation

/// Makes a simulated trainee's reply to a beat out of that scenario's own words: the beat's
/// sample replies (strong, fair and weak) whole, or a strong one with a sentence of a weaker
/// one worked in. Nothing comes from another scenario, so a hotel guest is never told the
/// courier lost her parcel.
enum ReplyComposer {
  static func compose(for beat: Beat, in scenario: Scenario, quality: Double, rng: inout SplitMix64) -> String {
    var strong = beat.samples.filter(\.isStrong).map(\.reply)
    var weaker = beat.samples.filter { !$0.isStrong }.map(\.reply)
    if strong.isEmpty && weaker.isEmpty {
      // A beat without samples borrows from its scenario's other beats of the same kind.
      let kin = scenario.beats.filter { $0.kind == beat.kind }.flatMap(\.samples)
      strong = kin.filter(\.isStrong).map(\.reply)
      weaker = kin.filter { !$0.isStrong }.map(\.reply)
    }
    if strong.isEmpty { strong = weaker }
    if weaker.isEmpty { weaker = strong }
    guard let best = rng.pick(strong), let worse = rng.pick(weaker) else { return "I'm looking into this now." }
    let roll = rng.unit()
    if roll < quality * 0.75 { return tidy(best) }
    if roll < quality {
      // Between the two: the strong reply with one sentence of the weaker one added.
      var sentences = Self.sentences(best)
      if let extra = rng.pick(Self.sentences(worse)) {
        sentences.insert(extra, at: Int(rng.next() % UInt64(sentences.count + 1)))
      }
      return sentences.joined(separator: " ")
    }
    return tidy(worse)
  }

  private static func tidy(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  /// A reply's sentences, ends kept, for recombining.
  static func sentences(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for character in tidy(text) {
      current.append(character)
      if ".!?".contains(character) {
        let sentence = current.trimmingCharacters(in: .whitespaces)
        if !sentence.isEmpty { out.append(sentence) }
        current = ""
      }
    }
    let rest = current.trimmingCharacters(in: .whitespaces)
    if !rest.isEmpty { out.append(rest) }
    return out
  }
}
