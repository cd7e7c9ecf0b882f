# frontwatch — common tasks. `make demo` and `make test` are the README's quick start.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
WEB     = src/frontwatch/web
WEBSTAMP = $(WEB)/node_modules/.installed
PORT   ?= 8000

.PHONY: setup demo test lint bench eval eval-real lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The page's chart library (uPlot) and the API docs' Swagger UI, from npm with package-lock.json; never committed.
$(WEBSTAMP): $(WEB)/package.json $(WEB)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(WEB) --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "warning: npm not found: the web page's charts and /docs need Node.js and npm (then make setup)"; fi

setup: $(STAMP) $(WEBSTAMP)  ## create .venv with the locked dependencies and frontwatch itself, and the page's npm assets

demo: setup  ## ingest the samples (and our written ledger corpus) into out/demo.db, print its incidents, contradictions first, then serve the page
	@mkdir -p out
	@# a ledger left by an older frontwatch is migrated first (`ingest` itself refuses one, saying so)
	$(BIN)/frontwatch db upgrade --db out/demo.db
	$(BIN)/frontwatch ingest samples/ tests/data/ledger/corpus.jsonl --db out/demo.db
	$(BIN)/frontwatch incidents --db out/demo.db
	@# ...and ends by serving the page over that ledger (Ctrl-C stops). The paste box needs a write token:
	@# FRONTWATCH_TOKEN if set, else a fresh one printed here.
	@token=$${FRONTWATCH_TOKEN:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))')}; \
	echo "write token for the page's paste box: $$token"; \
	FRONTWATCH_TOKEN=$$token $(BIN)/frontwatch serve --db out/demo.db --port $(PORT)

test: setup  ## lint, then the whole test suite (what CI runs)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q -rs

lint: setup  ## ruff only
	$(BIN)/ruff check src tests benchmarks

eval: setup  ## score the pipeline on the gold set, dev and held-out test split separately
	$(BIN)/frontwatch evaluate tests/data/gold/articles/dev tests/data/gold/places.jsonl tests/data/gold/times.jsonl tests/data/gold/quantities.jsonl
	$(BIN)/frontwatch evaluate tests/data/gold/articles/test

eval-real: setup  ## score the real-text sets in ../shared/realtext: one table per set, before / now / floor
	$(BIN)/frontwatch evaluate --real --mistakes 5

bench: setup  ## throughput and memory figures
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_gazetteer.py
	$(BIN)/python benchmarks/bench_times_quantities.py
	$(BIN)/python benchmarks/bench_ledger.py $${FRONTWATCH_TEST_PG:+--pg $$FRONTWATCH_TEST_PG}
	$(BIN)/python benchmarks/bench_length.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_batch.py

lock:  ## re-pin every dependency with hashes (needs pip-tools)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
