# Two commands set everything up: `make docs` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per set of extras: `make docs` installs only what building needs.
# A venv installed with more extras serves the targets that need fewer (dev ⊃ check ⊃ build).
DEV_STAMP := $(VENV)/.installed-dev
CHECK_STAMP := $(or $(wildcard $(DEV_STAMP)),$(VENV)/.installed-check)
STAMP := $(or $(wildcard $(DEV_STAMP)),$(wildcard $(VENV)/.installed-check),$(VENV)/.installed-build)
ZENSICAL_STAMP := $(or $(wildcard $(DEV_STAMP)),$(VENV)/.installed-zensical)

.PHONY: docs serve sandbox check check-staging test suite quick lint bench golden schema clean zensical

# The venv with `.` and the extras named: $(call install,EXTRAS), then the stamp. pip
# compiles what it installs but for an editable project: compiled here, each `guides`
# started does not compile it again (it cannot save it where PYTHONDONTWRITEBYTECODE is set).
define install
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.$(1)'
	$(BIN)/python -m compileall -q generator
	touch $@
endef

$(VENV)/.installed-build: pyproject.toml
	$(call install,)
$(VENV)/.installed-check: pyproject.toml
	$(call install,[check])
$(VENV)/.installed-zensical: pyproject.toml
	$(call install,[zensical])
$(DEV_STAMP): pyproject.toml
	$(call install,[dev])

docs: $(STAMP)
	$(BIN)/guides build

serve: $(STAMP)
	$(BIN)/guides serve

# The same site built with Zensical, MkDocs' successor: docs/ and every page (generated or
# hand-written, with its content version) go to build/zensical-docs/, the site to
# site-zensical/ (see zensical.toml).
ZENSICAL_DOCS := build/zensical-docs
zensical: $(ZENSICAL_STAMP)
	rm -rf $(ZENSICAL_DOCS) && mkdir -p $(ZENSICAL_DOCS)
	cp -R docs/. $(ZENSICAL_DOCS)/
	$(BIN)/guides generate --out $(ZENSICAL_DOCS) >/dev/null
	# Not --clean: that empties all of .cache/, the guides' own cache with it.
	$(BIN)/zensical build --strict -f zensical.toml

# What the docs' CI runs: the strict site build, every link, every snippet against the sandbox.
check: $(CHECK_STAMP)
	$(BIN)/guides build
	$(BIN)/guides linkcheck
	$(BIN)/guides check --junit-xml check-report.xml

# The docs against a staging API, as a scheduled CI job runs them (.github/workflows/
# staging.yml): its URL from GUIDES_STAGING_URL (GUIDES_STAGING_HTTP_URL and
# GUIDES_STAGING_CA_FILE if needed), its credentials from GUIDES_SANDBOX_* (CI secrets).
# It never writes api.yaml, and reports redact every credential. STAGING_LANGUAGES: the only
# languages to check (all when empty): from one address, the runs that fail authentication
# on purpose count toward the API's lockout, which all seven languages' would reach.
STAGING_REPORT ?= staging-report.xml
STAGING_LANGUAGES ?=
check-staging: $(CHECK_STAMP)
	@test -n "$$GUIDES_STAGING_URL" || { echo "make check-staging: set GUIDES_STAGING_URL" \
	  "and the GUIDES_SANDBOX_* credentials (see MAINTAINING.md)" >&2; exit 2; }
	$(BIN)/guides check --base-url "$$GUIDES_STAGING_URL" \
	  $${GUIDES_STAGING_HTTP_URL:+--http-url "$$GUIDES_STAGING_HTTP_URL"} \
	  $${GUIDES_STAGING_CA_FILE:+--ca-file "$$GUIDES_STAGING_CA_FILE"} \
	  $(foreach language,$(STAGING_LANGUAGES),--language $(language)) \
	  --junit-xml $(STAGING_REPORT)

# The sandbox on fixed local ports; its CA certificate is written to .sandbox/ca.pem.
sandbox: $(CHECK_STAMP)
	$(BIN)/guides sandbox --port 8443 --http-port 8080 --state-dir .sandbox

# What the suite needs from Debian, installed when missing: Chromium for the browser tests,
# and PostgreSQL's server and nginx (the front proxy of the sandbox and the collector), which
# the suite starts by itself (throwaway, on free ports); then each sample language's runtime
# and its package, as generator/languages.py names them (a JDK for Java, not a JRE: `java
# Main.java` compiles the file), and jq, which the curl sample that reads page by page runs.
DEBIAN_PACKAGES := chromium=/usr/bin/chromium postgresql=/usr/lib/postgresql/*/bin/pg_ctl \
                   nginx=/usr/sbin/nginx jq=jq
RUNTIME_PACKAGES = $(shell $(BIN)/python -c 'from generator.languages import LANGUAGES; \
                     print(*(f"{l.package}={l.runtime}" for l in LANGUAGES.values()))')

# pytest keeps each test module with its assertions rewritten only where Python may write
# bytecode: where PYTHONDONTWRITEBYTECODE is set, every test process of every run rewrote all
# of them again (about half of what collecting the suite costs).
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

# The linters and the whole suite, side by side: mypy uses one core for a while, and the suite
# is starting on the other.
test: $(DEV_STAMP)
	scripts/debian-packages $(DEBIAN_PACKAGES) $(RUNTIME_PACKAGES)
	$(MAKE) --no-print-directory -j2 lint suite

# The whole suite, in four pytest-xdist workers on two cores: while one test waits (a browser,
# a server, a timeout it is about), the others keep both cores busy. Each module goes to one
# worker whole, in the order the suite's conftest gives (longest first), so that its fixtures
# (a site built for a sandbox, a browser) are made once, not once per worker it reached.
suite: $(DEV_STAMP)
	$(PYTEST) -n 4 --dist loadscope --no-loadscope-reorder

# The everyday loop: the unit tests, in parallel (browser, database and end-to-end tests are
# left to `make test`).
quick: $(DEV_STAMP)
	$(PYTEST) -q -n 2 -m unit

lint: $(DEV_STAMP)
	$(BIN)/ruff check generator tests bench snippets hooks
	$(BIN)/mypy

# api.schema.json is generated from the models; `make test` fails when it is stale.
schema: $(STAMP)
	$(BIN)/guides schema --out api.schema.json

golden: $(DEV_STAMP)
	$(PYTEST) tests/render --update-golden

bench: $(DEV_STAMP)
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_feedback.py
	$(BIN)/python bench/bench_reload.py
	$(BIN)/python bench/bench_redaction.py

clean:
	rm -rf site .site-new-* .site-old-* .cache .sandbox check-report.xml $(STAGING_REPORT) \
	  site-zensical $(ZENSICAL_DOCS)
