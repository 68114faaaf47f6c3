#!/usr/bin/env python3
"""Checks every bundled scenario against Scenarios/schema.json, the schema editors use.

Run by `make test`. Also checks that the schema is valid JSON Schema (draft 2020-12), that it
rejects deliberately broken scenarios (each a one-key change to a valid one, so each is
rejected for that change and no other), and, when the amends binary is built, that the file
`amends new` writes passes too.

Usage: Tests/schema/validate.py [SCENARIO.yaml ...]   (default: Scenarios/*.yaml)
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as error:
    sys.exit(f"Tests/schema/validate.py needs Python's jsonschema and PyYAML ({error}); "
             "install them with: apt-get install python3-jsonschema python3-yaml")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class CoreLoader(yaml.SafeLoader):
    """YAML 1.2's core types, as the YAML language server reads them: `yes`, `no`, `on` and
    dates stay text (PyYAML's YAML 1.1 would turn them into booleans and dates)."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=CoreLoader)


def problems(validator, document):
    return [f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
            for error in validator.iter_errors(document)]


def beat(document, kind):
    return next(b for b in document["beats"] if b["kind"] == kind)


def drop(mapping, key):
    del mapping[key]


# Each breaks one thing the schema must catch.
BROKEN = [
    ("a misspelt beat key", lambda d: beat(d, "customer").update(mesage="hi")),
    ("an unknown top-level key", lambda d: d.update(author="me")),
    ("a difficulty outside the enum", lambda d: d.update(difficulty="expert")),
    ("a severity outside the enum", lambda d: d.update(severity="catastrophic")),
    ("a mood outside the enum", lambda d: d.update(mood="livid")),
    ("a newer format", lambda d: d.update(format=2)),
    ("an upper-case scenario id", lambda d: d.update(id="Late-Refund")),
    ("a missing debrief", lambda d: drop(d, "debrief")),
    ("a beat kind outside the enum", lambda d: beat(d, "customer").update(kind="email")),
    ("a beat called end", lambda d: beat(d, "customer").update(id="end")),
    ("a colleague draft without its draft", lambda d: drop(beat(d, "colleague-draft"), "draft")),
    ("an unknown principle in expects", lambda d: beat(d, "customer").update(expects=["apologies"])),
    ("a move expected to be avoided", lambda d: beat(d, "customer")["samples"][0].update(verdicts={"apology": "avoided"})),
    ("a band outside the enum", lambda d: beat(d, "customer")["samples"][0].update(band="great")),
    ("a branch waiting for a move to be violated", lambda d: beat(d, "customer")["branches"].insert(0, {"when": {"violated": "apology"}, "goto": "end"})),
    ("a branch without goto", lambda d: beat(d, "customer")["branches"].insert(0, {"when": {"band": "poor"}})),
    ("a cast role outside the enum", lambda d: d["cast"][0].update(role="manager")),
    ("a fact without text", lambda d: d["brief"]["facts"].append({"id": "x"})),
    ("a score condition out of range", lambda d: beat(d, "customer")["branches"].insert(0, {"when": {"score-at-least": 120}, "goto": "end"})),
]


def main(arguments):
    schema_path = os.path.join(ROOT, "Scenarios", "schema.json")
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    paths = arguments or sorted(glob.glob(os.path.join(ROOT, "Scenarios", "*.yaml")))
    for path in paths:
        for problem in problems(validator, load(path)):
            failures.append(f"{os.path.relpath(path, ROOT)}: {problem}")

    base_path = os.path.join(ROOT, "Scenarios", "courier-blame-draft.yaml")
    base = load(base_path)
    if problems(validator, base):
        failures.append("the base of the negative checks, courier-blame-draft.yaml, does not validate")
    for name, breaking in BROKEN:
        document = copy.deepcopy(base)
        breaking(document)
        if not problems(validator, document):
            failures.append(f"the schema accepts {name}")

    binary = os.environ.get("AMENDS_BIN", os.path.join(ROOT, ".build", "debug", "amends"))
    checked_template = False
    if os.access(binary, os.X_OK):
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([binary, "new", "schema-check", "--output", folder], check=True, capture_output=True)
            for problem in problems(validator, load(os.path.join(folder, "schema-check.yaml"))):
                failures.append(f"the template of `amends new`: {problem}")
            checked_template = True

    # The measurement corpus has a schema of its own, for the editors of its files.
    corpus_files = []
    if not arguments:
        with open(os.path.join(ROOT, "Scoring", "corpus", "schema.json"), encoding="utf-8") as handle:
            corpus_schema = json.load(handle)
        jsonschema.Draft202012Validator.check_schema(corpus_schema)
        corpus_validator = jsonschema.Draft202012Validator(corpus_schema)
        corpus_files = sorted(glob.glob(os.path.join(ROOT, "Scoring", "corpus", "*", "*.yaml")))
        for path in corpus_files:
            for problem in problems(corpus_validator, load(path)):
                failures.append(f"{os.path.relpath(path, ROOT)}: {problem}")

    for failure in failures:
        print(f"schema: {failure}", file=sys.stderr)
    template = ", the `amends new` template" if checked_template else ""
    corpus = f", {len(corpus_files)} corpus files" if corpus_files else ""
    print(f"schema: {len(paths)} scenarios{template}{corpus} and {len(BROKEN)} broken variants checked, "
          f"{len(failures)} problem{'s' if len(failures) != 1 else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
