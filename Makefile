# eventwire: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
SEED   := $(wildcard $(SHARED)/examples/seed_article.txt)
DEMO_DB ?= demo.duckdb

.PHONY: install demo test eval bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire ingest src/eventwire/samples $(SEED) --db $(DEMO_DB) --no-progress
	@echo
	$(BIN)/eventwire stats --db $(DEMO_DB)
	@echo
	$(BIN)/eventwire quotes --db $(DEMO_DB) --limit 6
	@echo
	$(BIN)/eventwire events --db $(DEMO_DB) --actor RUS --limit 8
	@echo
	$(BIN)/eventwire dyad USA RUS --by month --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python tests/eval_gate.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --n 500

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
