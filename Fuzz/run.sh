#!/usr/bin/env bash
# Fuzzes one target (scenario, rubric, scorer, log, report, patterns) with libFuzzer, from a seed corpus made of the
# bundled files. Usage: Fuzz/run.sh TARGET [RUNS] [extra libFuzzer flags...]
#   Fuzz/run.sh scorer 1000000      the long run (minutes)
#   Fuzz/run.sh log 2000            a smoke run (what `make fuzz-smoke` does for every target)
# Crashes are written to Fuzz/crashes/<target>/; replay one with the normal build:
#   swift build --product AmendsFuzz && .build/debug/AmendsFuzz TARGET Fuzz/crashes/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh scenario|rubric|scorer|log|report|patterns [RUNS] [libFuzzer flags...]}
runs=${2:-100000}
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in scenario|rubric|scorer|log|report|patterns) ;; *) echo "Fuzz/run.sh: unknown target '$target' (scenario, rubric, scorer, log, report, patterns)" >&2; exit 64 ;; esac

scratch=.build-fuzz
swift build -c release --scratch-path "$scratch" --product AmendsFuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -parse-as-library >&2
fuzzer="$scratch/release/AmendsFuzz"

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
python3 Fuzz/seed.py "$target" "$corpus"
mkdir -p "Fuzz/crashes/$target"
max_len=4096
[ "$target" = scorer ] && max_len=512
# Swift's backtracer would take the crash signal before libFuzzer writes the crashing input.
SWIFT_BACKTRACE=enable=no AMENDS_FUZZ_TARGET="$target" "$fuzzer" -runs="$runs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="Fuzz/crashes/$target/" -print_final_stats=1 "$@" "$corpus"
