#!/usr/bin/env python3
"""Plans the blind corpus (issue 13): which situations are sealed, and for every reply to be
written, its beat kind, register, target quality and the principles to honour or break.

Run once, before any reply exists: `python3 Tools/corpus/make_specs.py WORKDIR`. It reads
WORKDIR/situations/*.json and writes WORKDIR/split.json and WORKDIR/specs/batch-N.jsonl.
Seeded, so the plan reproduces. Writers see a spec and its situation, never the rubric."""
import json, random, sys, glob, os, collections

SEED = 20261207
ITEMS_PER_SITUATION = 21
TEST_SITUATIONS = 20
BATCHES = 7

MOVES = ["apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel", "act-on-input"]
PITFALLS = ["over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin", "whining",
            "overpromise", "off-message", "hard-sell", "flippancy"]

CUSTOMER_REGISTERS = ["formal letter", "email", "live chat", "SMS", "public review reply", "social media post",
                      "non-native English", "no punctuation and typos", "one line", "600+ words"]
EXECUTIVE_REGISTERS = ["executive memo", "note to a colleague", "email", "one line", "non-native English", "600+ words"]
STATEMENT = "public incident statement"

# How each principle can be broken so that a phrase list would not see it.
SUBTLE = {
    "over-apology": ["apologise three or four times in different words spread through the reply",
                     "open and close with an apology and apologise again in the middle, each time sounding sincere"],
    "excuses": ["give a long chain of reasons (staffing, systems, volumes, a supplier) before getting to the point",
                "explain at length how hard the team tried and how complex the process is"],
    "blame-shifting": ["put the cause on 'a separate team' or 'our partner' without ever owning it",
                       "imply politely that the customer's own choice or input caused it",
                       "blame the system, the weather, the courier or the bank as the real cause"],
    "condescension": ["be polite on the surface but lecture the customer on what they should have done",
                      "use 'I'm sure you can understand' / 'as clearly stated' style phrasing that talks down",
                      "tell them what they will need to do next time, as an instruction",
                      "imply they would know this if they had read the terms or used the product properly"],
    "bribery": ["offer a voucher or credit and, softly, hope they might 'update their feedback' once happy",
                "mention that a kinder review 'would mean a lot to the team' next to the goodwill gesture",
                "tie the goodwill credit to them taking the post down or editing it, phrased gently"],
    "spin": ["use a conditional apology ('sorry if you feel...') or 'we regret any inconvenience'",
             "use passive voice that hides who did it ('mistakes were made', 'an error occurred')",
             "fill the reply with corporate filler ('we value your business', 'your satisfaction is our priority')",
             "give an evasive non-answer that sounds helpful"],
    "whining": ["dwell on how busy, understaffed or stretched the company is this season",
                "mention how hard this has been for the team or the company"],
    "overpromise": ["promise it will never happen again, absolutely",
                    "promise something beyond what the brief's may_offer allows (faster, more, sooner)"],
    "off-message": ["state something that contradicts one of the brief's facts (a date, a cause, a policy)",
                    "offer something the brief's policy rules out, as if it were allowed"],
    "hard-sell": ["recommend an upgrade or premium product as 'advice' that would avoid this in future",
                  "end with a promotion, a new product or a loyalty offer unrelated to fixing the problem"],
    "flippancy": ["use a casual joke, slang or an emoji although the harm is serious",
                  "make light of it with a breezy, chummy tone ('no worries', 'oops', 'these things happen!')"],
}
BLATANT = "make it plain and recognisable"
SUBTLE_MISS = {
    "apology": "leave out any real apology; at most a conditional or passive 'regret' that is not a first-person apology",
    "ownership": "never accept that it was the company's responsibility (no 'our fault', no 'we got it wrong')",
    "remedy": "offer no concrete fix for this customer",
    "prevention": "say nothing concrete about what changes to stop it happening again",
    "acknowledge": "do not reflect back their specific situation or feelings",
    "commitment": "give no specific who-does-what-by-when",
    "personal-channel": "keep it all in writing: offer no call, meeting or named person",
    "act-on-input": "brush off their feedback or suggestion ('we'll pass it on') without saying what will be done",
}
OWN_WORDS = "express it in your own words, avoiding the stock phrases people usually use for it"


def kind_and_register(sit, rng):
    """Who the reply answers and its form, drawn for one spec item."""
    r = rng.random()
    kind = "customer" if r < 0.6 else "colleague-draft" if r < 0.8 else "executive"
    if kind == "executive":
        register = rng.choice(EXECUTIVE_REGISTERS)
    else:
        register = rng.choice(CUSTOMER_REGISTERS + ([STATEMENT] if sit["severity"] == "severe" else []))
    if register == "600+ words" and rng.random() < 0.5:
        register = "email"  # keep the long ones to about 5% of the corpus
    return kind, register


def applicable(sit, kind):
    sev, fault, inp = sit["severity"], sit["company_at_fault"], sit["carries_input"]
    moves = ["remedy", "acknowledge", "commitment"]
    if fault: moves += ["apology", "ownership"]
    if sev in ("moderate", "severe") and fault: moves.append("prevention")
    if sev == "severe" or kind == "executive": moves.append("personal-channel")
    if inp: moves.append("act-on-input")
    pitfalls = [p for p in PITFALLS if p != "flippancy" or sev == "severe"]
    return [m for m in MOVES if m in moves], pitfalls


def main(work):
    rng = random.Random(SEED)
    sits = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(work, "situations", "*.json")))]
    assert len(sits) >= 40, f"only {len(sits)} situations"
    # Sealed split by situation, stratified by severity and by whether the customer gives
    # input (act-on-input needs both splits), before any reply exists.
    by_sev = collections.defaultdict(list)
    for s in sits: by_sev[(s["carries_input"], s["severity"])].append(s["id"])
    test = set()
    for sev in sorted(by_sev):
        ids = sorted(by_sev[sev]); rng.shuffle(ids)
        test.update(ids[: round(len(ids) * TEST_SITUATIONS / len(sits))])
    split = {"seed": SEED, "test": sorted(test), "dev": sorted(s["id"] for s in sits if s["id"] not in test)}
    json.dump(split, open(os.path.join(work, "split.json"), "w"), indent=2)

    pit_count = collections.Counter()
    specs = []
    for sit in sits:
        for n in range(ITEMS_PER_SITUATION):
            kind, register = kind_and_register(sit, rng)
            quality = rng.choices([1, 2, 3, 4, 5], weights=[18, 20, 22, 20, 20])[0]
            moves, pitfalls = applicable(sit, kind)
            misses = {5: 0, 4: 1, 3: 2, 2: rng.choice([3, 4]), 1: len(moves)}[quality]
            missed = rng.sample(moves, min(misses, len(moves))) if quality < 5 else []
            if quality == 1 and len(moves) > 2 and rng.random() < 0.4:
                missed = missed[:-1]  # a bad reply may still make one move
            n_pit = {5: 0, 4: 1 if rng.random() < 0.25 else 0, 3: 1 if rng.random() < 0.5 else 0,
                     2: 1 + (rng.random() < 0.4), 1: 2 + (rng.random() < 0.5)}[quality]
            # The least used pitfalls first, so every one is broken often enough.
            ranked = sorted(pitfalls, key=lambda p: (pit_count[p] + rng.random() * 6))
            if sit["severity"] == "severe" and "flippancy" in pitfalls and pit_count["flippancy"] < 70 and n_pit:
                ranked.remove("flippancy"); ranked.insert(0, "flippancy")
            broken = ranked[:n_pit]
            for p in broken: pit_count[p] += 1
            subtle_share = 0.5 if quality >= 3 else 0.35
            breaks = []
            for p in broken:
                how = rng.choice(SUBTLE[p]) if rng.random() < subtle_share else BLATANT
                breaks.append({"principle": p, "how": how})
            for m in missed:
                breaks.append({"principle": m, "how": SUBTLE_MISS[m]})
            honour = []
            for m in moves:
                if m in missed: continue
                honour.append({"principle": m, "how": OWN_WORDS if rng.random() < 0.4 else "naturally"})
            specs.append({
                "item": f"{sit['id']}-{n + 1:02d}", "situation": sit["id"], "slot": sit["slot"], "kind": kind,
                "register": register, "target_quality": quality, "honour": honour, "break": breaks,
                "avoid_all_other_pitfalls": True,
            })
    # Batches of whole situations, so a writer reads few situation files.
    batches = [[] for _ in range(BATCHES)]
    for i, sit in enumerate(sits):
        batches[i % BATCHES].extend(s for s in specs if s["situation"] == sit["id"])
    os.makedirs(os.path.join(work, "specs"), exist_ok=True)
    for i, batch in enumerate(batches):
        with open(os.path.join(work, "specs", f"batch-{i + 1}.jsonl"), "w") as f:
            for s in batch: f.write(json.dumps(s, ensure_ascii=False) + "\n")
    print(f"{len(specs)} specs in {BATCHES} batches; test situations {len(test)}, items {sum(1 for s in specs if s['situation'] in test)}")
    print("pitfalls broken:", dict(pit_count))
    print("registers:", dict(collections.Counter(s["register"] for s in specs)))


if __name__ == "__main__":
    main(sys.argv[1])
