"""What several test modules share: the project root, the generator's entry points, running the command
line, editing a copy of the data, reading validate's problems, and parsing built pages.

Test modules import from here (and get fixtures from conftest.py); no test module imports another.
Every import of the generator used by the tests is in this file, so a module that moves changes here only.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime
import fcntl
import functools
import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.__main__ import main as cli_main
from generator.load import DataError, deadurls                 # deadurls: the dead-URL list and its checks
from generator.load import load_knowledge_base as load
from generator.load import schema as data_schema                # the schema check, as validate runs it
from generator.load.yamlfile import load as read_yaml           # one file → its data (YAML 1.2 values) and lines
from generator.model import urls
from generator.model.flow import End, Question, build_flow
from generator.model.errand import errand
from generator.model.history import all_changes
from generator.model.vocabulary import VERDICTS
from generator.pages import addresses, render_pages, render_place_pages
from generator.paths import PROJECT
from generator.pages.flowchart import WIDTH, wrap
from generator.site import PAGE_BUDGET_KB, BuildError
from generator.site.build import build, generate
from generator.site.compact import compact_html
from generator.site.preview import Preview

__all__ = ["Preview", "compact_html", "ROOT", "SITE_NAME", "addresses", "deadurls", "urls", "PAGE_BUDGET_KB", "url_of", "check_url_of", "with_text", "cli_main", "BuildError", "build",
           "generate", "WIDTH", "End", "Question",
           "build_flow", "wrap", "all_changes", "errand", "VERDICTS", "DataError", "render_pages", "render_place_pages", "load",
           "data_schema", "read_yaml", "run_generator", "rendered_site", "markdown_page", "markdown_to_html", "cached_site", "previous_site", "inputs_key", "edit", "line_of", "LINE", "rejected", "problems", "assert_reported", "Reported",
           "assert_reported_at", "assert_edit_reported", "PageParser", "parse", "page_file", "page_html"]

ROOT = PROJECT.root
SITE_NAME = PROJECT.site_name()         # mkdocs.yml's site_name: what render_pages is given

def url_of(j) -> str:
    """The site URL of a jurisdiction's page (relative to the site root)."""
    return urls.url(urls.page(j))


def check_url_of(j) -> str:
    """The site URL of a jurisdiction's check page (checker, flowchart, questions): a model
    jurisdiction or a jurisdiction of the export (whose "url" is its page's)."""
    return j["url"] + "check/" if isinstance(j, dict) else urls.url(urls.check(j))


def with_text(kb, jurisdiction: str, situation: str, change):
    """A copy of the loaded data with one rule replaced by change(rule): hostile text (HTML) that the data
    lint refuses in a file can still be pushed through the pages this way. kb itself is left as it was."""
    j = kb.jurisdictions[jurisdiction]
    j = dataclasses.replace(j, rules=tuple(change(r) if r.id == situation else r for r in j.rules))
    return dataclasses.replace(kb, jurisdictions={**kb.jurisdictions, jurisdiction: j})


# One line of validate's output: FILE:LINE: field: message
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


# -- the command line ------------------------------------------------------------------------------

def section(page: str, anchor: str) -> str:
    """One section of a built page (HTML, or generated Markdown with raw headings): from the heading with
    this id to the next heading of its level or above, the end of the article, or the page. A place page's
    rule is a section of level 2 (its 依据 a level-3 heading inside it)."""
    start = page.index(f'id="{anchor}"')
    level = int(page[page.rindex("<h", 0, start) + 2])
    ends = [i for i in [page.find(f"<h{n}", start) for n in range(1, level + 1)] + [page.find("</article>", start)]
            if i != -1]
    return page[start:min(ends) if ends else len(page)]


def run_generator(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m generator --root root ARGS` in this process (a fresh interpreter per call costs about a
    second of imports): its exit code and what it printed. An exception the command line does not turn
    into a message propagates, failing the test as a traceback would."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(["--root", str(root), *args])
    return subprocess.CompletedProcess(["generator", *args], code, out.getvalue(), err.getvalue())


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


# -- the real site, built once for its inputs ------------------------------------------------------

# Everything a build reads. The built site is kept under build/test-sites/<key of these inputs>/, so a
# test session (and every pytest-xdist worker of it) builds the real site at most once, and a session
# after an edit to a test, but not to these, builds nothing.
BUILD_INPUTS = ("policies", "content", "site_overrides", "generator", "data", "mkdocs.yml", "CONTRIBUTING.md",
                "requirements.txt")
SITE_CACHE = ROOT / "build" / "test-sites"


def inputs_key(root: Path, variant: str = "") -> str:
    """A digest of every input file's path and bytes, the interpreter, the day (the quality page lists
    what is stale today), the data version's commit (generator.load.git_commit: in every export) and
    the variant's own settings."""
    from generator.load import git_commit
    digest = hashlib.sha256(f"{sys.version}\0{datetime.date.today()}\0{git_commit(root)}\0{variant}".encode())
    for name in BUILD_INPUTS:
        top = root / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*")
                                                   if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def cached_site(site_url: str = "") -> Path:
    """The real data built into a site (the same code path as `make site`), with site_url set in its
    mkdocs.yml when given; built once per distinct inputs, under a lock shared by parallel workers."""
    key = inputs_key(ROOT, site_url)
    SITE_CACHE.mkdir(parents=True, exist_ok=True)
    place = SITE_CACHE / key
    with open(SITE_CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (place / "site").is_dir():
            kept = sorted((p for p in SITE_CACHE.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
            for old in kept[:-3]:                   # sites of older inputs: the newest few stay (variants)
                shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(place, ignore_errors=True)
            root = ROOT
            if site_url:        # a project beside this one: the same files but for mkdocs.yml
                root = place / "root"
                root.mkdir(parents=True)
                for name in BUILD_INPUTS:
                    if name not in ("mkdocs.yml", "generator", "requirements.txt"):
                        (root / name).symlink_to(ROOT / name)
                config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                config = config.replace('site_url: ""', f'site_url: "{site_url}"')
                assert site_url in config, "mkdocs.yml must have an empty site_url line to replace"
                (root / "mkdocs.yml").write_text(config, encoding="utf-8")
            build(root, site=place / "site", out=place / "build")
        return place / "site"


def previous_site(site: Path) -> dict:
    """A site left by an earlier build (a few files stand for it): its files and bytes."""
    for relative, text in (("index.html", "<p>旧首页</p>"), ("hunan/changsha/index.html", "<p>旧长沙</p>"),
                           ("search/search_index.json", "{}")):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text, encoding="utf-8")
    return {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}


# -- a few pages of other data, without the site engine ---------------------------------------------

_MD_LINK = re.compile(r'href="(?![a-z]+:|/|#)([^"#]*?)(index)?\.md(#[^"]*)?"')


def _directory_links(html: str) -> str:
    """MkDocs' rewriting of links between pages (directory URLs): a/index.md → a/, a/b.md → a/b/,
    index.md → ./ (from a page that is itself an index.md, as every generated page here is)."""
    def url(m: re.Match) -> str:
        folder, index, fragment = m.group(1), m.group(2), m.group(3) or ""
        return f'href="{(folder if index else folder + "/") or "./"}{fragment}"'
    return _MD_LINK.sub(url, html)


@functools.cache
def _markdown_extensions() -> tuple[tuple[str, ...], dict]:
    """mkdocs.yml's markdown_extensions: names and their options (read once)."""
    extensions, options = [], {}
    for entry in PROJECT.mkdocs_config().get("markdown_extensions", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        extensions.append(name)
        if isinstance(entry, dict):
            options[name] = entry[name] or {}
    return tuple(extensions), options


def markdown_page(page_markdown: str) -> tuple[str, dict]:
    """One generated page's Markdown as MkDocs reads it: its content as HTML (Python-Markdown with
    mkdocs.yml's extensions) and its front matter."""
    import markdown
    from mkdocs.utils.meta import get_data
    content, meta = get_data(page_markdown)
    extensions, options = _markdown_extensions()
    return markdown.markdown(content, extensions=list(extensions), extension_configs=options), meta


def markdown_to_html(page_markdown: str) -> str:
    """One generated page's Markdown as MkDocs turns it into the page's content: front matter off, the
    content converted (markdown_page), links between pages as directory URLs."""
    return _directory_links(markdown_page(page_markdown)[0])


def rendered_site(root: Path, kb=None, pages: tuple[str, ...] = (), name: str = "rendered") -> Path:
    """What a build of root's data (or kb) would publish, for a test that reads a few pages: the generator's
    own generate() writes every page's Markdown and every export (api/, feeds, SVG files); the pages at
    these URLs (e.g. "hunan/changsha/"; "compare/**" for every page under compare/) are converted to HTML as MkDocs converts their content
    (markdown_to_html, no theme around it). The site engine, which turns all ~500 pages into HTML,
    does not run. Returns the folder standing for site/ (root/name/site)."""
    out = root / name
    generate(root, out / "build", kb)
    docs, site = out / "build" / "docs", out / "site"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(docs, site, ignore=shutil.ignore_patterns("*.md"))
    wanted = []
    for url in pages:          # "compare/**": every page under compare/
        if url.endswith("**"):
            wanted += [p.relative_to(docs).as_posix()[:-len("index.md")]
                       for p in sorted((docs / url[:-2]).rglob("index.md"))]
        else:
            wanted.append(url)
    for url in wanted:
        source = docs / (f"{url}index.md" if url.endswith("/") or not url else f"{url}.md")
        assert source.is_file(), f"test setup: no page {url!r} in the generated site"
        target = site / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown_to_html(source.read_text(encoding="utf-8")), encoding="utf-8")
    return site


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
