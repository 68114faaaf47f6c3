#!/usr/bin/env bash
# Counts the instructions of scoring N replies (default 2000) with callgrind, on a release
# build: a count is the same on a busy machine as on an idle one, so two versions of the scorer
# compare by it where their timings would drown in the noise. Prints the total per reply and the
# functions that spend the most.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2000}
scratch=.build-release
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product ScoringBenchmark >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# valgrind gives up on the debug information Swift writes; the symbol table is enough.
objcopy --strip-debug "$scratch/release/ScoringBenchmark" "$out/ScoringBenchmark"
# The load and warm-up are counted too: score none to subtract them.
# Swift seeds its hashing per process; a fixed seed makes two counts of the same build agree.
export SWIFT_DETERMINISTIC_HASHING=1
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.out" \
    "$out/ScoringBenchmark" Scoring "$1" profile >/dev/null 2>"$out/$1.log"
  callgrind_annotate "$out/$1.out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}' | head -1
}
base=$(count 0)
total=$(count "$runs")
echo "scoring one 1 KB reply: $(((total - base) / runs)) instructions (callgrind, $runs replies)"
echo "the functions that spend the most, over the whole run:"
callgrind_annotate "$out/$runs.out" 2>/dev/null | sed -n '/file:function/,$p' | sed -n '3,30p' | swift demangle --simplified | cut -c1-150
