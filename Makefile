# 职称申报评审系统 — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run dev guides test test-pg lint fmt migrate catalog demo bench bench-queue bench-form bench-roster clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11（命令 $(PYTHON)）"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

catalog: migrate
	$(BIN)/python manage.py load_catalog

demo: catalog
	$(BIN)/python manage.py load_demo

PORT ?= 8000

# The site as people see it: DEBUG off, Chinese error pages, static files through WhiteNoise.
run: demo
	$(BIN)/python manage.py demo_accounts
	DEBUG=0 $(BIN)/python manage.py runserver --nostatic 127.0.0.1:$(PORT)

# For developers: Django's debug pages and the development static file server.
dev: demo
	$(BIN)/python manage.py demo_accounts
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The guides of the home page's 服务窗口: screenshots taken in Chromium on the demo data, then the PDFs.
guides: $(STAMP)
	GUIDE_SCREENSHOTS_DIR=docs/guides/img $(BIN)/python -m pytest -q tests/browser/test_guide_screenshots.py
	$(BIN)/python manage.py build_guides --out build/guides

# The suite on every core (pytest-xdist; decision 0012): PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-pg: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/zhicheng} $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/dossier_submit.py $(BENCH_ARGS)

bench-queue: $(STAMP)
	$(BIN)/python bench/review_queue.py $(BENCH_ARGS)

bench-form: $(STAMP)
	$(BIN)/python bench/review_form.py $(BENCH_ARGS)

bench-roster: $(STAMP)
	$(BIN)/python bench/roster_export.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3
