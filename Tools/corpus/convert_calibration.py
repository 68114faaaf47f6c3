#!/usr/bin/env python3
"""One-off: the 120 coach-labelled calibration replies (Scoring/calibration.yaml) become the
corpus file Scoring/corpus/dev/calibration.yaml. Bands become qualities: excellent 5, good 4,
fair 3, poor 2 (the coach gave bands, not a 1-5 scale; poor is not split into 1 and 2)."""
import sys, yaml, os
sys.path.insert(0, os.path.dirname(__file__))
import corpus_yaml

QUALITY = {"excellent": 5, "good": 4, "fair": 3, "poor": 2}
source, target = sys.argv[1], sys.argv[2]
data = yaml.safe_load(open(source))
items = []
for it in data["items"]:
    items.append({
        "id": it["id"], "situation": it.get("situation"), "context": it.get("context"), "earlier": it.get("earlier"),
        "reply": it["reply"], "quality": QUALITY[it["band"]], "verdicts": it.get("verdicts", {}),
    })
corpus_yaml.write(target, [
    "The calibration set: whole replies judged by a customer-communications coach, written with the",
    "rubric in view and long tuned on. Dev only. Bands became qualities: excellent 5, good 4, fair 3,",
    "poor 2. See docs/scoring.md, \"Measuring the scorer\".",
], None, items)
print(len(items), "items")
