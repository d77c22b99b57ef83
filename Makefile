# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck setup-system clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## Validate every bundled sample and print the report.
demo: $(VENV)/.installed
	$(BIN)/dtmarkup validate samples/

## System tools the tests compare against (xmllint, chromium); a no-op when present.
setup-system:
	bash scripts/setup-system.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dtmarkup tools tests bench
	$(BIN)/ruff format --check dtmarkup tools tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy
	$(BIN)/lint-imports

## Set up everything and run the whole suite (lint and types included).
test: $(VENV)/.installed-test setup-system lint
	$(BIN)/python -m pytest

## Regenerate the generated reference docs: docs/vocabulary.md (from the XSD) and
## docs/rules.md (from the code table).
.PHONY: docs
docs: $(VENV)/.installed
	$(BIN)/python -m tools.vocabulary_doc docs/vocabulary.md
	$(BIN)/python -m tools.rules_doc --output docs/rules.md

## Recompile the editorial rules (schema/dtmarkup-1-rules.sch -> the shipped .xsl).
.PHONY: rules
rules: $(VENV)/.installed
	$(BIN)/python -m tools.compile_rules

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
