/// Where a pattern matched: word positions (indices into `AnalyzedText.words`), the UTF-8
/// span it covers, and the positions its literal slots consumed.
public struct PhraseMatch: Sendable {
  public let phrase: String
  public let firstWord: Int
  public let lastWord: Int
  public let start: Int
  public let end: Int
  public let sentence: Int
  /// Word positions consumed by the pattern's own slots (not by gaps).
  let consumed: [Int]
  /// The pattern's `Phrase.serial`; -1 for evidence no pattern found (a repeated sentence).
  var serial: Int32 = -1
}

/// How a matcher treats the context of a match.
public struct MatchPolicy: Sendable {
  /// Skip matches under a negation the pattern does not itself spell out.
  public var respectNegation = true
  /// Skip matches inside quotations or reported speech.
  public var skipOthersWords = true
  public init(respectNegation: Bool = true, skipOthersWords: Bool = true) {
    self.respectNegation = respectNegation
    self.skipOthersWords = skipOthersWords
  }
}

/// Finds every match of a set of patterns in an analysed text. Each pattern is filed under the
/// words of its first literal slot (`Vocabulary` ids), so a reply only meets the patterns whose
/// key words it contains; a pattern lacking a word it needs is not tried; the rest are tried
/// only where a word that can begin them stands, and run as one compiled `PhraseProgram`.
public struct PhraseMatcher: Sendable {
  public let phrases: [Phrase]
  private let index: PhraseIndex

  public init(_ phrases: [Phrase]) {
    self.phrases = phrases
    index = PhraseIndex(phrases)
  }

  public init(patterns: [String]) throws {
    self.init(try patterns.flatMap { try Phrase.compile($0) })
  }

  public var isEmpty: Bool { phrases.isEmpty }

  public func matches(in text: AnalyzedText, policy: MatchPolicy = MatchPolicy()) -> [PhraseMatch] {
    guard !phrases.isEmpty, !text.words.isEmpty else { return [] }
    // A text analysed before these patterns registered their words lacks their ids.
    guard text.generation >= index.generation else { return matches(in: text.reindexed(), policy: policy) }
    let candidates = index.candidates(in: text)
    guard !candidates.isEmpty else { return [] }
    let count = text.words.count
    return index.program.withMachine(over: text) { machine in
      // Per word: the best precedence that matched there, and where its match is in the results.
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count) { scratch in
        let bestRank = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
        let foundAt = UnsafeMutableBufferPointer(rebasing: scratch[count...])
        bestRank.initialize(repeating: .max)
        foundAt.initialize(repeating: -1)
        return index.requirements.withChecker(over: text) { requirements in
          var collector = MatchCollector(
            index: index, phrases: phrases, policy: policy, bestRank: bestRank, foundAt: foundAt,
            requirements: requirements)
          return collector.collect(candidates, text, &machine)
        }
      }
    }
  }
}

/// Tries a matcher's candidate phrases at their possible starting words, keeping per word the
/// match of the phrase with the best precedence.
private struct MatchCollector {
  let index: PhraseIndex
  let phrases: [Phrase]
  let policy: MatchPolicy
  let bestRank: UnsafeMutableBufferPointer<Int32>
  let foundAt: UnsafeMutableBufferPointer<Int32>
  let requirements: PhraseRequirements.Checker
  var found: [PhraseMatch] = []

  mutating func collect(
    _ candidates: [Int32], _ text: AnalyzedText, _ machine: inout PhraseProgram.Machine
  ) -> [PhraseMatch] {
    let count = machine.count
    for candidate in candidates {
      let p = Int(candidate)
      guard requirements.allows(p) else { continue }
      // What every attempt of this phrase needs, read once.
      let phrase = Candidate(
        p: p, rank: index.precedence[p], entry: index.program.entries[p], anchored: index.anchored[p])
      if index.startsAnywhere[p] {
        for position in 0..<count { attempt(phrase, at: position, &machine) }
        continue
      }
      for k in index.startWords[p] {
        var position = machine.firstPosition[Int(index.startIDs[Int(k)])]
        while position >= 0 {
          attempt(phrase, at: Int(position), &machine)
          position = machine.nextPosition[Int(position)]
        }
      }
      for k in index.startStems[p] {
        let stem = Int(index.startStemIDs[Int(k)])
        guard stem < text.firstStemEntry.count else { continue }
        var entry = text.firstStemEntry[stem]
        while entry >= 0 {
          attempt(phrase, at: Int(text.stemEntryPosition[Int(entry)]), &machine)
          entry = text.nextStemEntry[Int(entry)]
        }
      }
      let classes = index.startClasses[p]
      if classes != 0 {
        for bit in 0..<Phrase.WordClass.allCases.count where classes & (1 << bit) != 0 {
          for k in Int(text.classStarts[bit])..<Int(text.classStarts[bit + 1]) {
            attempt(phrase, at: Int(text.classPositions[k]), &machine)
          }
        }
      }
    }
    return found.sorted { $0.firstWord < $1.firstWord }
  }

  /// A candidate phrase: its index, precedence, first instruction, and whether it must start a
  /// sentence.
  private struct Candidate {
    let p: Int
    let rank: Int32
    let entry: Int32
    let anchored: Bool
  }

  private mutating func attempt(_ phrase: Candidate, at position: Int, _ machine: inout PhraseProgram.Machine) {
    let rank = phrase.rank
    if bestRank[position] < rank { return }
    let flags = machine.column(position, AnalyzedText.flagsColumn)
    if policy.skipOthersWords && flags & AnalyzedText.othersWords != 0 { return }
    if phrase.anchored && flags & AnalyzedText.startsSentence == 0 { return }
    let sentence = machine.column(position, AnalyzedText.sentenceColumn)
    let p = phrase.p
    guard requirements.mayMatch(p, inSentence: Int(sentence)) else { return }
    guard let last = machine.run(phrase.entry, from: position, sentence: sentence) else { return }
    if policy.skipOthersWords {
      for k in 0..<machine.consumedCount
      where machine.column(Int(machine.consumed[k]), AnalyzedText.flagsColumn) & AnalyzedText.othersWords != 0 {
        return
      }
    }
    if policy.respectNegation && isNegated(from: position, to: last, machine) { return }
    // One match per starting word: the first pattern that fits is enough evidence.
    bestRank[position] = rank
    let m = PhraseMatch(
      phrase: phrases[p].source, firstWord: position, lastWord: last,
      start: Int(machine.column(position, AnalyzedText.startColumn)),
      end: Int(machine.column(last, AnalyzedText.endColumn)),
      sentence: Int(sentence), consumed: machine.consumedPositions, serial: phrases[p].serial)
    if foundAt[position] >= 0 {
      found[Int(foundAt[position])] = m
    } else {
      foundAt[position] = Int32(found.count)
      found.append(m)
    }
  }

  /// A match is negated when a negator stands among the three words before it, or inside it,
  /// in the same clause, and the pattern did not itself ask for that word.
  private func isNegated(from first: Int, to last: Int, _ machine: PhraseProgram.Machine) -> Bool {
    let clause = machine.column(first, AnalyzedText.clauseColumn)
    for position in max(0, first - 3)...last where !machine.took(position) {
      let flags = machine.column(position, AnalyzedText.flagsColumn)
      // A "nobody" inside the customer's quoted words does not negate what we say after it.
      if flags & AnalyzedText.negator != 0 && machine.column(position, AnalyzedText.clauseColumn) == clause
        && flags & AnalyzedText.quoted == 0
      {
        return true
      }
    }
    return false
  }
}

extension PhraseMatcher {
  /// Writes the phrases and their index for the compiled cache.
  func encode(into writer: inout ByteWriter) {
    PhraseCoding.encode(phrases, into: &writer)
    index.encode(into: &writer)
  }

  /// Reads a matcher back without compiling a pattern or registering a word.
  init(decoding reader: inout ByteReader) throws {
    let phrases = try PhraseCoding.decode(&reader)
    self.phrases = phrases
    index = try PhraseIndex(decoding: &reader, phrases: phrases.count)
  }
}
