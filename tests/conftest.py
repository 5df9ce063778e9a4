"""Shared fixtures: the real data loaded once, a built site, its export, and throw-away copies of policies/.

Shared helpers (not fixtures) are in helpers.py."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, cached_site, load


@pytest.fixture(scope="session")
def kb():
    """The real data, loaded once (read-only: derive changed copies with dataclasses.replace)."""
    return load(ROOT)


@pytest.fixture(scope="session")
def built() -> Path:
    """The real data built into a site (the same code path as `make site`), once for its inputs
    (helpers.cached_site). Read-only: a test that needs other data builds its own copy."""
    return cached_site()


@pytest.fixture(scope="session")
def server(built):
    """The built site on a local port (browser tests)."""
    from browser_support import serve
    httpd, url = serve(built)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test module."""
    from browser_support import CHROMIUM, FLAGS, require_chromium
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def export(built) -> dict:
    return json.loads((built / "api/v1/policies.json").read_text(encoding="utf-8"))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A project root holding a copy of the real policies/, ready to be broken."""
    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(ROOT / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")     # the root's guide is its 参与维护 page
    shutil.copytree(ROOT / "site_overrides", tmp_path / "site_overrides")
    shutil.copytree(ROOT / "data", tmp_path / "data")          # the dead-URL list: the same data as `built`
    return tmp_path
