#!/usr/bin/env python3
"""Where the two label rounds disagree (a verdict, or the quality), a third labeller decides.
Writes WORKDIR/adjudicate/part-N.jsonl: each item with its situation, the message answered,
the reply, and for each disputed principle both labels and notes. Nothing of the spec.

Run: python3 Tools/corpus/adjudication_tasks.py WORKDIR PARTS"""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from labels import PRINCIPLES, jsonl, rounds
import glob

work, parts = sys.argv[1], int(sys.argv[2])
tasks_by_item = {t["item"]: t for f in glob.glob(os.path.join(work, "label-tasks", "*.jsonl")) for t in jsonl(f)}
# A re-labelled reply's task holds its final text.
for f in glob.glob(os.path.join(work, "label-tasks", "R*.jsonl")):
    for t in jsonl(f):
        tasks_by_item[t["item"]] = t
labels = rounds(work)
out = []
for item in sorted(labels):
    pair = labels[item]
    if "A" not in pair or "B" not in pair:
        print("missing a round for", item, file=sys.stderr)
        continue
    a, b = pair["A"], pair["B"]
    disputed = {p: {"first": a["verdicts"].get(p), "second": b["verdicts"].get(p)} for p in PRINCIPLES
                if a["verdicts"].get(p) != b["verdicts"].get(p)}
    if not disputed and a["quality"] == b["quality"]:
        continue
    task = dict(tasks_by_item[item])
    task["disputed"] = disputed
    task["quality"] = {"first": a["quality"], "second": b["quality"]}
    task["notes"] = [n for n in [a.get("note"), b.get("note")] if n]
    out.append(task)
os.makedirs(os.path.join(work, "adjudicate"), exist_ok=True)
for p in range(parts):
    with open(os.path.join(work, "adjudicate", f"part-{p + 1}.jsonl"), "w") as f:
        for t in out[p::parts]:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
print(len(out), "items to adjudicate;", sum(len(t["disputed"]) for t in out), "disputed verdicts")
