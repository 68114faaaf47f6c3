#!/usr/bin/env python3
"""Writes Scoring/corpus/MANIFEST.json: the SHA-256 of every corpus file and of each set.

The test suite recomputes it (CorpusManifestTests): a file of the sealed test set, or of the
real set, that changes without a new manifest fails the suite. Regenerating the manifest is
therefore a deliberate, visible commit. Run: python3 Tools/corpus/manifest.py [CORPUS_DIR]"""
import hashlib, json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "Scoring", "corpus")
manifest = {}
for name in ["dev", "test", "real", "real-dev"]:
    folder = os.path.join(root, name)
    files = sorted(f for f in os.listdir(folder) if f.endswith(".yaml"))
    digests = {f"{name}/{f}": hashlib.sha256(open(os.path.join(folder, f), "rb").read()).hexdigest() for f in files}
    # The set's digest: SHA-256 of its "<digest>  <path>\n" lines in path order (sha256sum's format).
    listing = "".join(f"{d}  {p}\n" for p, d in sorted(digests.items()))
    manifest[name] = {"sha256": hashlib.sha256(listing.encode()).hexdigest(), "files": digests}
with open(os.path.join(root, "MANIFEST.json"), "w") as f:
    json.dump(manifest, f, indent=2, sort_keys=True)
    f.write("\n")
print({k: len(v["files"]) for k, v in manifest.items()})
