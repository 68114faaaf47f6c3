#!/usr/bin/env bash
# A short libFuzzer run of every target, for the test suite: fails when any target crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2000}
for target in scenario rubric scorer log report patterns; do
  log=$(mktemp)
  if ! Fuzz/run.sh "$target" "$runs" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "fuzz smoke: $target failed" >&2
    exit 1
  fi
  echo "fuzz smoke: $target: $(grep -E '^Done' "$log")"
  rm -f "$log"
done
