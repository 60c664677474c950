# The two commands of the README, and the set-up they share. Everything a fresh machine
# needs is installed here, so `make demo` and `make test` work from a new clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
NODE_PACKAGES := $(wildcard middleware/express/package.json examples/express-app/package.json)

.PHONY: setup setup-run demo test test-python test-node

NODE_INSTALLED := $(NODE_PACKAGES:package.json=node_modules/.installed)
EXAMPLE_PLUGINS := $(foreach d,$(wildcard examples/*/pyproject.toml),-e $(dir $(d)))

# Everything: what the demo runs, plus the test tools (pytest, Playwright, scrubadub...).
setup: $(VENV)/.installed $(NODE_INSTALLED)

# What `droplets` itself runs (CLI, local stack, Pulumi program): the demo needs no test
# tools, and leaving them out saves it a third of the set-up.
setup-run: $(VENV)/.installed-run $(NODE_INSTALLED)

# --no-compile: pip would compile all 17,000 modules of the dependencies (a minute of the
# set-up); Python compiles the 1,100 or so that run, once, on first import.
$(VENV)/.installed-run: pyproject.toml $(wildcard examples/*/pyproject.toml)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-compile -e ".[cli,deploy]" $(EXAMPLE_PLUGINS)
	touch $@

$(VENV)/.installed: $(VENV)/.installed-run
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-compile -e ".[dev]" $(EXAMPLE_PLUGINS)
	touch $@

%/node_modules/.installed: %/package.json
	cd $* && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
	touch $@

# Run droplets end to end on the local stack (moto + the real Pulumi program + the real handlers).
demo: setup-run
	$(BIN)/droplets demo

# Every test: pytest (Python side, Pulumi under mocks, local stack end to end) and node --test.
# Four pytest workers on two cores: the end-to-end tests spend much of their time waiting on
# servers, subprocesses and moto's state machine, and the others fill that time (12 min of
# pytest with 4 workers, 15 with 2, on a stop's machine). Not --dist worksteal: a stolen test that runs moto in-process resets
# the backends a module-scoped local stack of another module holds on the same worker.
test: setup
	scripts/ensure-chromium
	scripts/run-pytest $(BIN)/pytest -n 4 -p no:cacheprovider
	$(foreach p,$(NODE_PACKAGES),cd $(dir $(p)) && npm test --silent && cd $(CURDIR) &&) true
