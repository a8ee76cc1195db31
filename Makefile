# veracity: `make demo` builds the synthetic sample case and its report; `make test` runs every check CI runs.
# Both bootstrap .venv from nothing but Python 3.11 and the package registries.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-case

.PHONY: demo test lint typecheck unit system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/veracity demo $(DEMO_DIR)

# Java runs the Spark tests; installed from Debian only when the machine lacks it.
system-deps:
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench examples

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

test: lint typecheck unit

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache
