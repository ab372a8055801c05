# ksr-library: two commands from a fresh clone.
#   make site   install into .venv and build the demo library into site/
#   make test   install what the tests need (incl. Debian's chromium) and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM := /usr/bin/chromium

.PHONY: site test lint pytest fuzz serve bench lock clean

site: $(SITE_STAMP)
	$(BIN)/ksr-library build
	@echo "Open site/index.html, or preview with: $(BIN)/ksr-library serve  (http://127.0.0.1:8000)"

test: $(TEST_STAMP) $(CHROMIUM) lint pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/mypy

pytest: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

# The long run of the property tests on hostile Markdown (make test runs a fixed budget).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_rendering_safety.py tests/test_rendering.py -q

serve: $(SITE_STAMP)
	$(BIN)/ksr-library serve

bench: $(TEST_STAMP) $(CHROMIUM)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.search
	$(BIN)/python -m benchmarks.importing

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements/site.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements/site.txt
	$(PIP) install --no-deps -e .
	touch $@

$(TEST_STAMP): requirements/test.txt $(SITE_STAMP)
	$(PIP) install --require-hashes --no-deps -r requirements/test.txt
	touch $@

# Browser tests drive Debian's chromium with Playwright; no browser is ever downloaded.
$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium

# Regenerate the lock files after changing dependencies in pyproject.toml.
lock: | $(BIN)/python
	$(PIP) install uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements/site.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -o requirements/test.txt

clean:
	rm -rf site .site.* $(VENV) docs/dokumenty docs/czytelnicy docs/trenerzy docs/rops docs/katalog docs/slownik docs/szukaj
