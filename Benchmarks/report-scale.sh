#!/usr/bin/env bash
# Times `amends report --format json` over USERS trainees of TURNS turns each (default
# 1,000 × 1,000), against `cat` of the same files, and jq when installed. The logs are written
# straight from a template line (not through the scorer) so that generating them is quick.
# Runs each five times, alternating, and prints the median and minimum of both, their ratio
# (target: at most 4× cat) and the report's peak memory.
#
#   Benchmarks/report-scale.sh                 # release build in .build-report, 1000 × 1000
#   USERS=100 TURNS=1000 AMENDS_BIN=.build-report/debug/amends Benchmarks/report-scale.sh
#   DATA=/tmp/logs Benchmarks/report-scale.sh  # reuse logs it wrote before (WORK=/tmp/logs)
#
# Never run by the test suite: timings belong here, not in assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-1000}
TURNS=${TURNS:-1000}
WORK=${DATA:-${WORK:-$(mktemp -d)}}
if [[ -z "${AMENDS_BIN:-}" ]]; then
  swift build -c release --static-swift-stdlib --scratch-path .build-report --product amends >&2
  AMENDS_BIN=.build-report/release/amends
fi
if [[ -n "${DATA:-}" ]]; then
  :  # logs this script wrote before (DATA): measured as they are, and kept
else
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" "$USERS" "$TURNS" <<'PY'
import json, os, sys
root, users, turns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
verdicts = {p: v for p, v in zip(
    ["apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel", "act-on-input",
     "over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin", "whining", "overpromise",
     "off-message", "hard-sell", "flippancy"],
    ["met", "missed", "met", "not-applicable", "met", "missed", "not-applicable", "not-applicable",
     "avoided", "avoided", "violated", "avoided", "avoided", "avoided", "avoided", "avoided", "avoided", "avoided", "avoided"])}
state = {"beat": "arrived", "memory": {"commitments": ["monday"], "tallies": {"apology": 1}, "turns": 1}, "mood": "wary"}
def line(obj): return json.dumps(obj, sort_keys=True, separators=(",", ":"))
per_attempt = 5
for u in range(users):
    folder = os.path.join(root, "users", f"user{u:04d}")
    os.makedirs(folder, exist_ok=True)
    out = []
    attempt = 0
    for t in range(turns):
        day = 1 + (t // 10) % 28
        month = 1 + (t // 280) % 12
        at = f"2026-{month:02d}-{day:02d}T09:{t % 60:02d}:00Z"
        if t % per_attempt == 0:
            attempt += 1
            out.append(line({"schema": 1, "event": "attempt-started", "attempt": attempt, "at": at, "scenario": f"scenario-{(u + attempt) % 30}",
                             "scenario_version": 1, "scenario_hash": "3f9a1c0d", "rubric_version": "1", "mode": "practice"}))
        score = (u * 7 + t * 13) % 101
        out.append(line({"schema": 1, "event": "turn-scored", "attempt": attempt, "at": at, "turn": t % per_attempt + 1,
                         "beat": f"beat-{t % per_attempt}", "beat_kind": "customer",
                         "reply": "I'm sorry, Joanne. That's our failure: your refund sat in a queue nobody checked. I approved it at 9:40 today; you will see it by Monday 19 May.",
                         "score": score, "band": "good" if score >= 65 else "fair" if score >= 40 else "poor", "verdicts": verdicts,
                         "evidence": {"apology": [{"text": "I'm sorry", "start": 0, "end": 9}]}, "mood_before": "angry", "state": state}))
        if t % per_attempt == per_attempt - 1:
            out.append(line({"schema": 1, "event": "attempt-finished", "attempt": attempt, "at": at, "scenario": f"scenario-{(u + attempt) % 30}", "score": score, "band": "good"}))
    with open(os.path.join(folder, "attempts.jsonl"), "w") as f:
        f.write("\n".join(out) + "\n")
PY
fi

bytes=$(du -sb "$WORK/users" | cut -f1)
lines=$(cat "$WORK"/users/*/attempts.jsonl | wc -l)
echo "data: $USERS users × $TURNS turns: $lines lines, $((bytes / 1024 / 1024)) MiB"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
cat "$WORK"/users/*/attempts.jsonl >/dev/null  # warm the page cache for both
# Five runs of each, alternating, so that both see the same machine (it is shared and noisy).
runs=${RUNS:-5}
cat_times=() report_times=()
for _ in $(seq "$runs"); do
  cat_times+=("$(seconds bash -c "cat '$WORK'/users/*/attempts.jsonl")")
  report_times+=("$(seconds "$AMENDS_BIN" report --format json --data-dir "$WORK")")
done
stats() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f %.3f", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
read -r cat_min cat_median <<<"$(stats "${cat_times[@]}")"
read -r report_min report_median <<<"$(stats "${report_times[@]}")"
printf 'cat:            median %6.2f s   min %6.2f s   (%s runs)\n' "$cat_median" "$cat_min" "$runs"
printf 'amends report:  median %6.2f s   min %6.2f s\n' "$report_median" "$report_min"
printf 'ratio:          %6.1f × cat, medians (%.1f × of the minimums; target ≤ 4×)\n' \
  "$(echo "$report_median / $cat_median" | bc -l)" "$(echo "$report_min / $cat_min" | bc -l)"

if [[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null; then
  peak=$( { /usr/bin/time -v "$AMENDS_BIN" report --format json --data-dir "$WORK" >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
else
  # No GNU time: sample VmHWM from /proc while the report runs.
  "$AMENDS_BIN" report --format json --data-dir "$WORK" >/dev/null &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [[ -n "$hwm" && "$hwm" -gt "$peak" ]] && peak=$hwm
    sleep 0.05
  done
  wait "$pid" || true
fi
echo "peak memory:    $((peak / 1024)) MiB"

if command -v jq >/dev/null; then
  jq_time=$(seconds bash -c "cat '$WORK'/users/*/attempts.jsonl | jq -c 'select(.event == \"turn-scored\") | .verdicts' >/dev/null")
  printf 'jq (verdicts):  %6.2f s, for comparison\n' "$jq_time"
fi
