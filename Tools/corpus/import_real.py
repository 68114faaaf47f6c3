#!/usr/bin/env python3
"""Turns the gathered published responses (WORKDIR/real/*.json, one per response, copied
verbatim from stored public pages by the search tool) into TARGET/<id>.yaml: Scoring/corpus/real
(sealed) or Scoring/corpus/real-dev (may be tuned on); the folder's name says which.
Each keeps its source address, the page's judgment and the sentence that carries it. The
scorer reads the response as a reply to a customer, at the severity the gatherer gave."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
import corpus_yaml

work, target = sys.argv[1], sys.argv[2]
sealed = os.path.basename(os.path.normpath(target)) != "real-dev"
os.makedirs(target, exist_ok=True)
seen = set()
count = 0
for path in sorted(glob.glob(os.path.join(work, "real", "*.json"))):
    r = json.load(open(path))
    rid = re.sub(r"[^a-z0-9-]+", "-", r["id"].lower()).strip("-")
    assert rid not in seen, rid
    seen.add(rid)
    item = {
        "id": rid, "company": r["company"], "published-as": r["kind"], "source": r["source"],
        "source-title": r["source_title"], "judgment": r["judgment"], "judging-quote": r["judging_quote"],
        "reply": r["response"],
    }
    corpus_yaml.write(os.path.join(target, rid + ".yaml"), [
        "A real published response, copied verbatim from the page named in `source` and judged by it",
        "(judgment, judging-quote). " + ("Dev: read it, tune on it." if sealed is False else "Test only: never tuned on.")
        + " See docs/scoring.md.",
    ], r["situation"], [item], context={"severity": r["severity"], "beat": "customer"})
    count += 1
print(count, "real responses")
