import AmendsKit
import Foundation

// Scores 1 KB replies in-process with the full bundled rubric and prints the median and p99
// time per reply, and how long loading the rubric takes. Run it through Benchmarks/run.sh
// (release build); it prints figures and asserts nothing.
//
// `ScoringBenchmark SCORING N profile` only loads the rubric once and scores N replies, for a
// profiler: `valgrind --tool=callgrind` counts the same instructions on a busy machine as on
// an idle one, so a change to the scorer can be judged by its count (see Benchmarks/profile.sh).

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let scoring =
  CommandLine.arguments.count > 1
  ? URL(fileURLWithPath: CommandLine.arguments[1]) : root.appendingPathComponent("Scoring")
let iterations = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5000 : 5000
let profiling = CommandLine.arguments.count > 3 && CommandLine.arguments[3] == "profile"

func now() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
  sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

var loadTimes: [Double] = []
var loaded: Rubric?
for _ in 0..<(profiling ? 1 : 10) {
  let start = now()
  loaded = try Rubric.load(from: scoring)
  loadTimes.append(Double(now() - start) / 1000)
}
guard let rubric = loaded else { fatalError("no rubric") }
var modelLoadTimes: [Double] = []
for _ in 0..<(profiling ? 0 : 10) {
  let start = now()
  _ = try LearnedModel.load(from: scoring.appendingPathComponent(LearnedModel.fileName), rubricVersion: rubric.version)
  modelLoadTimes.append(Double(now() - start) / 1000)
}
modelLoadTimes.sort()
let scorer = Scorer(rubric: rubric)

// Replies of about 1 KB each, from strong to poor, so every kind of check does real work.
let paragraphs = [
  "Hi Joanne, I'm sorry: Liam promised your refund within five working days and you have now waited twelve days and had to email us twice. That's on us; refunds over £150 need a supervisor's approval and nobody was checking the queue.",
  "I approved your £189 refund myself at 9:40 this morning and it has gone to your Visa card. Banks take 3 to 5 working days, so you will see it by Monday 19 May at the latest. I'll email you on Monday morning to check it has arrived.",
  "From today the team leader on shift checks the approval queue at 10am and 3pm, so a refund can no longer sit unseen. Thank you for telling us; you were right to chase it.",
  "We apologize for any inconvenience this may have caused. Unfortunately our payment provider has been very slow this month and we are completely swamped, as I already explained. Please be patient. As a valued customer you can have 20% off if you update your review.",
  "To be honest it isn't really our fault, the courier lost it and the system was down, and the warehouse was short-staffed because of the weather, so there were a lot of reasons. I guarantee it will never happen again, and you'll definitely have it back today. lol",
]
var replies: [String] = []
for offset in 0..<paragraphs.count {
  var reply = ""
  var index = offset
  while reply.utf8.count < 1000 {
    reply += paragraphs[index % paragraphs.count] + "\n\n"
    index += 1
  }
  replies.append(String(reply.utf8.prefix(1024)) ?? reply)
}
var context = ScoringContext(severity: .moderate)
context.carriesInput = true

for reply in replies { _ = scorer.score(reply, context: context) }  // warm up
if profiling {
  var total = 0
  for i in 0..<iterations { total &+= scorer.score(replies[i % replies.count], context: context).score }
  print("scored \(iterations) replies, checksum \(total)")
  exit(0)
}
var times: [Double] = []
times.reserveCapacity(iterations)
var checksum = 0
for i in 0..<iterations {
  let reply = replies[i % replies.count]
  let start = now()
  let assessment = scorer.score(reply, context: context)
  times.append(Double(now() - start) / 1000)
  checksum &+= assessment.score
}
// The machine is shared: the median of each fifth of the runs shows how much the others' load
// moved the figures during this run.
let roundMedians = (0..<5).map { round -> Double in
  let slice = times[(round * times.count / 5)..<((round + 1) * times.count / 5)].sorted()
  return slice.isEmpty ? 0 : slice[slice.count / 2]
}
times.sort()
loadTimes.sort()
// Reading the text alone, to show where the time goes.
var analysisTimes: [Double] = []
for i in 0..<iterations {
  let start = now()
  let text = TextAnalyzer.analyze(replies[i % replies.count])
  analysisTimes.append(Double(now() - start) / 1000)
  checksum &+= text.words.count
}
analysisTimes.sort()
// The rubric's checks alone (no trained layer) and with it, on texts already read: what is left
// of the median after reading is these two.
func medianScoring(_ scorer: Scorer, _ replies: [String], _ context: ScoringContext) -> Double {
  let texts = replies.map { TextAnalyzer.analyze($0) }
  var spent: [Double] = []
  for i in 0..<iterations {
    let start = now()
    _ = scorer.score(texts[i % texts.count], context: context, memory: ConversationMemory()).score
    spent.append(Double(now() - start) / 1000)
  }
  return percentile(spent.sorted(), 0.5)
}
let checksOnly = medianScoring(Scorer(rubric: rubric.withoutTrainedLayer()), replies, context)
let withModel = medianScoring(scorer, replies, context)
let bytes = replies.map(\.utf8.count)
print(
  "scoring one reply of \(bytes.min() ?? 0)-\(bytes.max() ?? 0) bytes, \(rubric.principles.count) principles, \(iterations) runs"
)
print(String(format: "  min     %8.1f µs   (the least disturbed run, on a shared machine)", times.first ?? 0))
print(String(format: "  median  %8.1f µs   (target < 100 µs)", percentile(times, 0.5)))
print(
  "  median of each fifth of the runs: " + roundMedians.map { String(format: "%.1f", $0) }.joined(separator: ", ")
    + " µs")
print(String(format: "  p99     %8.1f µs   (target < 1000 µs)", percentile(times, 0.99)))
print(String(format: "  max     %8.1f µs", times.last ?? 0))
print(String(format: "  of which reading the text (TextAnalyzer): median %.1f µs", percentile(analysisTimes, 0.5)))
print(String(format: "  of which the rubric's checks: median %.1f µs", checksOnly))
print(String(format: "  of which the trained layer: median %.1f µs", withModel - checksOnly))
print(
  String(
    format: "loading the rubric (%d files): median %.1f ms over %d loads", rubric.principles.count + 1,
    percentile(loadTimes, 0.5) / 1000, loadTimes.count))
print(String(format: "  of which the trained layer's weights: median %.1f ms", percentile(modelLoadTimes, 0.5) / 1000))

// The longest replies allowed, in the shapes that once made the scorer or the feedback's
// wrapping quadratic (a single 250,000-letter word took minutes): the time for 256 KB over the
// time for 64 KB should stay near 4, the ratio of their sizes.
print("the largest replies: time for 256 KB / time for 64 KB (linear is about 4)")
let shapes: [(String, String)] = [
  ("one long word", "a"),
  ("one apology repeated", "I'm sorry we lost your parcel. "),
  ("a line a word", "sorry\n"),
  ("no spaces", "sorry."),
  ("quotes", "\"I am sorry\" she said. "),
  ("emoji", "😀"),
]
for (name, unit) in shapes {
  func seconds(_ size: Int) -> Double {
    let reply = String(String(repeating: unit, count: size / unit.utf8.count + 1).utf8.prefix(size)) ?? ""
    let start = now()
    let assessment = scorer.score(reply, context: context)
    checksum &+= Painter(color: false).wrap(reply, width: 80).utf8.count
    checksum &+= assessment.score
    return Double(now() - start) / 1e9
  }
  let small = seconds(64 * 1024)
  let large = seconds(Scorer.maximumReplyBytes)
  let label = name.padding(toLength: 22, withPad: " ", startingAt: 0)
  print(
    "  \(label) "
      + String(format: "64 KB %6.3f s   256 KB %6.3f s   ratio %4.1f", small, large, large / max(small, 1e-9)))
}
print("checksum \(checksum)")
