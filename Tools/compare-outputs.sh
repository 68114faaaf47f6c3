#!/usr/bin/env bash
# Runs two amends binaries over the same inputs and reports any difference in what they print
# or write: 400 replies through `check` (text and JSON, two severities), every scenario through
# `check --scenario`, the library's lint, test, list and principles, calibrate, and a simulated
# organisation through every report view and format, transcripts and progress.
# A refactor that must not change behaviour shows "identical".
#
# Usage: Tools/compare-outputs.sh OLD_BINARY NEW_BINARY [WORKDIR]
set -euo pipefail
old=$1 new=$2
work=${3:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/.." && pwd)
export NO_COLOR=1 LANG=C.UTF-8 COLUMNS=100
mkdir -p "$work/replies"
python3 - "$root" "$work/replies" <<'PY'
import glob, os, sys, yaml
root, out = sys.argv[1], sys.argv[2]
replies = []
for f in sorted(glob.glob(os.path.join(root, "Scoring/corpus/dev/*.yaml"))):
    replies += [it["reply"] for it in yaml.safe_load(open(f))["items"]]
for i, reply in enumerate(replies[:400]):
    open(os.path.join(out, f"{i:03d}.txt"), "w").write(reply)
PY
run() {  # run BINARY OUTDIR
  local bin=$1 out=$2
  mkdir -p "$out/check" "$out/scenario" "$out/report"
  for f in "$work"/replies/*.txt; do
    name=$(basename "$f" .txt)
    "$bin" --library "$root" check --format json --severity severe "$f" > "$out/check/$name.severe.json" 2>&1 || true
    "$bin" --library "$root" check "$f" > "$out/check/$name.txt" 2>&1 || true
  done
  for s in "$root"/Scenarios/*.yaml; do
    id=$(basename "$s" .yaml)
    "$bin" --library "$root" check --scenario "$id" --format json "$work/replies/000.txt" > "$out/scenario/$id.json" 2>&1 || true
  done
  (cd "$root" && "$bin" --library "$root" lint --format json) > "$out/lint.json" 2>&1 || true
  (cd "$root" && "$bin" --library "$root" test Scenarios) > "$out/test.txt" 2>&1 || true
  "$bin" --library "$root" list --data-dir "$out/empty" --user nobody > "$out/list.txt" 2>&1 || true
  "$bin" --library "$root" list --format json --data-dir "$out/empty" --user nobody > "$out/list.json" 2>&1 || true
  "$bin" --library "$root" list --stats > "$out/stats.txt" 2>&1 || true
  "$bin" --library "$root" principles > "$out/principles.txt" 2>&1 || true
  "$bin" --library "$root" calibrate --format json > "$out/calibrate.json" 2>&1 || true
  "$bin" --library "$root" simulate --users 20 --attempts 15 --seed 7 --data-dir "$out/org" > /dev/null 2>&1 || true
  for view in trainees principles scenarios assignments; do
    for format in table csv json html; do
      "$bin" --library "$root" report --data-dir "$out/org" --view "$view" --format "$format" \
        | sed "s#$out#OUT#g" > "$out/report/$view.$format" 2>&1 || true
    done
  done
  "$bin" --library "$root" report --data-dir "$out/org" | sed "s#$out#OUT#g" > "$out/report/all.table" 2>&1 || true
  "$bin" --library "$root" transcript ada --data-dir "$out/org" > "$out/transcript-list.txt" 2>&1 || true
  "$bin" --library "$root" transcript ada 1 --data-dir "$out/org" > "$out/transcript-1.txt" 2>&1 || true
  "$bin" --library "$root" progress --user ada --data-dir "$out/org" > "$out/progress.txt" 2>&1 || true
}
run "$old" "$work/old"
run "$new" "$work/new"
if diff -r "$work/old" "$work/new" > "$work/diff.txt"; then
  echo "identical: $(find "$work/old" -type f | wc -l) outputs compared ($work)"
else
  echo "DIFFERENT: $(grep -c '^diff\|^Only' "$work/diff.txt" || true) files differ; see $work/diff.txt" >&2
  exit 1
fi
