import Foundation
import Testing

@testable import AmendsKit

/// The compiled cache: a matcher read back matches exactly as the compiled one, and a
/// damaged or foreign file is refused without a crash. (Using a saved file end to end, with the
/// vocabulary it restores, is `CompiledCacheEndToEndTests`: in this process the shared
/// vocabulary has long been in use.)
@Suite struct CompiledCacheTests {
  static let patterns = [
    "i|we am|are [so|truly|very] sorry", "apologi* ...3 delay", "^ unfortunately", "<weekday> morning",
    "(going forward|from now on) we", "(flat out|run ragged)? busy", "refund* (is|was) on its way",
    "sorry (for|about)? the wait", "you (should|must) have (read|checked)",
  ]
  static let texts = [
    "I'm so sorry for the delay. We apologise for this delay. Unfortunately the van broke down.",
    "I'll call on Tuesday morning. From now on we check every order. Your refund is on its way.",
    "Sorry about the wait; you should have checked the label. We've been run ragged busy.",
  ]

  func compiled() throws -> PhraseMatcher { PhraseMatcher(try Self.patterns.flatMap { try Phrase.compile($0) }) }

  func encoded(_ matcher: PhraseMatcher) -> [UInt8] {
    var writer = ByteWriter()
    matcher.encode(into: &writer)
    return writer.bytes
  }

  func decoded(_ bytes: [UInt8]) throws -> PhraseMatcher {
    try bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw)
      let matcher = try PhraseMatcher(decoding: &reader)
      guard reader.isAtEnd else { throw ByteReader.Malformed() }
      return matcher
    }
  }

  func found(_ matcher: PhraseMatcher) -> [[String]] {
    Self.texts.map { text in
      let analyzed = TextAnalyzer.analyze(text)
      return matcher.matches(in: analyzed).map {
        "\($0.phrase) @\($0.start)-\($0.end) \(analyzed.excerpt($0.start, $0.end))"
      }
    }
  }

  @Test func aMatcherReadBackMatchesLikeTheCompiledOne() throws {
    let original = try compiled()
    let copy = try decoded(encoded(original))
    #expect(copy.phrases.map(\.source) == Self.patterns)
    #expect(copy.phrases.map(\.serial) == original.phrases.map(\.serial))
    #expect(found(copy) == found(original))
    #expect(found(original).joined().count >= 9, "the texts exercise the patterns")
    // And writing the copy gives the same bytes: nothing is lost on the way.
    #expect(encoded(copy) == encoded(original))
  }

  @Test func aCutOrDamagedMatcherIsRefusedOrStillSafeToRun() throws {
    let bytes = encoded(try compiled())
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
      #expect(throws: ByteReader.Malformed.self) { try decoded(Array(bytes[..<length])) }
    }
    // Every byte changed in turn (by a fixed, varied pattern) is either refused or gives a
    // matcher whose every list points inside it: running it must not crash, whatever it finds.
    var refused = 0
    let changes: [(Int) -> UInt8] = [
      { UInt8(truncatingIfNeeded: ($0 &* 0x9E37_79B9) >> 7) | 1 }, { _ in 0x80 }, { _ in 1 },
    ]
    for change in changes {
      for at in bytes.indices {
        var damaged = bytes
        damaged[at] ^= change(at)
        if let matcher = try? decoded(damaged) { _ = found(matcher) } else { refused += 1 }
      }
    }
    #expect(refused > 0)
  }

  @Test func theTrainedLayerReadBackScoresAlike() throws {
    let rubric = Fixtures.rubric
    let model = try #require(rubric.model)
    var writer = ByteWriter()
    model.encode(into: &writer)
    let bytes = writer.bytes
    let copy = try #require(
      try bytes.withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        return try LearnedModel.decode(&reader, rubricVersion: rubric.version)
      })
    let copied = Rubric(
      version: rubric.version, principles: rubric.principles, penaltyPerWeight: rubric.penaltyPerWeight,
      bandFloors: rubric.bandFloors, articles: rubric.articles, moodSteps: rubric.moodSteps, model: copy,
      seriousPitfallWeight: rubric.seriousPitfallWeight, oddOrderBand: rubric.oddOrderBand)
    for reply in Self.texts + ["Not our fault, the courier lost it. You should have tracked it.", "ok"] {
      let original = Scorer(rubric: rubric).score(reply, context: ScoringContext(severity: .severe))
      let readBack = Scorer(rubric: copied).score(reply, context: ScoringContext(severity: .severe))
      #expect(readBack.score == original.score)
      #expect(readBack.results == original.results)
      #expect(readBack.points == original.points)
    }
    let wrongVersion: LearnedModel? = try bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw)
      return try LearnedModel.decode(&reader, rubricVersion: rubric.version + "x")
    }
    #expect(wrongVersion == nil)
    // Cut anywhere, it is refused; a changed byte is refused or scores without a crash.
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
      #expect(throws: ByteReader.Malformed.self) {
        try Array(bytes[..<length]).withUnsafeBytes { raw in
          var reader = ByteReader(raw)
          _ = try LearnedModel.decode(&reader, rubricVersion: rubric.version)
          if !reader.isAtEnd { throw ByteReader.Malformed() }
        }
      }
    }
    for at in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 600)) {
      var damaged = bytes
      damaged[at] ^= 0x41
      let model = try? damaged.withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        return try LearnedModel.decode(&reader, rubricVersion: rubric.version)
      }
      guard let model else { continue }
      let damagedRubric = Rubric(
        version: rubric.version, principles: rubric.principles, penaltyPerWeight: rubric.penaltyPerWeight,
        bandFloors: rubric.bandFloors, articles: rubric.articles, moodSteps: rubric.moodSteps, model: model,
        seriousPitfallWeight: rubric.seriousPitfallWeight, oddOrderBand: rubric.oddOrderBand)
      _ = Scorer(rubric: damagedRubric).score(Self.texts[0], context: ScoringContext(severity: .severe))
    }
  }

  @Test func aFileIsReadOnlyByTheBuildThatWroteItAndOnlyWhole() throws {
    let vocabulary = Vocabulary.Snapshot(words: ["sorry", "delay"], stems: ["apologi"], patterns: ["sorry"])
    let entry = encoded(try compiled())
    let file = CompiledCache.write(vocabulary: vocabulary, entries: [(7, entry[...])], build: 42)
    let read = try #require(CompiledCache.read(file, build: 42))
    #expect(read.0 == vocabulary)
    #expect(read.1.keys.sorted() == [7])
    #expect(Array(file[read.1[7]!]) == entry)
    #expect(CompiledCache.read(file, build: 43) == nil, "another build's file")
    #expect(CompiledCache.read(Array(file.dropLast()), build: 42) == nil, "cut short")
    var flipped = file
    flipped[flipped.count / 2] ^= 0x40
    #expect(CompiledCache.read(flipped, build: 42) == nil, "damaged")
    #expect(CompiledCache.read(Array("not a cache".utf8), build: 42) == nil)
    #expect(CompiledCache.read([], build: 42) == nil)
  }

  @Test func aVocabularyIsRestoredOnlyIntoOneThatIsStillEmpty() {
    let saved = Vocabulary.Snapshot(
      words: ["sorry", "refund"], stems: ["apologi", "reimburs"], patterns: ["sorry", "b"])
    let fresh = Vocabulary()
    #expect(fresh.restore(saved))
    #expect(fresh.snapshot() == saved)
    #expect(fresh.register("refund") == 1, "the saved ids are kept")
    #expect(fresh.registerStem("reimburs") == 1)
    #expect(fresh.serial(ofPattern: "b") == 1)
    #expect(!fresh.restore(saved), "a vocabulary in use keeps its ids")
    #expect(!Vocabulary().restore(Vocabulary.Snapshot(words: ["a", "a"])), "a word named twice")
  }

  @Test func theFolderComesFromTheEnvironment() {
    #expect(CompiledCache.folder(environment: ["AMENDS_CACHE": "off", "HOME": "/h"]) == nil)
    #expect(CompiledCache.folder(environment: ["AMENDS_CACHE": "/c"])?.path == "/c")
    #expect(CompiledCache.folder(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.path == "/x/amends")
    #expect(CompiledCache.folder(environment: ["HOME": "/h"])?.path == "/h/.cache/amends")
    #expect(CompiledCache.folder(environment: [:]) == nil)
  }
}
