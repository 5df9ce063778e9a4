# Two commands do everything on a fresh machine with Python 3.11:
#   make site   — set up .venv, check the data, build site/   (make serve: live preview)
#   make test   — set up .venv, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
DEV_READY := $(VENV)/.installed-dev

.PHONY: site serve test validate bench weight clean explore

$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)

# Development tools (Datasette): for `make explore`, and for the test that starts it.
$(DEV_READY): $(READY) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_READY)

site: $(READY)
	$(BIN)/python -m generator build

serve: $(READY)
	$(BIN)/python -m generator serve

validate: $(READY)
	$(BIN)/python -m generator validate

test: $(DEV_READY)
	$(BIN)/python -m pytest

# The database in Datasette, on this machine only (read-only; nothing else is served).
explore: $(DEV_READY) site
	$(BIN)/python -m datasette serve -i site/api/v1/yibao.sqlite --metadata site/api/v1/yibao.metadata.json \
		--host 127.0.0.1 --port 8001

clean:
	rm -rf build site

# Builds N=400 and N=100 synthetic regions in a temporary folder and prints the figures (bench/RESULTS.md).
bench: $(READY)
	$(BIN)/python bench/run.py

weight: site
	$(BIN)/python bench/weight.py
