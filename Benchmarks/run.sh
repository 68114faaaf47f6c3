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
python3 - "$bin" "$work/reply.txt" "$work/cache" <<'PY'
import os, statistics, subprocess, sys, time
bin, reply, cache = sys.argv[1], sys.argv[2], sys.argv[3]
def once(args, env):
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=dict(os.environ, **env))
    return (time.perf_counter() - start) * 1000
# With the compiled pattern cache (every run after the first, the state a trainee is in) and
# without it (the first run after installing or editing the rubric), interleaved so that both
# meet the same load on the machine.
args = [bin, "--library", ".", "check", reply]
warm_env, cold_env = {"AMENDS_CACHE": cache}, {"AMENDS_CACHE": "off"}
once(args, warm_env)
warm, cold = [], []
for _ in range(30):
    warm.append(once(args, warm_env))
    cold.append(once(args, cold_env))
print(f"  amends check   median {statistics.median(warm):6.1f} ms   min {min(warm):6.1f} ms   (target < 30 ms; patterns from the cache)")
print(f"  amends check   median {statistics.median(cold):6.1f} ms   min {min(cold):6.1f} ms   (no cache: every pattern compiled)")
true = [once(["/bin/true"], {}) for _ in range(30)]
print(f"  /bin/true      median {statistics.median(true):6.1f} ms   (process start-up on this machine)")
PY

if [ -x Benchmarks/scenario-load.sh ]; then
  echo
  echo "== scenario loading (Benchmarks/scenario-load.sh)"
  Benchmarks/scenario-load.sh
fi
