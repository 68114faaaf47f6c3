# amends: two commands to know.
#   make play   build and start the trainer on the bundled scenarios
#   make test   build and run the whole test suite (what CI runs)
PREFIX ?= /usr/local
SWIFT ?= swift
BIN := .build/debug/amends

.PHONY: play test build release install uninstall deps bench clean

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

build: deps
	$(SWIFT) build

play: build
	@$(BIN)

test: build
	$(SWIFT) test

release: deps
	$(SWIFT) build -c release

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

clean:
	rm -rf .build
