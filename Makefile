# amends: two commands to know.
#   make play   build and start the trainer on the bundled scenarios
#   make test   build and run the whole test suite (what CI runs)
PREFIX ?= /usr/local
SWIFT ?= swift
BIN := .build/debug/amends

.PHONY: play test test-deps build release install uninstall deps bench docs fuzz-smoke clean model check-model model-deps format format-check

# libedit (line editing) comes from Debian's libedit-dev; tmux drives the terminal test.
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev pkg-config"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then \
	    echo "Installing$$missing (with sudo)"; \
	    sudo apt-get update -qq && sudo apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "amends needs:$$missing. Install them as root: apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

# The checks beside the Swift tests: the schema check and the DuckDB cross-check read with the
# pinned Python modules of Tests/requirements.txt; the browser check renders the HTML report in
# Chromium, from Debian like libedit, and one terminal test runs the line editor under
# Debian's valgrind. Installed when missing; only where installing is impossible (not root,
# no sudo) do those checks skip, and they say so loudly.
test-deps:
	@python3 Tools/requirements_met.py Tests/requirements.txt >/dev/null || { \
	  echo "Installing the Python modules of the checks (Tests/requirements.txt)"; \
	  python3 -m pip install --quiet -r Tests/requirements.txt || { echo "amends: the checks need: python3 -m pip install -r Tests/requirements.txt" >&2; exit 1; }; }
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing chromium (the browser check of the HTML report)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    echo "Installing chromium with sudo (the browser check of the HTML report)"; \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else \
	    echo "amends: cannot install chromium here (not root, no sudo): the browser check will be SKIPPED" >&2; \
	  fi; }
	@{ command -v valgrind >/dev/null 2>&1 && command -v objcopy >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing valgrind and binutils (the line editor's memory check under a resize)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind binutils >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    echo "Installing valgrind and binutils with sudo (the line editor's memory check)"; \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind binutils >/dev/null; \
	  else \
	    echo "amends: cannot install valgrind here (not root, no sudo): the line editor's memory check will be SKIPPED" >&2; \
	  fi; }

# The trained layer's training script (Tools/scoring/train.py) needs scikit-learn at the pinned
# versions of Tools/scoring/requirements.txt; the shipped amends needs no Python.
model-deps:
	@python3 Tools/requirements_met.py Tools/scoring/requirements.txt >/dev/null || { \
	  echo "Installing the training script's Python modules (Tools/scoring/requirements.txt)"; \
	  python3 -m pip install --quiet -r Tools/scoring/requirements.txt || { echo "amends: make model needs: python3 -m pip install -r Tools/scoring/requirements.txt" >&2; exit 1; }; }

# Retrains the scorer's learned layer on the corpus's dev split: Scoring/model.tsv.
model: build model-deps
	$(BIN) calibrate --features .build/dev-features.jsonl --library .
	python3 Tools/scoring/train.py .build/dev-features.jsonl Scoring/model.tsv "$$(sed -n 's/^version: *"\{0,1\}\([^"]*\)"\{0,1\}/\1/p' Scoring/rubric.yaml)" .build/model-report.json

# Retrains into a temporary file and checks it is the shipped Scoring/model.tsv, byte for byte.
check-model: build model-deps
	$(BIN) calibrate --features .build/dev-features.jsonl --library .
	python3 Tools/scoring/train.py .build/dev-features.jsonl .build/model-check.tsv "$$(sed -n 's/^version: *"\{0,1\}\([^"]*\)"\{0,1\}/\1/p' Scoring/rubric.yaml)" > /dev/null
	cmp Scoring/model.tsv .build/model-check.tsv && echo "Scoring/model.tsv reproduces from the dev split"

build: deps
	$(SWIFT) build

play: build
	@$(BIN)

# Everything: the Swift tests, the scenario schema check, the DuckDB cross-check of the report,
# the browser check of the HTML report (when Chromium is installed) and a short fuzz run.
test: build test-deps format-check
	$(SWIFT) test
	python3 Tests/schema/validate.py
	python3 Tests/report/duckdb_check.py
	python3 Tests/report/browser_check.py
	$(MAKE) fuzz-smoke

# The Swift sources follow .swift-format (swift-format ships with the toolchain): `make format`
# rewrites them, and `make test` fails on a file that is not formatted.
SWIFT_SOURCES := Sources Tests Benchmarks Fuzz Package.swift
format:
	$(SWIFT) format --in-place --recursive --parallel $(SWIFT_SOURCES)

format-check:
	@$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_SOURCES) || { echo "amends: run \`make format\`" >&2; exit 1; }

# A short libFuzzer run of every fuzz target (the long runs: Fuzz/run.sh TARGET 1000000).
fuzz-smoke:
	Fuzz/smoke.sh

# The Swift runtime and Foundation linked in (--static-swift-stdlib): the installed amends needs
# no toolchain beside it, and starts in half the time (no dynamic linking of the Swift libraries:
# `amends check` went from 37 to 31 ms, `--help` from 12 to 7 ms).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/amends
	install -m 755 .build/release/amends $(DESTDIR)$(PREFIX)/bin/amends
	rm -rf $(DESTDIR)$(PREFIX)/share/amends/Scenarios $(DESTDIR)$(PREFIX)/share/amends/Scoring
	cp -R Scenarios Scoring $(DESTDIR)$(PREFIX)/share/amends/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/amends
	rm -rf $(DESTDIR)$(PREFIX)/share/amends

bench: deps
	Benchmarks/run.sh

# The per-principle reference in docs/scoring.md, generated from Scoring/*.yaml.
docs: build
	docs/generate.sh

clean:
	rm -rf .build
