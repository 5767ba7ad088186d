# Lantern: `make run` serves the embedded default with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
SERVICES_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
	REDIS_URL=redis://127.0.0.1:6379/9 LANTERN_REQUIRE_SERVICES=1

.PHONY: run test test-fast test-browser test-services lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/daphne -b $(HOST) -p $(PORT) community.asgi:application

# The whole suite on the embedded default: unit and WebSocket tests, then the browser tests once.
test: test-fast test-browser

test-fast: $(STAMP)
	$(BIN)/pytest

test-browser: $(STAMP)
	$(BIN)/pytest -m browser

# The same suite (browser tests aside) against PostgreSQL and Redis on 127.0.0.1.
test-services: $(STAMP)
	$(SERVICES_ENV) $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Requests per second for the groups pages under daphne on a throwaway SQLite database
# (loopback only, bounded); writes bench/RESULTS.md. See bench/README.md.
bench: $(STAMP)
	$(BIN)/python bench/groups_bench.py
