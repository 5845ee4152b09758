# Set-up and everyday commands. Only Python 3.11+ and make are needed: every target installs
# what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Same bytes every day: every date a build writes (sitemap <lastmod>, the gzip header of
# sitemap.xml.gz, the handouts' "printed" date) is the time of the last commit, so two builds
# of one commit are identical (https://reproducible-builds.org/specs/source-date-epoch/).
# Outside a git checkout (an unpacked archive): the newest source file's time. Set
# SOURCE_DATE_EPOCH yourself to override both.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null | grep . || \
  find practices plugins mkdocs.yml pyproject.toml -type f -printf '%Ts\n' 2>/dev/null | \
  sort -n | tail -n 1)
endif
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build pdf offline validate test lint format bench new-practice new-story clean schemas

$(STAMP): pyproject.toml $(wildcard package-lock.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@if [ -f package.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/nondaeng validate

# Build into a fresh folder and swap it in only when the whole build succeeded: a failed
# build never leaves a half-made site/.
build: validate
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

# A4 PDFs of every practice handout, workshop pack and worksheet into site/handouts/
# (headless Chromium: Debian's chromium at /usr/bin/chromium)
pdf: build
	$(BIN)/python -m nondaeng.pdf --site-dir site

# The offline pack (issue 18): the whole bilingual site built for file:// (Material's offline
# plugin: links to .html files, search without a server) with every handout, workshop pack and
# worksheet PDF printed into it (the same nondaeng.pdf as `make pdf`), zipped reproducibly into
# dist/nondaeng-offline.zip (+ .json: size, date, sha256; `make build` then links it from
# /offline/ and copies it into the site). Same bytes for one commit: SOURCE_DATE_EPOCH above.
offline: validate
	rm -rf site-offline.tmp
	NONDAENG_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline.tmp
	$(BIN)/python -m nondaeng.pdf --site-dir site-offline.tmp
	rm -rf site-offline && mv site-offline.tmp site-offline
	$(BIN)/python -m nondaeng.offline --site-dir site-offline --out dist/nondaeng-offline.zip

serve: validate
	NONDAENG_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/ruff format --check plugins scripts tests

format: $(STAMP)
	$(BIN)/ruff format plugins scripts tests

# `make bench BENCH_SIZES=1000` for a quicker run; the issue's sizes by default (10,000
# entries take several minutes on 2 cores)
BENCH_SIZES ?= 1000 3000 10000
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_SIZES)

clean:
	rm -rf site site.tmp site-offline site-offline.tmp dist docs/practices docs/stories docs/browse docs/contributors docs/workshops docs/readiness \
	  docs/spread docs/results docs/data docs/sources .pytest_cache

# the vocabulary ids as enums in plugins/nondaeng/schemas/terms.schema.json (what an editor
# completes) and the id tables in CONTRIBUTING*.md and docs/contributing*.md, from
# practices/vocabulary/: run after changing a vocabulary (a test fails until you do)
schemas: $(STAMP)
	$(BIN)/python -m nondaeng.generate

# `make new-practice slug=home-visits` (without slug=, the command asks for one)
new-practice: $(STAMP)
	$(BIN)/nondaeng new practice $(slug)

new-story: $(STAMP)
	$(BIN)/nondaeng new story $(slug)
