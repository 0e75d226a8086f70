# The two commands a newcomer needs: `make run` and `make test`. Both build .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install bytecode clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Bytecode for the project's own modules, written even where PYTHONDONTWRITEBYTECODE is set:
# without it every `devzone` command compiles app/ and ingest/ again (~0.15 s of each run).
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q app ingest

run: $(STAMP) bytecode
	$(BIN)/devzone serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check app ingest tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/pytest

# `make bench` measures 5k and 25k articles (archives built once in bench-out/ and reused);
# `make bench SIZE=100k` adds the 100k point. Writes docs/BENCHMARKS.md and docs/bench/.
# Then the load run: 16 clients for 60 s, alone and during an ingest of 200 files (tests/bench/load.py).
# Then the judged query set: this search against plain Whoosh + jieba OR (tests/bench/relevance.py).
SIZE ?= 5k,25k
bench: $(STAMP) bytecode
	$(BIN)/pip install -q -e '.[test,bench]'
	SIZE=$(SIZE) $(BIN)/python -m tests.bench.run
	$(BIN)/python -m tests.bench.load
	$(BIN)/python -m tests.bench.relevance

clean:
	rm -rf $(VENV) data
