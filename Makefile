# Lantern: `make run` serves the embedded default with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
# The address in notification emails' links; `make run PORT=8010` links to port 8010.
SITE_URL ?= http://$(HOST):$(PORT)
# test-services' PostgreSQL database (pytest-django creates test_<name> beside it) and Redis
# database, which the tests empty. Set both to run beside other work on one machine, e.g.
# `make test-services TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mine TEST_REDIS_URL=redis://127.0.0.1:6379/14`.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/9
SERVICES_ENV = DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	LANTERN_REQUIRE_SERVICES=1
# Debian's Chromium, which Playwright drives for the browser tests (no browser is downloaded).
# Recursive (=), so a Chromium that `make chromium` has just installed is found when used.
DEBIAN_CHROMIUM ?= /usr/bin/chromium
CHROMIUM = $(or $(LANTERN_CHROMIUM),$(shell command -v chromium 2>/dev/null),$(DEBIAN_CHROMIUM))

.PHONY: run test test-fast test-browser test-services chromium ab services lint format bench bench-posting bench-chat bench-matching bench-search clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The task worker (queued notification emails) runs in the background beside daphne; the trap
# stops it when daphne ends, by Ctrl-C or otherwise (a background job ignores Ctrl-C itself).
# daphne runs through community.serve, whose access log holds no client address (README: Security).
run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	DEBUG=1 SITE_URL=$(SITE_URL) $(BIN)/python -m community.serve -b $(HOST) -p $(PORT) \
		community.asgi:application

# The whole suite on the embedded default: unit and WebSocket tests, then the browser tests once.
# Chromium is looked for first, so a missing browser stops the run before the long part.
test: chromium test-fast test-browser

test-fast: $(STAMP)
	$(BIN)/pytest

test-browser: chromium $(STAMP)
	LANTERN_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m browser

# Finds Chromium (LANTERN_CHROMIUM, else `chromium` on PATH, else /usr/bin/chromium). When it is
# missing, root gets Debian's package through apt-get; anyone else gets the command to run.
chromium:
	@if [ -n "$(LANTERN_CHROMIUM)" ] && [ ! -x "$(LANTERN_CHROMIUM)" ]; then \
		echo "LANTERN_CHROMIUM is set to $(LANTERN_CHROMIUM), which is not an executable file." >&2; \
		exit 1; \
	elif [ -x "$(CHROMIUM)" ]; then \
		:; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "The browser tests need Debian's Chromium, which is not installed. Install it with" >&2; \
		echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2; \
		echo "(or set LANTERN_CHROMIUM to a Chromium binary), then run make test again." >&2; \
		exit 1; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "The browser tests need Chromium and this machine has no apt-get: install Chromium" >&2; \
		echo "with its package manager and set LANTERN_CHROMIUM to the binary." >&2; \
		exit 1; \
	else \
		echo "Chromium is missing: installing Debian's chromium package (apt-get, as root)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get -o DPkg::Lock::Timeout=600 update -qq \
			&& apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null \
			|| exit 1; \
	fi
	@test -x "$(CHROMIUM)" || { echo "Chromium is still not at $(CHROMIUM)." >&2; exit 1; }
	@echo "Browser tests use $$("$(CHROMIUM)" --version 2>/dev/null) at $(CHROMIUM)"

# The same suite (browser tests aside) against PostgreSQL and Redis, after checking that both
# answer: without them the suite fails (never skips), so say which one is missing first. The
# slow fault tests (marker `faults`: real servers broken on purpose) run here, not in test-fast.
test-services: services $(STAMP)
	$(SERVICES_ENV) $(BIN)/pytest -m 'not browser'

services:
	@$(PYTHON) -c "$$CHECK_SERVICES" "$(TEST_DATABASE_URL)" "$(TEST_REDIS_URL)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Requests per second for the groups pages under daphne and gunicorn on a throwaway SQLite
# database (loopback only, bounded), with ApacheBench as the client; writes bench/RESULTS.md.
# See bench/README.md.
bench: ab $(STAMP)
	$(BIN)/python bench/groups_bench.py

# ApacheBench (`ab`, Debian's apache2-utils), the benchmark's load generator: root gets it
# through apt-get, as for Chromium; anyone else gets the command, and the bench falls back to
# Python threads (`--client urllib`, which caps the trivial view and says so in the results).
ab:
	@if command -v ab >/dev/null 2>&1; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "ab is missing: installing Debian's apache2-utils package (apt-get, as root)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get -o DPkg::Lock::Timeout=600 update -qq \
			&& apt-get -o DPkg::Lock::Timeout=600 install -y -qq apache2-utils >/dev/null \
			|| exit 1; \
	else \
		echo "The benchmark's client is ApacheBench (ab), which is not installed; install it with" >&2; \
		echo "    sudo apt-get update && sudo apt-get install -y apache2-utils" >&2; \
		echo "Measuring with Python threads instead (--client urllib)." >&2; \
	fi

# 20 members posting at once beside 8 readers, on SQLite (daphne) and PostgreSQL (gunicorn):
# replies lost, duplicated or half-written, and errors. Needs PostgreSQL and Redis on loopback;
# empties database lt_bench and Redis database 5. Writes bench/RESULTS.md; see bench/README.md.
bench-posting: $(STAMP)
	$(BIN)/python bench/concurrent_posting.py

# N = 50, 200 and 500 members in one live room through real daphne, many of them sending:
# delivery latency, deliveries/s at saturation, lost messages and memory per idle socket, for
# Lantern's consumer and Channels' tutorial consumer, on the embedded default (one daphne) and
# on Redis (two daphne, both channels_redis layers). Needs PostgreSQL and Redis on loopback;
# empties database lt_bench and Redis database 11. About 30 minutes; writes bench/RESULTS.md.
bench-chat: $(STAMP)
	$(BIN)/python bench/chat_fanout.py

# Mentor matching's batch assignment of 2,000 waiting requests to 500 mentors: time and peak
# memory of the solver on its own and end to end on a throwaway SQLite database, against a
# greedy loop in the same run. In-process, about a minute; writes bench/RESULTS.md.
bench-matching: $(STAMP)
	$(BIN)/python bench/matching.py

# Search over 10,000 posts, in-process, on SQLite (FTS5) and PostgreSQL (stored tsvector, GIN):
# p50/p95 per query against a primary-key fetch and an unindexed icontains scan in the same run.
# Needs PostgreSQL on loopback; empties and drops database lt_search_bench (SEARCH_BENCH_PG to
# use another). A few minutes; writes bench/RESULTS.md (its section first). See bench/README.md.
SEARCH_BENCH_PG ?= postgres://postgres@127.0.0.1:5432/lt_search_bench
bench-search: $(STAMP)
	$(BIN)/python bench/search_bench.py --postgres-url $(SEARCH_BENCH_PG)

# Connects to the host and port of each URL given; exits naming every service that does not answer.
define CHECK_SERVICES
import socket, sys
from urllib.parse import urlsplit

missing = []
for name, variable, url, default_port in (
    ("PostgreSQL", "TEST_DATABASE_URL", sys.argv[1], 5432),
    ("Redis", "TEST_REDIS_URL", sys.argv[2], 6379),
):
    where = urlsplit(url)
    address = (where.hostname or "127.0.0.1", where.port or default_port)
    try:
        socket.create_connection(address, timeout=3).close()
    except OSError:
        # The host and port only: a URL may hold a password.
        missing.append(f"{name} does not answer at {address[0]}:{address[1]} ({variable})")
if missing:
    sys.exit(
        "make test-services needs PostgreSQL and Redis running; start them first:\n  "
        + "\n  ".join(missing)
    )
endef
export CHECK_SERVICES
