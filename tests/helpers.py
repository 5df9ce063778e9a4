"""What several test modules share: the project root, the generator's entry points, running the command
line, editing a copy of the data, reading validate's problems, and parsing built pages.

Test modules import from here (and get fixtures from conftest.py); no test module imports another.
Every import of the generator used by the tests is in this file, so a module that moves changes here only.
"""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.__main__ import main as cli_main
from generator.load import DataError, deadurls                 # deadurls: the dead-URL list and its checks
from generator.load import load_knowledge_base as load
from generator.model import urls
from generator.model.flow import End, Question, build_flow
from generator.model.history import all_changes
from generator.model.vocabulary import VERDICTS
from generator.pages import render_pages
from generator.pages.flowchart import WIDTH, wrap
from generator.site import PAGE_BUDGET_KB, BuildError
from generator.site.build import build, generate
from generator.site.preview import Preview

__all__ = ["Preview", "ROOT", "deadurls", "urls", "PAGE_BUDGET_KB", "url_of", "check_url_of", "with_text", "cli_main", "BuildError", "build",
           "generate", "WIDTH", "End", "Question",
           "build_flow", "wrap", "all_changes", "VERDICTS", "DataError", "render_pages", "load",
           "run_generator", "edit", "line_of", "LINE", "rejected", "problems", "assert_reported", "Reported",
           "assert_reported_at", "assert_edit_reported", "PageParser", "parse", "page_file", "page_html"]

ROOT = Path(__file__).resolve().parent.parent

def url_of(j) -> str:
    """The site URL of a jurisdiction's page (relative to the site root)."""
    return urls.url(urls.page(j))


def check_url_of(j) -> str:
    """The site URL of a jurisdiction's check page (checker, flowchart, questions): a model
    jurisdiction or a jurisdiction of the export (whose "url" is its page's)."""
    return j["url"] + "check/" if isinstance(j, dict) else urls.url(urls.check(j))


def with_text(kb, jurisdiction: str, situation: str, change):
    """The loaded data with one rule replaced by change(rule): hostile text (HTML) that the data lint
    refuses in a file can still be pushed through the pages this way."""
    j = kb.jurisdictions[jurisdiction]
    j.rules = tuple(change(r) if r.id == situation else r for r in j.rules)
    return kb


# One line of validate's output: FILE:LINE: field: message
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


# -- the command line ------------------------------------------------------------------------------

def run_generator(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True)


def rejected(code: int, stdout: str, stderr: str) -> list[dict]:
    """The problems of a run that must fail cleanly: exit 1, no traceback, every line FILE:LINE: field: message."""
    output = stdout + stderr
    assert code == 1, output
    assert "Traceback" not in output, output
    lines = [LINE.match(line) for line in stdout.splitlines()]
    assert lines and all(lines), stdout
    return [m.groupdict() for m in lines]


def problems(root: Path) -> list[dict]:
    """`validate` on root, which must fail cleanly: its problems."""
    result = run_generator(root, "validate")
    return rejected(result.returncode, result.stdout, result.stderr)


# -- editing a copy of the data and finding the report ---------------------------------------------

def edit(root: Path, relative: str, old: str, new: str, count: int = 1) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1, whole: bool = False) -> int:
    """The number of the occurrence-th line holding needle (being it, stripped, when whole)."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if (line.strip() == needle) if whole else (needle in line):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def _find(found: list[dict], file, line, field_part, message_part) -> dict:
    for p in found:
        if p["file"] == file and int(p["line"]) == line and field_part in p["field"] and message_part in p["message"]:
            return p
    pytest.fail(f"expected {file}:{line} {field_part} «{message_part}» in {found}")


def assert_reported(root, file, line, field_part, message_part) -> dict:
    return _find(problems(root), file, line, field_part, message_part)


@dataclass(frozen=True)
class Reported:
    """A problem validate must report: on the line of `at` (its occurrence-th, or the line that is exactly
    `at` when whole; plus offset), with field_part in the field and message_part and names in the message."""
    at: str
    field_part: str
    message_part: str
    names: str = ""
    occurrence: int = 1
    offset: int = 0
    whole: bool = False


def assert_reported_at(root: Path, file: str, path: Path, *expected: Reported) -> None:
    """One validate run on root reports every expected problem of file (whose copy is path)."""
    found = problems(root)
    for e in expected:
        line = line_of(path, e.at, e.occurrence, e.whole) + e.offset
        assert e.names in _find(found, file, line, e.field_part, e.message_part)["message"]


def assert_edit_reported(root: Path, file: str, old: str, new: str, *expected: Reported) -> None:
    """Replace old by new in file, then validate must report every expected problem."""
    assert_reported_at(root, file, edit(root, file, old, new), *expected)


# -- built pages ------------------------------------------------------------------------------------

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


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def page_html(site: Path, url: str) -> str:
    return page_file(site, url).read_text(encoding="utf-8")
