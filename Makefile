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
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/veracity demo $(DEMO_DIR)

# Debian packages the tests need, installed only when missing: Java (Spark), Chromium (browser
# tests), Tesseract with Chinese (language and Han script), Uyghur and English data (OCR),
# poppler (pdftoppm), Pango and CJK fonts (WeasyPrint PDF reports).
DEBIAN_PACKAGES := default-jre-headless chromium tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-script-hans \
	tesseract-ocr-uig tesseract-ocr-eng poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk

system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		command -v apt-get >/dev/null || { echo "need apt-get for: $$missing" >&2; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench examples

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider --durations=25

test: lint typecheck unit

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache
