# Two commands: `make run` (set up and start web + worker) and `make test` (set up and test).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

.PHONY: install run web worker migrate test lint check bench browser clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install .env
	$(PY) manage.py migrate --noinput

# Development settings for `manage.py` typed by hand (README, "Commands"): written once, never
# overwritten; real environment variables win over it (workbench/envfile.py).
.env:
	@printf '%s\n' \
	  '# Written by `make run` for development on this machine (gitignored). manage.py reads it;' \
	  '# variables set in the environment win. Production never reads it. See .env.example.' \
	  'DJANGO_DEBUG=1' > $@
	@echo "Wrote .env (development settings for manage.py: DJANGO_DEBUG=1)"

# Web server and one worker per queue (beat in the default one) in one terminal; Ctrl-C stops all.
# Without DATABASE_URL / REDIS_URL: SQLite and a filesystem broker under var/.
run: export DJANGO_DEBUG ?= 1
run: migrate
	$(PY) manage.py setup_demo
	@echo
	@echo "  Workbench: http://$(ADDR)/admin/  (log in as reviewer, editor or admin; password workbench-demo)"
	@echo "  Database: $${DATABASE_URL:-SQLite in var/}  Broker: $${REDIS_URL:-filesystem queue in var/broker}" \
	  | sed -E 's#(://[^:/@ ]*:)[^@ ]+@#\1***@#g'  # never print a password
	@echo
	$(PY) scripts/run.py $(ADDR)

# Chromium for the browser tests (Debian package; Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "warning: chromium is not installed; browser tests will be skipped (they fail in CI)"

test: export CELERY_BROKER_DIR ?= $(CURDIR)/var/test-broker
test: export DJANGO_DEBUG ?= 1
# Parallel test processes, each with its own database, Redis database, broker folder and worker
# (tests/xdist_services.py); one file's tests stay in one process. TEST_PROCESSES=0: no workers.
test: TEST_PROCESSES ?= 2
test: install browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

# ruff, the dependency contracts between the apps (pyproject.toml), mypy.
lint: export DJANGO_DEBUG ?= 1
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

check: install
	DJANGO_ENV_FILE= DJANGO_SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	DJANGO_ALLOWED_HOSTS=workbench.example.org $(PY) manage.py check --deploy

# Benchmarks (not tests): each prints a table with a baseline measured in the same run.
bench: export DJANGO_DEBUG ?= 1
bench: install
	$(PY) bench/extraction.py
	$(PY) bench/archive.py
	$(PY) bench/api.py
	$(PY) bench/admin.py
	$(PY) bench/triage.py

clean:
	rm -rf var/ .pytest_cache
