#!/usr/bin/env python3
"""Trains the scorer's learned layer (Scoring/model.tsv) on the corpus's dev split only.

Input: the JSON lines `amends calibrate --features FILE` writes (dev items: their features as
the Swift scorer computes them, the phrase rubric's verdicts, the labels). For each principle a
logistic regression (L2) over those features; its regularisation and two thresholds are chosen
by cross-validation grouped by situation (a fold never holds a situation the model trained on),
precision first: a false "you blamed the courier" costs more trust than a miss.

  add   a probability at which the model makes a verdict the phrases missed
  keep  a probability under which the model overrules a phrase hit

Deterministic: the same features give the same file, byte for byte (`make model` retrains;
`make check-model` retrains into a temporary file and compares).

Usage: train.py FEATURES.jsonl OUT.tsv RUBRIC_VERSION [REPORT.json]
"""
import json
import sys

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

PRINCIPLES = ["apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel",
              "act-on-input", "over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin",
              "whining", "overpromise", "off-message", "hard-sell", "flippancy"]
MOVES = set(PRINCIPLES[:8])
C_GRID = [0.03, 0.1, 0.3, 1.0, 3.0]
KEEP_GRID = [0.0, 0.02, 0.05, 0.1, 0.2, 0.3]
ADD_GRID = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
PRECISION_FLOOR = 0.85
MIN_DOCS = 2          # a feature must occur in this many dev replies to be learned
MIN_CLASS = 6         # fewer positives or negatives than this: the phrases alone decide
PRUNE = 0.01          # weights smaller than this are left out of the file


def positive(principle):
    return "met" if principle in MOVES else "violated"


def scores(truth, predicted):
    tp = sum(1 for t, p in zip(truth, predicted) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted) if not t and p)
    fn = sum(1 for t, p in zip(truth, predicted) if t and not p)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def choose_thresholds(truth, rule_hits, probabilities, applicable):
    """The (keep, add) pair with the best F1 whose precision clears the floor; when none does,
    the best F0.5. Only items where the phrase rubric finds the principle applicable count."""
    rows = [i for i, a in enumerate(applicable) if a]
    t = [truth[i] for i in rows]
    best, best_key = None, None
    for keep in KEEP_GRID:
        for add in ADD_GRID:
            predicted = [(probabilities[i] >= keep) if rule_hits[i] else (probabilities[i] >= add) for i in rows]
            p, r, f1 = scores(t, predicted)
            f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
            key = (1, f1, p) if p >= PRECISION_FLOOR else (0, f05, p)
            # Ties go to the most conservative pair: keep every phrase hit, add least.
            key = key + (-keep, add)
            if best_key is None or key > best_key:
                best, best_key = (keep, add, p, r, f1), key
    return best


def main():
    features_path, out_path, rubric_version = sys.argv[1], sys.argv[2], sys.argv[3]
    report_path = sys.argv[4] if len(sys.argv) > 4 else None
    items = [json.loads(line) for line in open(features_path) if line.strip()]
    items.sort(key=lambda it: it["id"])
    groups = np.array([it["group"] for it in items])
    # The vocabulary: features in at least MIN_DOCS replies, in name order.
    counts = {}
    for it in items:
        for name in it["features"]:
            counts[name] = counts.get(name, 0) + 1
    vocabulary = sorted(name for name, n in counts.items() if n >= MIN_DOCS)
    vectorizer = DictVectorizer(sparse=True, sort=True)
    vectorizer.fit([{name: 1 for name in vocabulary}])
    X_all = vectorizer.transform([{name: 1 for name in it["features"] if name in counts and counts[name] >= MIN_DOCS} for it in items])
    names = vectorizer.get_feature_names_out()

    bias, add, keep, rows = [], [], [], {}
    report = {}
    for column, principle in enumerate(PRINCIPLES):
        target = positive(principle)
        index = [i for i, it in enumerate(items) if it["labels"].get(principle) in ("met", "missed", "avoided", "violated")]
        y = np.array([items[i]["labels"][principle] == target for i in index])
        rule_hits = [items[i]["rules"].get(principle) == target for i in index]
        applicable = [items[i]["rules"].get(principle) != "not-applicable" for i in index]
        if y.sum() < MIN_CLASS or (~y).sum() < MIN_CLASS:
            bias.append(-20.0); add.append(1.01); keep.append(0.0)
            report[principle] = {"trained": False, "positives": int(y.sum()), "rows": len(index)}
            continue
        X = X_all[index]
        g = groups[index]
        folds = GroupKFold(n_splits=min(5, len(set(g))))
        best_c, best_loss, best_oof = None, None, None
        for c in C_GRID:
            oof = np.zeros(len(index))
            for train, test in folds.split(X, y, g):
                if y[train].all() or not y[train].any():
                    oof[test] = y[train].mean()
                    continue
                model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
                model.fit(X[train], y[train])
                oof[test] = model.predict_proba(X[test])[:, 1]
            loss = -np.mean(y * np.log(np.clip(oof, 1e-6, 1)) + (~y) * np.log(np.clip(1 - oof, 1e-6, 1)))
            if best_loss is None or loss < best_loss - 1e-9:
                best_c, best_loss, best_oof = c, loss, oof
        k, a, p, r, f1 = choose_thresholds(list(y), rule_hits, list(best_oof), applicable)
        rule_p, rule_r, rule_f1 = scores([y[i] for i in range(len(y)) if applicable[i]], [rule_hits[i] for i in range(len(y)) if applicable[i]])
        model = LogisticRegression(C=best_c, max_iter=5000, solver="lbfgs")
        model.fit(X, y)
        bias.append(float(model.intercept_[0])); add.append(a); keep.append(k)
        for name, weight in zip(names, model.coef_[0]):
            if abs(weight) >= PRUNE:
                rows.setdefault(name, []).append((column, float(weight)))
        report[principle] = {"trained": True, "C": best_c, "keep": k, "add": a, "rows": len(index), "positives": int(y.sum()),
                             "cv": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)},
                             "phrases_alone": {"precision": round(rule_p, 3), "recall": round(rule_r, 3), "f1": round(rule_f1, 3)}}

    def number(x):
        return f"{x:.6g}"

    with open(out_path, "w") as out:
        out.write("# The scorer's trained layer: logistic regressions over ReplyFeatures, one column per principle.\n")
        out.write("# Written by Tools/scoring/train.py from the dev split (`make model`); never edit by hand.\n")
        out.write(f"# Trained on {len(items)} dev replies; {len(rows)} features with a weight.\n")
        out.write("format\t1\n")
        out.write(f"rubric-version\t{rubric_version}\n")
        out.write("principles\t" + " ".join(PRINCIPLES) + "\n")
        out.write("bias\t" + " ".join(number(b) for b in bias) + "\n")
        out.write("add\t" + " ".join(number(x) for x in add) + "\n")
        out.write("keep\t" + " ".join(number(x) for x in keep) + "\n")
        for name in sorted(rows):
            out.write("feature\t" + name + "\t" + " ".join(f"{c}:{number(w)}" for c, w in rows[name]) + "\n")
    if report_path:
        with open(report_path, "w") as f:
            json.dump(report, f, indent=2, sort_keys=True)
    for principle in PRINCIPLES:
        r = report[principle]
        if r["trained"]:
            print(f"{principle:17} C={r['C']:<5} keep={r['keep']:<5} add={r['add']:<5} cv P/R/F1 {r['cv']['precision']:.2f}/{r['cv']['recall']:.2f}/{r['cv']['f1']:.2f}"
                  f"   phrases alone {r['phrases_alone']['precision']:.2f}/{r['phrases_alone']['recall']:.2f}/{r['phrases_alone']['f1']:.2f}")
        else:
            print(f"{principle:17} not trained ({r['positives']} positives in {r['rows']} labelled replies)")


if __name__ == "__main__":
    main()
