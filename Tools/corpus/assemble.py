#!/usr/bin/env python3
"""Writes the corpus (Scoring/corpus/dev|test/<situation>.yaml) from the work folder: each
situation's brief as the scorer's context, each reply with its kind and register, and the
final labels: the two rounds where they agree, the adjudicator's call where they do not.
Also prints Cohen's kappa per principle between the two rounds (for docs/scoring.md) and the
coverage counts issue 13 asks for.

Run: python3 Tools/corpus/assemble.py WORKDIR CORPUS_DIR [KAPPA.json] [--suffix S]
A later round of dev replies (make_more_specs.py) has no split.json: all of it is dev. Round 2,
which added replies to the first round's dev situations, was written with `--suffix -more`
(<situation>-more.yaml beside the first round's files, never over them); rounds 3-6, on new
situations only, without a suffix. Round 7 (corpus-work7) has a split.json naming all 24 of its
situations as test: it was sealed whole, as more of the test set. Round 8 (corpus-work8, 24 new
situations) has no split.json: all of it is dev."""
import collections, glob, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
import corpus_yaml
from labels import PRINCIPLES, jsonl, replies, rounds, situations, specs

MOVES = set(PRINCIPLES[:8])


def kappa(pairs):
    """Cohen's kappa between two raters' categorical labels."""
    n = len(pairs)
    if n == 0:
        return None
    agree = sum(1 for a, b in pairs if a == b) / n
    ca = collections.Counter(a for a, _ in pairs)
    cb = collections.Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return None if expected == 1 else (agree - expected) / (1 - expected)


def main():
    args = sys.argv[1:]
    suffix = ""
    if "--suffix" in args:
        at = args.index("--suffix")
        suffix = args[at + 1]
        del args[at:at + 2]
    work, corpus = args[0], args[1]
    kappa_path = args[2] if len(args) > 2 else None
    sits, sp, reps, labels = situations(work), specs(work), replies(work), rounds(work)
    split_path = os.path.join(work, "split.json")
    split = json.load(open(split_path)) if os.path.exists(split_path) else {"test": []}
    adjudicated = {a["item"]: a for f in glob.glob(os.path.join(work, "adjudicated", "*.jsonl")) for a in jsonl(f)}
    kappas = {p: kappa([(labels[i]["A"]["verdicts"].get(p), labels[i]["B"]["verdicts"].get(p)) for i in labels
                        if "A" in labels[i] and "B" in labels[i]]) for p in PRINCIPLES}
    qk = kappa([(labels[i]["A"]["quality"], labels[i]["B"]["quality"]) for i in labels if "A" in labels[i] and "B" in labels[i]])
    final = {}
    missing = []
    for item in sorted(reps):
        pair = labels.get(item, {})
        if "A" not in pair or "B" not in pair:
            missing.append(item)
            continue
        a, b = pair["A"], pair["B"]
        verdicts, quality = {}, None
        for p in PRINCIPLES:
            va, vb = a["verdicts"].get(p), b["verdicts"].get(p)
            verdicts[p] = va if va == vb else adjudicated.get(item, {}).get("verdicts", {}).get(p)
        quality = a["quality"] if a["quality"] == b["quality"] else adjudicated.get(item, {}).get("quality")
        if quality is None or any(v is None for v in verdicts.values()):
            missing.append(item)
            continue
        final[item] = (verdicts, quality)
    if missing:
        sys.exit(f"{len(missing)} items lack a final label, e.g. {missing[:5]}")

    coverage = collections.Counter()
    by_situation = collections.defaultdict(list)
    for item, (verdicts, quality) in final.items():
        spec = sp[item]
        by_situation[spec["situation"]].append(item)
        for p, v in verdicts.items():
            coverage[(p, v)] += 1
    for sid, items in sorted(by_situation.items()):
        s = sits[sid]
        folder = "test" if sid in split["test"] else "dev"
        context = {
            "severity": s["severity"], "company-at-fault": s["company_at_fault"], "carries-input": s["carries_input"],
            "facts": [{"id": f["id"], "text": f["text"], "contradicted-by": f["contradicted_by"]} for f in s["facts"]],
            "out-of-reach": s["out_of_reach"], "may-offer": s["may_offer"],
        }
        rows = []
        for item in sorted(items, key=lambda i: int(i.rsplit("-", 1)[1])):
            verdicts, quality = final[item]
            rows.append({"id": item, "kind": sp[item]["kind"], "register": sp[item]["register"], "reply": reps[item],
                         "quality": quality, "verdicts": verdicts})
        os.makedirs(os.path.join(corpus, folder), exist_ok=True)
        corpus_yaml.write(os.path.join(corpus, folder, sid + suffix + ".yaml"), [
            f"{'Sealed test set: scored in aggregate only, never read item by item, never tuned on.' if folder == 'test' else 'Dev set: read it, tune on it.'}",
            "Replies written blind to the rubric from a spec (situation, register, target quality, principles to",
            "honour or break), labelled by two coaches who saw only PRINCIPLES.md and the articles, disagreements",
            "settled by a third. See docs/scoring.md, \"Measuring the scorer\".",
        ], s["situation"], rows, industry=s["industry"], context=context)
    print(f"{len(final)} items in {len(by_situation)} situations")
    print("kappa per principle:", {p: (round(k, 3) if k is not None else None) for p, k in kappas.items()}, "quality:", round(qk, 3))
    for p in PRINCIPLES:
        pos, neg = ("met", "missed") if p in MOVES else ("violated", "avoided")
        print(f"  {p:17} {pos} {coverage[(p, pos)]:4}  {neg} {coverage[(p, neg)]:4}  n/a {coverage[(p, 'not-applicable')]:4}")
    if kappa_path:
        json.dump({"principles": kappas, "quality": qk, "items": len(final)}, open(kappa_path, "w"), indent=2)


if __name__ == "__main__":
    main()
