#!/usr/bin/env python3
"""How the real-dev responses' page judgments, two coaches applying PRINCIPLES.md
(Tools/scoring/real-dev-coaches/) and the scorer agree.

Usage: real_dev_coaches.py AMENDS_BINARY
"""
import glob
import json
import os
import subprocess
import sys

import yaml
from scipy.stats import spearmanr

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
amends = sys.argv[1]
folder = os.path.join(root, "Tools", "scoring", "real-dev-coaches")
coaches = [{(row := json.loads(line))["id"]: row for line in open(os.path.join(folder, name))}
           for name in ("labels-A.jsonl", "labels-B.jsonl")]

page, score = {}, {}
for path in sorted(glob.glob(os.path.join(root, "Scoring", "corpus", "real-dev", "*.yaml"))):
    document = yaml.safe_load(open(path))
    severity = document.get("context", {}).get("severity", "moderate")
    for item in document["items"]:
        page[item["id"]] = item["judgment"]
        run = subprocess.run([amends, "--library", root, "check", "-", "--format", "json", "--severity", severity],
                             input=item["reply"], capture_output=True, text=True, check=True)
        score[item["id"]] = json.loads(run.stdout)["score"]

ids = sorted(page)
a = [coaches[0][i]["quality"] for i in ids]
b = [coaches[1][i]["quality"] for i in ids]
mean = [(x + y) / 2 for x, y in zip(a, b)]
judged = [{"bad": 1, "mixed": 2, "good": 3}[page[i]] for i in ids]
scores = [score[i] for i in ids]


def pairwise(values):
    good = [v for v, i in zip(values, ids) if page[i] == "good"]
    bad = [v for v, i in zip(values, ids) if page[i] == "bad"]
    return sum((g > w) + 0.5 * (g == w) for g in good for w in bad) / (len(good) * len(bad))


print(f"{len(ids)} texts; coach A against coach B: Spearman {spearmanr(a, b)[0]:.2f}, "
      f"same quality {sum(x == y for x, y in zip(a, b)) / len(ids):.0%}")
print(f"coaches (mean) against the pages' judgments: Spearman {spearmanr(mean, judged)[0]:.2f}")
print(f"good over bad, by the pages' judgments: coach A {pairwise(a):.2f}, coach B {pairwise(b):.2f}, "
      f"coaches' mean {pairwise(mean):.2f}, scorer {pairwise(scores):.2f}")
print(f"scorer against the coaches (mean): Spearman {spearmanr(scores, mean)[0]:.2f}")
praised = [i for i, m in zip(ids, mean) if page[i] == "good" and m <= 2.5]
print(f"judged good by their page, poor or worse by both coaches: {len(praised)} of "
      f"{sum(page[i] == 'good' for i in ids)}")
for i in praised:
    print(f"  {i}: {coaches[0][i]['note']}")
