# Two commands do everything on a fresh machine with Python 3.11:
#   make site   — set up .venv, check the data, build site/   (make serve: live preview)
#   make test   — set up .venv, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed

.PHONY: site serve test validate bench weight clean

$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)

site: $(READY)
	$(BIN)/python -m generator build

serve: $(READY)
	$(BIN)/python -m generator serve

validate: $(READY)
	$(BIN)/python -m generator validate

test: $(READY)
	$(BIN)/python -m pytest

clean:
	rm -rf build site

# Builds N=400 and N=100 synthetic regions in a temporary folder and prints the figures (bench/RESULTS.md).
bench: $(READY)
	$(BIN)/python bench/run.py

weight: site
	$(BIN)/python bench/weight.py
