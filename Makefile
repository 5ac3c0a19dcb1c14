# Jamaati: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# `make` serves and tests locally over plain HTTP; production sets its own environment.
export JAMAATI_ENV ?= development

.PHONY: run test lint bench install lock messages totp help

help:
	@echo "make run    install, migrate, load territory and demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   the whole test suite (DATABASE_URL chooses the database; SQLite by default)"
	@echo "make lint   ruff, format check, migrations check, import contracts"
	@echo "make bench  the benchmarks under bench/"
	@echo "make totp USERNAME=admin.benguerir   current second-factor code of a demo staff account"

# The virtual environment, installed from the hashed lock file; redone only when the lock changes.
$(STAMP): requirements.lock pyproject.toml
	@# WeasyPrint (the PDFs) needs the Pango library; Debian's package when it is missing.
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || { \
	  echo "installing Pango (libpango-1.0-0) for PDF rendering"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# The project itself runs from this checkout: a .pth file puts it on the path.
	$(PY) -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "jamaati.pth").write_text("$(CURDIR)\n")'
	touch $(STAMP)

install: $(STAMP)

# Build products, not committed: compiled gettext catalogs (.mo) and the web fonts subset from
# the fontpkg packages (build_fonts does nothing when its outputs are up to date).
# Tamazight strings not yet translated fall back to French (same direction), not Arabic:
# the French catalog is merged under the Tamazight one when it is compiled.
ZGH_PO := locale/zgh/LC_MESSAGES/django.po
messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0
	mkdir -p var
	msgcat --use-first $(ZGH_PO) locale/fr/LC_MESSAGES/django.po -o var/zgh-with-fr.po
	msgfmt --check -o locale/zgh/LC_MESSAGES/django.mo var/zgh-with-fr.po
	$(PY) manage.py build_fonts -v 0

run: messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_territory
	$(PY) manage.py load_demo
	$(PY) manage.py load_catalogue_demo
	$(PY) manage.py load_cases_demo
	$(PY) manage.py load_complaints_demo
	$(PY) manage.py load_transparency_demo
	$(PY) manage.py load_information_demo
	$(PY) manage.py load_council_demo
	$(PY) manage.py run_deadlines -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

# The current TOTP code of a demo staff account: make totp USERNAME=admin.benguerir
totp: $(STAMP)
	@$(PY) manage.py demo_totp $(USERNAME)

test: messages
	$(PY) manage.py collectstatic --noinput -v 0
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(BIN)/lint-imports

bench: messages
	$(PY) bench/run.py

# Regenerate the lock after editing pyproject.toml (needs uv, installed into the venv on demand).
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock
