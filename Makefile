# frontwatch — common tasks. `make demo` and `make test` are the README's quick start.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: setup demo test lint bench eval eval-real lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)  ## create .venv with the locked dependencies and frontwatch itself

demo: setup  ## ingest the samples (and our written ledger corpus) into out/demo.db, print its incidents, contradictions first
	@mkdir -p out
	$(BIN)/frontwatch ingest samples/ tests/data/ledger/corpus.jsonl --db out/demo.db
	$(BIN)/frontwatch incidents --db out/demo.db

test: setup  ## lint, then the whole test suite (what CI runs)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

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

lock:  ## re-pin every dependency with hashes (needs pip-tools)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
