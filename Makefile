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

# The tests and nbval over the committed notebooks, in one run on two workers, slowest
# listed. Each xdist group (a notebook's cells, which share its kernel; tests that share a
# server) runs on one worker; the longest work starts first (tests/conftest.py orders it,
# so xdist must not reorder it).
test: $(STAMP)
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder --durations=15 \
		--nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg tests notebooks

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
