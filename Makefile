# mitplan: the verbs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.DEFAULT_GOAL := help
.PHONY: help run setup install assets messages test test-fast test-e2e bench lint lock clean

help: ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/activate requirements/lock.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Install pinned Python and npm packages

assets: node_modules/.installed ## Build CSS (KERN-UX + right-to-left), fonts and scripts
	npm run --silent build

setup: install assets ## Install, migrate, compile translations, load the demo if the database is empty
	$(MANAGE) compile_catalogs
	$(MANAGE) migrate --noinput
	$(MANAGE) make_data_private
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput -v0 --settings=config.settings.base  # hashed + compressed

run: setup ## Set up and serve the demo on http://$(HOST):$(PORT)
	$(MANAGE) show_login --url http://$(HOST):$(PORT)
	MITPLAN_SERVE_URL=http://$(HOST):$(PORT) $(BIN)/python -m config.serve --host $(HOST) --port $(PORT)

messages: install ## Extract UI strings into the catalogs of all ten languages
	$(MANAGE) makemessages --all --ignore=node_modules --ignore=.venv --ignore="*/tests/*" --no-location --no-obsolete
	$(MANAGE) compile_catalogs

test: install assets ## The whole suite: unit, view and browser tests
	scripts/ensure-chromium
	$(MANAGE) compile_catalogs
	$(BIN)/pytest --ds=config.settings.test -n 2 --dist loadfile

test-fast: install ## The suite without browser tests
	$(MANAGE) compile_catalogs
	$(BIN)/pytest --ds=config.settings.test -n 2 -m "not e2e"

bench: setup ## Measure server time, queries and page bytes (about 35 minutes)
	$(BIN)/python -m bench
	$(BIN)/python -m bench.surveys
	$(BIN)/python -m bench.content
	$(BIN)/python -m bench.survey_exports --responses 1000000

lint: install ## ruff, and the import contracts between apps (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/app-cycles

lock: $(BIN)/activate ## Re-pin requirements/lock.txt from pyproject.toml
	$(BIN)/pip install --quiet "pip-tools>=7.6,<8"
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --extra dev --output-file requirements/lock.txt pyproject.toml

clean: ## Remove built assets and installed packages (keeps your data in var/)
	rm -rf $(VENV) node_modules mitplan/static/dist staticfiles
