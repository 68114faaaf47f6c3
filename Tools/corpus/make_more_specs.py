#!/usr/bin/env python3
"""Plans a second round of dev replies (issue 14): more replies on the dev situations, and
replies on new situations that exist only in dev. Nothing here touches the sealed test
situations. Pitfalls that the scorer's errors on dev show are hard to catch in paraphrase
(blame-shifting, excuses, condescension, off-message, spin, whining, hard-sell) are broken
more often and more often subtly, so the trained layer sees their paraphrases.

Run once, before any reply of the round exists:
`python3 Tools/corpus/make_more_specs.py WORKDIR [SEED]`. Reads WORKDIR/situations/*.json,
writes WORKDIR/specs/batch-N.jsonl. Seeded, so the plan reproduces. Round 2 (corpus-work2,
slots 51-66 and the dev situations) used the default seed; round 3 (slots 67-90, all new) 20261209; round 4 (91-114) 20261210; round 5 (115-138) 20261211;
round 6 (139-162) 20261212; round 7 (163-186) 20261213; round 8 (187-210) 20261214. Rounds 5-7 split each batch in two by
situation for their writers (writer-tasks/part-N.jsonl); the plan is the same."""
import collections, glob, json, os, random, sys
sys.path.insert(0, os.path.dirname(__file__))
from make_specs import BLATANT, OWN_WORDS, SUBTLE, SUBTLE_MISS, applicable, kind_and_register

SEED = 20261208
FIRST_NEW_SLOT = 51          # situations from this slot on are new in this round
ITEMS_PER_OLD_SITUATION = 6  # numbered after the first round's 21
ITEMS_PER_NEW_SITUATION = 10
HARD = {"blame-shifting": 3, "excuses": 3, "condescension": 3, "off-message": 2, "spin": 2, "whining": 2,
        "hard-sell": 2}
BATCHES = 4


def plan(sit, count, first, rng, pit_count):
    specs = []
    for n in range(count):
        kind, register = kind_and_register(sit, rng)
        quality = rng.choices([1, 2, 3, 4, 5], weights=[14, 22, 26, 22, 16])[0]
        moves, pitfalls = applicable(sit, kind)
        misses = {5: 0, 4: 1, 3: 2, 2: rng.choice([3, 4]), 1: len(moves)}[quality]
        missed = rng.sample(moves, min(misses, len(moves))) if quality < 5 else []
        n_pit = {5: 0, 4: 1 if rng.random() < 0.4 else 0, 3: 1, 2: 1 + (rng.random() < 0.4),
                 1: 2 + (rng.random() < 0.5)}[quality]
        weight = lambda p: HARD.get(p, 1)
        ranked = sorted(pitfalls, key=lambda p: (pit_count[p] / weight(p) + rng.random() * 3))
        broken = ranked[:n_pit]
        breaks = []
        for p in broken:
            pit_count[p] += 1
            subtle = rng.random() < (0.7 if p in HARD else 0.4)
            breaks.append({"principle": p, "how": rng.choice(SUBTLE[p]) if subtle else BLATANT})
        breaks += [{"principle": m, "how": SUBTLE_MISS[m]} for m in missed]
        honour = [{"principle": m, "how": OWN_WORDS if rng.random() < 0.4 else "naturally"}
                  for m in moves if m not in missed]
        specs.append({"item": f"{sit['id']}-{first + n:02d}", "situation": sit["id"], "slot": sit["slot"],
                      "kind": kind, "register": register, "target_quality": quality, "honour": honour,
                      "break": breaks, "avoid_all_other_pitfalls": True})
    return specs


def main(work, seed=SEED):
    rng = random.Random(seed)
    sits = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(work, "situations", "*.json")))]
    old = [s for s in sits if int(s["slot"]) < FIRST_NEW_SLOT]
    new = [s for s in sits if int(s["slot"]) >= FIRST_NEW_SLOT]
    pit_count = collections.Counter()
    groups = [plan(s, ITEMS_PER_OLD_SITUATION, 22, rng, pit_count) for s in old]
    groups += [plan(s, ITEMS_PER_NEW_SITUATION, 1, rng, pit_count) for s in new]
    # Old situations in batches 1-2, new ones in 3-4: the new situations are written later.
    batches = [[] for _ in range(BATCHES)]
    for i, group in enumerate(groups[:len(old)]):
        batches[i % 2].extend(group)
    for i, group in enumerate(groups[len(old):]):
        batches[2 + i % 2].extend(group)
    os.makedirs(os.path.join(work, "specs"), exist_ok=True)
    for i, batch in enumerate(batches):
        if not batch:
            continue
        with open(os.path.join(work, "specs", f"batch-{i + 1}.jsonl"), "w") as f:
            for s in batch:
                f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(f"{sum(map(len, groups))} specs: {len(old)} old situations, {len(new)} new")
    print("pitfalls broken:", dict(pit_count))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else SEED)
