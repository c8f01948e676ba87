# eventwire: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
SEED   := $(wildcard $(SHARED)/examples/seed_article.txt)
DEMO_DB ?= demo.duckdb

.PHONY: install demo test eval bench lint clean browser

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

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The web UI's browser tests drive Debian's chromium (never a browser downloaded by a tool).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "could not install chromium: the browser tests will be skipped"; \
	else \
	  echo "no /usr/bin/chromium: the browser tests will be skipped (apt-get install chromium)"; \
	fi

eval: $(STAMP)
	$(BIN)/python tests/eval_gate.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --n 500

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
