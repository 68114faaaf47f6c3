#!/usr/bin/env bash
# How fast scenarios load: `amends lint` on 500 synthetic scenarios (target: under 1 s), and
# whole-process start-up with the bundled library (target: under 50 ms), as medians of several
# runs of the release build. Prints figures; it is a benchmark, not a test, and never fails on
# a slow machine.
#
#   Benchmarks/scenario-load.sh [COPIES] [RUNS]     (defaults: 500 copies, 7 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-500}
runs=${2:-7}

swift build -c release --static-swift-stdlib --scratch-path .build-release --product amends >/dev/null
bin=.build-release/release/amends

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Scenarios" "$work/home"

# Distinct ids, so the library check for duplicate ids has real work and no false errors.
sources=(Scenarios/*.yaml)
for ((i = 0; i < copies; i++)); do
  source=${sources[i % ${#sources[@]}]}
  id=$(sed -n 's/^id: *//p' "$source" | head -n 1)
  sed "s/^id: .*/id: ${id}-copy-${i}/" "$source" >"$work/Scenarios/${id}-copy-${i}.yaml"
done
bytes=$(cat "$work"/Scenarios/*.yaml | wc -c)

# Median wall-clock milliseconds of running "$@" $runs times (exit status ignored: lint exits 1
# when it finds errors, play exits when stdin ends).
median_ms() {
  local times=()
  for ((r = 0; r < runs; r++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

# The compiled pattern cache in a folder of its own, filled by one run first: the state a user
# is in from their second run on (`check` in Benchmarks/run.sh is timed both ways).
export AMENDS_HOME="$work/home" AMENDS_USER=bench NO_COLOR=1 AMENDS_CACHE="$work/cache"
"$bin" list --library . >/dev/null 2>&1 || true
first=$(sed -n 's/^id: *//p' Scenarios/late-refund.yaml)
lint_ms=$(median_ms "$bin" lint "$work/Scenarios" --library .)
lint_one_ms=$(median_ms "$bin" lint Scenarios --library .)
list_ms=$(median_ms "$bin" list --library .)
play_ms=$(median_ms "$bin" play "$first" --library . </dev/null)
help_ms=$(median_ms "$bin" --help)

echo "scenario loading, release build, median of $runs runs"
printf '  lint %d scenarios (%d KB)          %6d ms   (target < 1000 ms)\n' "$copies" $((bytes / 1024)) "$lint_ms"
printf '  lint the bundled %d scenarios        %6d ms\n' "${#sources[@]}" "$lint_one_ms"
printf '  list (whole process, bundled)       %6d ms   (target < 50 ms)\n' "$list_ms"
printf '  play %s < /dev/null        %6d ms   (target < 50 ms)\n' "$first" "$play_ms"
printf '  --help (process start, no library)  %6d ms\n' "$help_ms"
