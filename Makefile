# `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install migrate demo serve clean bench-throughput

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_site --hostname $(HOST) --port $(PORT)

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Page cache throughput under gunicorn (docs/benchmarks.md); wrk comes from Debian's packages.
bench-throughput: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) benchmarks/page_throughput.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3* search_index.sqlite3* staticfiles page_cache
