#!/usr/bin/env python3
"""Builds the labellers' task files from the written replies (issue 13): each item with its
situation and the message it answers, and nothing of its spec (no target quality, no
principles to honour or break). Two independent label rounds, A and B, group the items
differently, so no labelling session sees the same batch as another.

Run: python3 Tools/corpus/make_label_tasks.py WORKDIR [PARTS]"""
import glob, json, os, random, sys

work = sys.argv[1]
parts = int(sys.argv[2]) if len(sys.argv) > 2 else 4
situations = {}
for f in glob.glob(os.path.join(work, "situations", "*.json")):
    s = json.load(open(f))
    situations[s["id"]] = s
specs = {}
for f in glob.glob(os.path.join(work, "specs", "*.jsonl")):
    for line in open(f):
        spec = json.loads(line)
        specs[spec["item"]] = spec
tasks = []
for f in sorted(glob.glob(os.path.join(work, "replies", "*.jsonl"))):
    for line in open(f):
        if not line.strip():
            continue
        r = json.loads(line)
        spec = specs[r["item"]]
        s = situations[spec["situation"]]
        kind = spec["kind"]
        situation = {k: s[k] for k in ["industry", "situation", "severity", "company_at_fault", "carries_input", "company",
                                        "background", "may_offer", "approved_change"]}
        situation["facts"] = [f["text"] for f in s["facts"]]
        task = {"item": r["item"], "situation": situation, "kind": kind,
                "answering": s["messages"]["executive" if kind == "executive" else "customer"], "reply": r["reply"]}
        if kind == "colleague-draft":
            task["draft"] = s["messages"]["colleague-draft"]
        tasks.append(task)
os.makedirs(os.path.join(work, "label-tasks"), exist_ok=True)
for round_name, seed in [("A", 1), ("B", 2)]:
    order = tasks[:]
    random.Random(seed).shuffle(order)
    for p in range(parts):
        chunk = order[p::parts]
        with open(os.path.join(work, "label-tasks", f"{round_name}-{p + 1}.jsonl"), "w") as out:
            for t in chunk:
                out.write(json.dumps(t, ensure_ascii=False) + "\n")
print(len(tasks), "items in", parts, "parts per round")
