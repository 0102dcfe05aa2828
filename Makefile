# Two commands set everything up on a fresh Debian/Ubuntu machine with Python 3.11+:
#   make serve   build and serve the site on http://127.0.0.1:8000
#   make test    run every test (installs Chromium for the browser tests if missing)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Material 9.7+ prints a banner about MkDocs 2.0 on every build; the notes know.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-unit test-js snippets lint lock clean captures clean-cache bench \
	bench-sitecheck bench-serve bench-lighthouse bench-yaml bench-install diagrams

# SITE_URL puts the local preview at the root (the published site_url has a path).
# --dirty: a save rebuilds the pages that changed only (about half a second); after a change
# to the nav or a page title, restart, or use `make serve SERVE_FLAGS=` for full rebuilds.
SERVE_FLAGS ?= --dirty
serve: $(VENV)/.site
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/studynotes serve --dev-addr 127.0.0.1:8000 $(SERVE_FLAGS)

build: $(VENV)/.site
	$(BIN)/studynotes build --strict --site-dir site

# Tests run on every core (pytest-xdist, a file at a time: tests/conftest.py) and need
# a Docker engine (live output, Dockerfile snippets), started if none answers, and the
# Nu HTML Checker (fetched once from the npm registry, integrity-checked).
test: lint
	scripts/system-deps.sh test
	$(MAKE) --no-print-directory test-js
	$(BIN)/python scripts/fetch_tools.py >/dev/null
	scripts/with-docker.sh $(BIN)/python -m pytest -n auto

# The browser code's unit tests (study mode's scheduler), under Node's own test runner.
test-js:
	@command -v node >/dev/null || { echo "Node.js is missing: make test installs it"; exit 1; }
	@node -e 'process.exit(parseInt(process.versions.node) < 18 ? 1 : 0)' || \
	  { echo "node --test needs Node.js 18 or later: this is $$(node --version)"; exit 1; }
	node --test tests/js/*.test.js

# The quick loop while editing: ruff and the unit tests (no build, Chromium or Docker).
test-unit: lint
	$(BIN)/python -m pytest -m unit

# Before a pull request: the build's checks and the snippet checks, for one page
# (PAGE=docs/linux/df.md) or all; see CONTRIBUTING.md, "Check your page".
check: $(VENV)/.test
	scripts/with-docker.sh $(BIN)/studynotes check $(PAGE)

# Draw the pages' Mermaid diagrams not drawn yet into data/diagrams/ (commit them):
# pages ship the drawing and readers' browsers run no Mermaid (studynotes/diagrams.py).
diagrams: $(VENV)/.test
	scripts/system-deps.sh test
	$(BIN)/python scripts/render_diagrams.py

# Run the notes' marked code blocks (see CONTRIBUTING.md, "Runnable snippets").
snippets: $(VENV)/.test
	scripts/with-docker.sh $(BIN)/studynotes snippets

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zizmor --offline --persona auditor .github/workflows studynotes/new_site/dot-github/workflows/*.yml

# Build-time figures per engine: cold and warm full builds against the same pages built
# with their macros already expanded (median of 3; --runs, --pages, --engines).
bench: $(VENV)/.test
	scripts/with-docker.sh $(BIN)/python scripts/bench.py

# The built-site check alone, on the real site and on 500 generated pages (figures only).
bench-sitecheck: $(VENV)/.site
	$(BIN)/python scripts/bench.py --sitecheck

# How fast the YAML guard refuses alias bombs and deep nesting (figures only).
bench-yaml: $(VENV)/.site
	$(BIN)/python scripts/bench_yaml_guard.py

# Edit-to-visible time of `make serve` (median of 5 edits of two pages; --full to compare).
bench-serve: $(VENV)/.test
	$(BIN)/python scripts/bench_serve.py

# Lighthouse (mobile) scores of four pages served with gzip; needs Node.js and the npm
# registry (npx fetches Lighthouse 12.2.3). A benchmark: figures only, never a test.
bench-lighthouse: $(VENV)/.site
	$(BIN)/python scripts/bench_lighthouse.py

# From `pip install` of the built wheel (dependencies from PyPI) to a site built by
# `studynotes new` on each engine; wheel size and contents, the generated tree.
bench-install: $(VENV)/.site
	$(BIN)/python scripts/bench_install.py

# Re-record the captures shown where a tool (e.g. a Docker engine) is missing.
captures: $(VENV)/.site
	$(BIN)/python scripts/record_captures.py

# Forget cached live output, kept in the user's cache (it also expires after
# STUDYNOTES_CACHE_TTL seconds, default 3600).
clean-cache:
	rm -rf "$${XDG_CACHE_HOME:-$$HOME/.cache}/studynotes/live-output"

# Re-pin requirements*.txt from requirements*.in.
lock:
	PYTHON=$(PYTHON) scripts/lock.sh

clean:
	rm -rf $(VENV) site .cache .pytest_cache .ruff_cache

$(VENV)/.site: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	scripts/system-deps.sh site
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@
