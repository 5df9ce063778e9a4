"""Shared fixtures: the real data, a built site, and throw-away copies of policies/."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from html.parser import HTMLParser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real data built into a temporary site (the same code path as `make site`)."""
    from generator.build import build
    work = tmp_path_factory.mktemp("built")
    return build(ROOT, site=work / "site", out=work / "build")


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
    shutil.copytree(ROOT / "site_overrides", tmp_path / "site_overrides")
    return tmp_path


def run_generator(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True)


class PageParser(HTMLParser):
    """Ids and link targets of one built page; test modules extend it for what else they read."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
