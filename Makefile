# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run   -> virtual environment, install, migrate, seed, serve on http://127.0.0.1:8000
#   make test  -> virtual environment, install, every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SEED := countries rcm-structure mexico-city-workshop-2018
DEV := DJANGO_DEBUG=1
PORT ?= 8000
# Gunicorn's rule of thumb: two workers per core, plus one.
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))

.PHONY: install run seed admin serve test check check-deploy load bench format clean \
	messages messages-check lock upgrade

# The dev lock holds every package, the site's and the tools', each with its hashes.
$(STAMP): requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (set PYTHON=...)" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

seed: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py loaddata $(SEED)

run: seed
	@echo ""
	@echo "  The site:    http://127.0.0.1:$(PORT)/"
	@echo "  Staff admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  No admin login yet? In another terminal run: make admin"
	@echo ""
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The CSV file of every statement takes about 15 s to build at 100,000 statements on 2
# cores, once per content version (docs/performance.md); a sync worker must not be
# killed in the middle of it.
TIMEOUT ?= 120

# Production-like: DEBUG off, static files collected, gunicorn. Reads .env if present
# (see .env.example); refuses to start when a required setting is missing.
serve: install
	set -a; [ ! -f .env ] || . ./.env; set +a; \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput && \
	exec $(BIN)/gunicorn rcm_site.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - --timeout $(TIMEOUT) --max-requests 2000 --max-requests-jitter 200 \
		--access-logformat '%(h)s forwarded-for="%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms'

admin: install
	$(DEV) $(BIN)/python manage.py createsuperuser

test: install
	$(BIN)/python -m pytest

# System checks, missing migrations, then the hooks of .pre-commit-config.yaml (ruff,
# django-upgrade, djhtml), which report and change nothing: make format fixes.
check: install
	$(DEV) $(BIN)/python manage.py check --fail-level WARNING
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files

# The production configuration passes Django's deployment checks.
check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECURE_PROXY=1 DJANGO_ALLOWED_HOSTS=rcm.example.org \
	DJANGO_SECRET_KEY=check-deploy-$$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n') \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Load test (bench/load.sh, which installs requirements-load.txt): readers and editors
# against gunicorn, on SQLite then PostgreSQL. LOAD_SECONDS and LOAD_USERS bound it.
LOAD_SECONDS ?= 60
LOAD_USERS ?= 20
load: install
	bench/load.sh sqlite $(LOAD_SECONDS) $(LOAD_USERS)
	bench/load.sh postgres $(LOAD_SECONDS) $(LOAD_USERS)

# Every page kind against the issue's budgets on a seed_demo database (bench/run.py):
# queries, then from scratch and warm under gunicorn with wrk; about 5 minutes a
# database. Both are measured even when the first misses a budget.
bench: install
	command -v wrk >/dev/null || apt-get install -y wrk
	status=0; \
	$(BIN)/python bench/run.py --db sqlite || status=1; \
	$(BIN)/python bench/run.py --db postgres || status=1; \
	exit $$status

# The Spanish catalogue: update it from the sources (then translate every new msgstr
# in locale/es/LC_MESSAGES/django.po and run make messages again to compile it), and
# check that it is current (CI): make messages must change nothing in locale/ but the
# date it stamps, and msgfmt must accept the result. Both need GNU gettext; make run
# and make test do not, as the compiled django.mo is committed. make test checks that
# every message is translated and that django.mo matches django.po.
messages: install
	command -v xgettext >/dev/null || apt-get install -y gettext
	$(DEV) $(BIN)/python manage.py makemessages --locale es --no-location --no-obsolete \
		--ignore=tests --ignore=bench --ignore=staticfiles --ignore=media
	$(DEV) $(BIN)/python manage.py compilemessages --locale es

messages-check: messages
	git diff --exit-code --ignore-matching-lines='^"POT-Creation-Date: ' -- locale/
	msgfmt --check --output-file=/dev/null locale/es/LC_MESSAGES/django.po

# Locks: edit requirements*.in, then make lock writes requirements*.txt for Python 3.11
# on Linux, keeping every locked version it can; make upgrade takes the newest each
# .in allows, and make lock UPGRADE="--upgrade-package NAME" one package
# (docs/dependencies.md). Each lock is constrained by the one before it, so that the
# packages they share have one version.
LOCK = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform linux --custom-compile-command "make lock" $(UPGRADE)
lock: install
	$(LOCK) requirements.in --output-file requirements.txt
	$(LOCK) requirements-dev.in --output-file requirements-dev.txt
	$(LOCK) requirements-load.in --output-file requirements-load.txt

upgrade:
	$(MAKE) lock UPGRADE=--upgrade

# What make check's hooks (.pre-commit-config.yaml) find, fixed.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files -z '*.py' | xargs -0 $(BIN)/django-upgrade --target-version 5.2 \
		--exit-zero-even-if-changed
	$(BIN)/djhtml --tabwidth 2 templates

clean:
	rm -rf $(VENV) staticfiles
