import AmendsKit
import Foundation

// Fuzz targets for the scenario loader, the rubric loader, the scorer, the log reader, the
// report's byte scanner (checked against JSONDecoder line by line) and the compiled pattern
// cache's reader (a valid pattern set, edited by the input).
//
// Built by Fuzz/run.sh with `-sanitize=fuzzer -DFUZZING`, this is a libFuzzer binary whose
// target is chosen by $AMENDS_FUZZ_TARGET. Built normally (as `swift build` does), it replays
// files through the same code: `AmendsFuzz TARGET FILE|FOLDER...`, to reproduce a crash or to
// smoke-test a corpus.

enum FuzzTarget: String, CaseIterable {
  case scenario, rubric, scorer, log, report, patterns
}

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let fuzzRubric: Rubric? = try? Rubric.load(from: repository.appendingPathComponent("Scoring"))
let fuzzScorer: Scorer? = fuzzRubric.map(Scorer.init)

/// A severe executive beat with the late-refund brief: every principle applies, facts included.
let fuzzContext: ScoringContext = {
  var context = ScoringContext(severity: .severe, beatKind: .customer)
  context.carriesInput = true
  let library = ScenarioLibrary.load(
    paths: [repository.appendingPathComponent("Scenarios/late-refund.yaml")], rubric: fuzzRubric)
  if let scenario = library.scenarios.first {
    context.facts = scenario.brief.facts + scenario.brief.policy
    context.outOfReach = scenario.brief.outOfReach
  }
  return context
}()

/// A pattern set in every shape the language has (groups, optional slots, gaps, stems, word
/// classes, an anchor), encoded as the cache holds it, and replies that meet most of it.
let fuzzPatterns = FuzzEntryPoints.encodedPatterns([
  "i|we am|are [so|truly|very] sorry", "apologi* ...3 delay", "^ unfortunately", "<weekday> morning",
  "(going forward|from now on) we", "(flat out|run ragged)? busy", "refund* (is|was) on its way",
  "sorry (for|about)? the wait", "you (should|must) have (read|checked)", "<num> <month>", "(that|this) is on us",
])
let fuzzPatternTexts = [
  "I'm so sorry for the delay. We apologise for this delay. Unfortunately the van broke down on 3 May.",
  "I'll call on Tuesday morning. From now on we check every order. Your refund is on its way; that is on us.",
  "Sorry about the wait; you should have checked the label. We've been run ragged busy.",
]

func runTarget(_ target: FuzzTarget, _ data: Data) -> Int {
  switch target {
  case .scenario: return FuzzEntryPoints.scenario(data, rubric: fuzzRubric)
  case .rubric: return FuzzEntryPoints.principle(data)
  case .scorer: return fuzzScorer.map { FuzzEntryPoints.score(data, scorer: $0, context: fuzzContext) } ?? 0
  case .log: return FuzzEntryPoints.log(data)
  case .report: return FuzzEntryPoints.reportLines(data)
  case .patterns: return FuzzEntryPoints.compiledPatterns(data, base: fuzzPatterns, texts: fuzzPatternTexts)
  }
}

#if FUZZING
  let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["AMENDS_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      fatalError("set AMENDS_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if fuzzRubric == nil { fatalError("the bundled rubric does not load") }
    return target
  }()

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    _ = runTarget(fuzzTarget, Data(bytes: start, count: count))
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// SwiftPM links an executable's entry point under this name; hand it to libFuzzer's driver.
  @_cdecl("AmendsFuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { start, size in fuzzOneInput(start, size) }
  }
#else
  @main struct AmendsFuzzReplay {
    static func main() { exit(replay()) }
  }

  func replay() -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
      FileHandle.standardError.write(
        Data("usage: AmendsFuzz scenario|rubric|scorer|log|report|patterns FILE|FOLDER...\n".utf8))
      return 64
    }
    var files: [URL] = []
    for path in arguments.dropFirst() {
      let url = URL(fileURLWithPath: path)
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.sorted().map { url.appendingPathComponent($0) }
      } else {
        files.append(url)
      }
    }
    for file in files {
      guard let data = FileManager.default.contents(atPath: file.path) else { continue }
      _ = runTarget(target, data)
    }
    print("\(target.rawValue): replayed \(files.count) inputs")
    return 0
  }
#endif
