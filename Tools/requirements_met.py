#!/usr/bin/env python3
"""Exits 0 when every `name==version` line of the requirements files given is installed at
that version, 1 otherwise (naming what is missing): the Makefile installs only then."""
import sys
from importlib import metadata

missing = []
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, wanted = line.partition("==")
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = None
        if found != wanted:
            missing.append(f"{name}=={wanted} (found {found or 'none'})")
if missing:
    print("missing: " + ", ".join(missing))
sys.exit(1 if missing else 0)
