#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target from the bundled files: scenarios, principle files,
the rubric's example replies, and an attempt log in every shape the code writes."""
import glob, hashlib, json, os, sys

target, out = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

def put(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)

if target == "scenario":
    for path in glob.glob(os.path.join(root, "Scenarios", "*.yaml")):
        put(open(path, "rb").read())
elif target == "rubric":
    for path in glob.glob(os.path.join(root, "Scoring", "*.yaml")):
        if not path.endswith(("calibration.yaml", "rubric.yaml")):
            put(open(path, "rb").read())
elif target == "scorer":
    import re
    for path in glob.glob(os.path.join(root, "Scoring", "*.yaml")):
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\s+- (?:reply: )?(.+)$", line)
            if m and len(m.group(1)) > 12:
                put(m.group(1).strip().strip('"'))
elif target in ("log", "report"):
    turn = {"schema": 1, "event": "turn-scored", "attempt": 1, "at": "2026-12-02T10:00:00Z", "turn": 1,
            "beat": "where-is-it", "beat_kind": "customer", "reply": "I'm sorry \u001b[2J", "score": 72,
            "band": "good", "verdicts": {"apology": "met", "spin": "avoided"},
            "evidence": {"apology": [{"text": "I'm sorry", "start": 0, "end": 9}]}, "retry": True,
            "mood_before": "angry", "state": {"beat": "arrived", "mood": "upset",
            "memory": {"tallies": {"apologies": 1}, "commitments": ["I'll call"], "turns": 1}}}
    start = {"schema": 1, "event": "attempt-started", "attempt": 1, "at": "2026-12-02T10:00:00Z",
             "scenario": "late-refund", "scenario_version": 1, "scenario_hash": "8f36194f",
             "rubric_version": "1", "mode": "practice"}
    done = {"schema": 1, "event": "attempt-finished", "attempt": 1, "at": "2026-12-02T10:05:00Z", "score": 72}
    lines = [json.dumps(e) for e in (start, turn, done)]
    put("\n".join(lines) + "\n")
    put(lines[0] + "\n" + lines[1][:40])
    put(lines[0] + "\nnot json\n" + lines[2] + "\n")
    # As amends writes them (sorted keys, no spaces), where the report's fast paths apply.
    put("\n".join(json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for e in (start, turn, done)) + "\n")
elif target == "patterns":
    # Edits of a valid encoded pattern set: (16-bit offset, value) triples, the last byte of an
    # input one longer than a multiple of three cutting it short.
    import random
    rng = random.Random(7)
    put(b"")
    for n in (1, 2, 4, 8, 32):
        for _ in range(8):
            put(bytes(rng.randrange(256) for _ in range(3 * n)))
            put(bytes(rng.randrange(256) for _ in range(3 * n + 1)))
print(f"{len(os.listdir(out))} seeds for {target}", file=sys.stderr)
