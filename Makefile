# Two commands on a fresh machine: `make demo` and `make test`. Each sets up its own
# environment from the lock file first (requirements.lock, hashes included).
PYTHON ?= python3
VENV   ?= .venv
TOOLS  ?= .tools
PY     := $(VENV)/bin/python
UV     := $(TOOLS)/bin/uv
STAMP  := $(VENV)/.veille-installed
LINTED := $(wildcard contract flows spiders models warehouse digest demo tests bench)
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: setup demo test test-fast lint lock clean browser

setup: $(STAMP)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(STAMP): requirements.lock pyproject.toml | $(UV)
	test -x $(PY) || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

demo: $(STAMP)
	$(VENV)/bin/veille demo

test: $(STAMP) browser
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/pytest -q

test-fast: $(STAMP)
	$(VENV)/bin/pytest -q -m "not e2e and not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINTED)

# Headless Chromium (Debian's package) for the digest's rendering test; best effort, the test
# says why it skipped when it cannot be installed.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium not installed: the digest rendering test will be skipped"; }

# Re-resolve the lock after editing requirements.in.
lock: | $(UV)
	$(UV) pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf $(VENV) $(TOOLS) data .pytest_cache
