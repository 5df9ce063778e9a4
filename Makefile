# Two commands do everything on a fresh machine with Python 3.11:
#   make site   — set up .venv, check the data, build site/   (make serve: live preview)
#   make test   — set up .venv, run the everyday tests (make test-all: and the exhaustive tier, as CI does)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.installed
DEV_READY := $(VENV)/.installed-dev
AXE := tests/js/node_modules/axe-core/axe.min.js

.PHONY: site serve test test-exhaustive test-all validate bench weight length clean explore

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

# axe-core for the accessibility tests, pinned in tests/js/package-lock.json (where npm is missing, they skip).
$(AXE): tests/js/package.json tests/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/js --no-audit --no-fund --silent; \
	else echo "没有 npm：不安装 axe-core，无障碍检查（tests/test_axe.py）跳过"; fi

# The everyday tier: one page of each kind in the browser checks (pytest.ini). Installs the development
# tools too (requirements-dev.txt): the database test starts Datasette as `make explore` does.
test: $(DEV_READY) $(AXE)
	$(BIN)/python -m pytest

# The exhaustive tier alone: axe and 200 % text on every page, repeated builds compared, the benchmark's report.
test-exhaustive: $(DEV_READY) $(AXE)
	$(BIN)/python -m pytest -m exhaustive

test-all: test test-exhaustive

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

# How long each place page is on a phone (390 × 844 px, normal and 长辈版): screens, where the answer cards end,
# and each section's answer, materials and where to go (bench/page_length.py; targets of issue 21).
length: site
	$(BIN)/python bench/page_length.py
