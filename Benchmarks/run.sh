#!/usr/bin/env bash
# Every benchmark, on a release build. Prints figures; asserts nothing (the machine is shared
# and noisy: compare figures of one run, not across runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-release
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product amends >/dev/null
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product ScoringBenchmark >/dev/null
bin="$scratch/release/amends"

echo "== scoring, in-process (Benchmarks/ScoringBenchmark)"
"$scratch/release/ScoringBenchmark" Scoring 5000

echo
echo "== amends check, whole process, on a 1 KB reply"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/reply.txt" <<'PY'
import sys
text = ("I'm sorry, Joanne: Liam promised your refund within five working days and you have waited "
        "twelve and had to chase us twice. That's on us. I approved the £189 myself this morning and "
        "you will see it by Monday 19 May at the latest; I'll email you on Monday to check. From today "
        "a team leader checks the approval queue at 10am and 3pm. ") * 4
open(sys.argv[1], "w").write(text.encode()[:1024].decode("utf-8", "ignore"))
PY
python3 - "$bin" "$work/reply.txt" <<'PY'
import statistics, subprocess, sys, time
bin, reply = sys.argv[1], sys.argv[2]
def run(args):
    times = []
    for _ in range(30):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)
med, best = run([bin, "--library", ".", "check", reply])
print(f"  amends check   median {med:6.1f} ms   min {best:6.1f} ms   (target < 30 ms)")
med, best = run(["/bin/true"])
print(f"  /bin/true      median {med:6.1f} ms   (process start-up on this machine)")
PY

if [ -x Benchmarks/scenario-load.sh ]; then
  echo
  echo "== scenario loading (Benchmarks/scenario-load.sh)"
  Benchmarks/scenario-load.sh
fi
