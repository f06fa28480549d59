# Two commands matter: `make run` and `make test`. Everything else is what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve migrate seed bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

migrate: $(VENV)/.runtime
	$(BIN)/flask db upgrade

# Demo data goes in once; after that the database is yours (deleting a demo company sticks).
instance/.demo-seeded: | migrate
	$(BIN)/flask seed-demo
	touch $@

seed: migrate instance/.demo-seeded

run: migrate instance/.demo-seeded
	$(BIN)/flask index build --if-stale
	@echo "matcher is serving on http://$(HOST):$(PORT)  (Ctrl+C stops it)"
	$(BIN)/gunicorn -c config/gunicorn.conf.py --bind $(HOST):$(PORT) wsgi:app

test: $(VENV)/.dev
	@bash scripts/ensure-chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(BIN)/python bench/match_bench.py --quick

clean:
	rm -rf $(VENV) instance .pytest_cache
