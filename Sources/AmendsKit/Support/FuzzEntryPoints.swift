import Foundation

/// One call per loader and per scorer, from raw bytes, for the fuzz targets in `Fuzz/`: each
/// must return (with diagnostics, or nothing) for any input, never crash. Kept public and tiny
/// so that the fuzzers exercise exactly the code the commands run.
public enum FuzzEntryPoints {
  /// A scenario file's text through the loader and linter.
  public static func scenario(_ data: Data, rubric: Rubric?) -> Int {
    let reader = YAMLReader(path: "fuzz.yaml")
    guard let text = reader.decode(data), let root = reader.parse(text) else { return reader.diagnostics.count }
    guard let scenario = ScenarioLoader(reader: reader).load(root, text: text) else { return reader.diagnostics.count }
    return reader.diagnostics.count + ScenarioLinter(scenario: scenario, rubric: rubric).problems().count
  }

  /// A principle file's text through the rubric loader (patterns compiled, examples read).
  public static func principle(_ data: Data) -> Int {
    let reader = YAMLReader(path: "apology.yaml")
    guard let text = reader.decode(data), let root = reader.parse(text) else { return reader.diagnostics.count }
    let principle = PrincipleLoader(reader: reader, expectedId: "apology").load(root)
    return reader.diagnostics.count + (principle?.examples.count ?? 0)
  }

  /// Arbitrary text scored as a reply, in a severe context with a brief's facts.
  public static func score(_ data: Data, scorer: Scorer, context: ScoringContext) -> Int {
    let text = String(decoding: data.prefix(Scorer.maximumReplyBytes), as: UTF8.self)
    let first = scorer.score(text, context: context)
    // A second turn, so the checks that count across turns see memory too.
    return scorer.score(text, context: context, memory: first.memory).score
  }

  /// A pattern set as the compiled cache holds it (`base`, a valid one), edited by the
  /// input: every three bytes set one byte (a 16-bit offset and a value), and an input one byte
  /// longer than a multiple of three also cuts the set short. Whatever decodes is run over
  /// `texts`: a damaged cache file must be refused or be safe to match with, never crash.
  public static func compiledPatterns(_ data: Data, base: [UInt8], texts: [String]) -> Int {
    var bytes = base
    let input = [UInt8](data)
    var i = 0
    while i + 2 < input.count, !bytes.isEmpty {
      bytes[(Int(input[i]) << 8 | Int(input[i + 1])) % bytes.count] = input[i + 2]
      i += 3
    }
    if input.count % 3 == 1, let last = input.last { bytes = Array(bytes.prefix(Int(last) * bytes.count / 255)) }
    let matcher: PhraseMatcher? = bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw)
      return try? PhraseMatcher(decoding: &reader)
    }
    guard let matcher else { return -1 }
    return texts.reduce(0) { $0 + matcher.matches(in: TextAnalyzer.analyze($1)).count }
  }

  /// The bytes of a valid pattern set for `compiledPatterns`: `patterns` compiled and encoded.
  public static func encodedPatterns(_ patterns: [String]) -> [UInt8] {
    var writer = ByteWriter()
    PhraseMatcher(patterns.compactMap { try? Phrase($0) }).encode(into: &writer)
    return writer.bytes
  }

  /// Bytes read as an attempt log.
  public static func log(_ data: Data) -> Int {
    guard let (events, problems) = try? AttemptLog.parse(data, path: "attempts.jsonl") else { return -1 }
    return AttemptRecord.group(events).count + problems.count
  }

  /// Bytes read line by line as a report reads a log. Whenever the report's byte scanner vouches
  /// for a line, `JSONDecoder` must read the same fields from it: the scanner may refuse lines
  /// the decoder reads (the report then asks the decoder), never the other way round.
  public static func reportLines(_ data: Data) -> Int {
    var agreed = 0
    for line in data.split(separator: 0x0A) {
      let bytes = Array(line)
      bytes.withUnsafeBufferPointer { buffer in
        guard let scanned = ReportEventScanner.scan(buffer) else { return }
        let text = String(decoding: bytes.prefix(300), as: UTF8.self).debugDescription
        guard let decoded = try? JSONDecoder().decode(ReportEvent.self, from: Data(bytes)) else {
          preconditionFailure("the report's scanner read a line JSONDecoder refuses: \(text)")
        }
        precondition(
          ReportLine(decoded).sameFields(as: scanned, in: buffer),
          "the report's scanner and JSONDecoder read different fields: \(text)")
        agreed += 1
      }
    }
    return agreed
  }
}
