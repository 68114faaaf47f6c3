"""Shared reading of the corpus work folder: situations, specs, replies, and the two label
rounds (A, B), including re-labels of replies that changed after the first round (R-A, R-B)."""
import glob, json, os

PRINCIPLES = ["apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel",
              "act-on-input", "over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin",
              "whining", "overpromise", "off-message", "hard-sell", "flippancy"]


def jsonl(path):
    return [json.loads(l) for l in open(path) if l.strip()]


def situations(work):
    return {s["id"]: s for s in (json.load(open(f)) for f in glob.glob(os.path.join(work, "situations", "*.json")))}


def specs(work):
    return {s["item"]: s for f in glob.glob(os.path.join(work, "specs", "*.jsonl")) for s in jsonl(f)}


def replies(work):
    return {r["item"]: r["reply"] for f in glob.glob(os.path.join(work, "replies", "*.jsonl")) for r in jsonl(f)}


def rounds(work):
    """item -> {"A": label, "B": label}. A re-label round (R-A, R-B) replaces the first round's
    label of a reply that was edited after the first round read it."""
    out = {}
    for name in ["A", "B"]:
        for f in sorted(glob.glob(os.path.join(work, "labels", f"{name}-*.jsonl"))):
            for label in jsonl(f):
                out.setdefault(label["item"], {})[name] = label
        for f in sorted(glob.glob(os.path.join(work, "labels", f"R{name}-*.jsonl"))):
            for label in jsonl(f):
                out.setdefault(label["item"], {})[name] = label
    return out
