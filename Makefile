# Two entry points: `make book` (check the bank, regenerate notebooks, build the book)
# and `make test` (the whole test suite). Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: book test check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/factquiz check
	$(BIN)/factquiz notebooks
	$(BIN)/factquiz book

# The tests on two workers (tests that share a built book, a browser or a notebook run in
# one xdist group), slowest listed; then nbval over the committed notebooks, in one process
# (nbval keeps a notebook's kernel between its cells, which xdist's scheduling breaks).
test: $(STAMP)
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15 tests
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with notebooks/nbval-sanitize.cfg

check: $(STAMP)
	$(BIN)/factquiz check

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

$(VENV)/.bench-stamp: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-stamp
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf _build .pytest_cache
