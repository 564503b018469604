# Two commands a newcomer needs: `make run` and `make test`. Each sets up what is missing
# (virtual environment, packages, database, migrations) and is fast the second time.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DEBUG ?= true
# `make run PORT=8001` serves on another port; e-mail sent outside a request links there too.
PORT ?= 8000
export SITE_URL ?= http://127.0.0.1:$(PORT)

# Folders whose strings are not the portal's own.
NOT_OURS := -i .venv -i node_modules -i static -i tests -i bench

.PHONY: run stop-db test lint format bench lock vendor messages setup

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed." if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

# The e-mail worker runs beside the web server and stops with it.
run: setup
	$(PY) manage.py load_demo_data
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Stops the embedded PostgreSQL in .pgdata/ (it starts again on the next command). pg_ctl as
# pgserver runs it: pgserver's own clean-up stops only when it holds the last handle, which the
# portal's processes never give back.
stop-db: $(STAMP)
	$(PY) -W ignore -c 'import pgserver; from pgserver._commands import pg_ctl; \
	server = pgserver.get_server(".pgdata", cleanup_mode=None); \
	pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)'

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy accounts fund initiatives knowledgebase meetings omzien

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(STAMP)
	$(PY) bench/run.py

messages: $(STAMP)
	$(PY) manage.py makemessages -l nl --no-obsolete --no-location $(NOT_OURS)
	$(PY) manage.py compilemessages -l nl $(NOT_OURS)

# Re-pin the Python packages (needs uv on the PATH); the output carries hashes, no index address.
lock:
	uv pip compile requirements.in --generate-hashes --python-version 3.11 --no-header -o requirements.txt
	uv pip compile requirements-dev.in --generate-hashes --python-version 3.11 --no-header -o requirements-dev.txt

# Copy the NL Design System files into static/vendor/ (needs Node; the result is committed).
vendor:
	npm ci --ignore-scripts
	sh scripts/vendor-static.sh
