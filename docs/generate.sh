#!/usr/bin/env bash
# Regenerates the per-principle reference in docs/scoring.md from Scoring/*.yaml (make docs).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${AMENDS_BIN:-.build/debug/amends}
doc=docs/scoring.md
generated=$("$bin" --library . principles --format markdown)
python3 - "$doc" "$generated" <<'PY'
import sys
path, generated = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- BEGIN generated", "<!-- END generated -->"
if begin in text:
    head = text[:text.index(begin)]
    tail = text[text.index(end) + len(end):]
    text = head + generated + tail
else:
    text = text.replace("PRINCIPLE-REFERENCE", generated)
open(path + ".tmp", "w", encoding="utf-8").write(text)
PY
mv "$doc.tmp" "$doc"
echo "updated $doc"
