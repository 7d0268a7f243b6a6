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

# The tests on two workers, the longest first (tests/conftest.py orders them; xdist must
# not reorder), slowest listed, and in the same session nbval over the committed notebooks
# (each notebook's cells in order in one kernel on one worker: tests/conftest.py groups
# them), which fill in while the workers would otherwise wait. Every Python process of the
# run first runs tests/startup/sitecustomize.py (see there). The code is compiled once
# first: with PYTHONDONTWRITEBYTECODE set, each of the thirty-odd processes a run starts
# would compile it again.
TEST_PYTHONPATH := $(CURDIR)/tests/startup$(if $(PYTHONPATH),:$(PYTHONPATH))

test: $(STAMP)
	bash scripts/ensure-chromium
	$(BIN)/python -m compileall -q src tests
	PYTHONPATH=$(TEST_PYTHONPATH) $(BIN)/python -m pytest -n 2 --dist loadgroup \
		--no-loadscope-reorder --durations=15 tests \
		--nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg notebooks

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
