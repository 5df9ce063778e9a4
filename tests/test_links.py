"""Source links: the offline dead-link list is well-formed and shown on the site; check-links reports.

check-links is tested only against a local http.server on 127.0.0.1 started here: it never
touches the network in the default tests.
"""
from __future__ import annotations

import re
import threading
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from helpers import ROOT, SITE_NAME, addresses, deadurls, load, render_pages, run_generator


def test_checked_in_dead_list_is_valid(kb):
    assert (ROOT / deadurls.DEAD_URLS_FILE).exists()
    dead, problems = deadurls.read(ROOT)
    assert problems == [] and deadurls.check_used(dead, kb, ROOT) == []
    for url, entry in dead.items():
        assert url in {s.url for s in kb.sources.values()}
        assert entry["archived"] != url and entry["archived"].startswith(("http://", "https://"))
    assert kb.archived == {url: entry["archived"] for url, entry in dead.items()}


def test_dead_list_problems_name_file_line_and_field(tmp_path, kb):
    real_url = next(s.url for s in kb.sources.values() if s.url)
    listed = tmp_path / deadurls.DEAD_URLS_FILE
    listed.parent.mkdir(parents=True)
    listed.write_text(f"dead:\n  - url: https://example.org/not-a-source\n    archived: https://archive.example/x\n"
                      f"    checked: 2026-01-01\n  - url: {real_url}\n    archived: not a url\n    checked: 2026-02-30\n",
                      encoding="utf-8")
    dead, shape = deadurls.read(tmp_path)
    problems = {(p.line, p.field): p.message for p in shape + deadurls.check_used(dead, kb, tmp_path)}
    assert "没有哪个来源" in problems[(2, "dead[0].url")]
    assert "http" in problems[(6, "dead[1].archived")]
    assert "日期" in problems[(7, "dead[1].checked")]


def test_archived_copy_is_shown_next_to_a_dead_link(data_copy, kb):
    """The list is read with the data of the root being built, not the repository's (no cached global)."""
    source = next(s for s in kb.sources.values() if s.url)
    listed = data_copy / deadurls.DEAD_URLS_FILE
    listed.parent.mkdir(parents=True, exist_ok=True)
    listed.write_text(f"dead:\n  - url: {source.url}\n    archived: https://archive.example/web/{source.id}\n"
                      "    checked: 2026-01-01\n", encoding="utf-8")
    copied = load(data_copy)
    pages = render_pages(copied, SITE_NAME)
    page = pages[addresses(copied).source_page(source.id)]      # the sources page of the unit that declares it
    entry = page.split(f"{{#src-{source.id}}}")[1].split("\n## ")[0]
    assert f'href="https://archive.example/web/{source.id}"' in entry
    assert "原网址已失效" in entry
    assert page.count("原网址已失效") == 1
    assert "原网址已失效" not in render_pages(kb, SITE_NAME)[addresses(kb).source_page(source.id)]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "ok.html").write_text("ok", encoding="utf-8")
    server = HTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _point_sources_at(root: Path, base: str, missing_in: str) -> None:
    """Every source url → the local server; the first one in missing_in → a page that does not exist."""
    for path in (root / "policies").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(\n    url: )\S+", rf"\g<1>{base}/ok.html", text)
        if path.name == missing_in:
            text = text.replace(f"url: {base}/ok.html", f"url: {base}/gone.html", 1)
        path.write_text(text, encoding="utf-8")


def test_check_links_reports_dead_and_live(data_copy, local_server):
    _point_sources_at(data_copy, local_server, "changsha.yaml")
    result = run_generator(data_copy, "check-links", "--timeout", "3")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"| HTTP 404 | {local_server}/gone.html |" in result.stdout
    assert f"| 能打开 | {local_server}/ok.html |" in result.stdout
    assert "1 个打不开" in result.stdout


def test_check_links_all_live(data_copy, local_server):
    _point_sources_at(data_copy, local_server, "none")
    result = run_generator(data_copy, "check-links", "--timeout", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个打不开" in result.stdout


# -- check-quotes: quotes looked for on the live page, against the same local server -----------------------

def _serve_excerpts(root: Path, served: Path, base: str, drop: str = "") -> None:
    """Every source url → one page on the local server holding every archived excerpt (GB18030, declared in
    a <meta>, inside HTML with a script to ignore); `drop` is cut out of the page."""
    for path in (root / "policies").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(\n    url: )\S+", rf"\g<1>{base}/page.html", text), encoding="utf-8")
    excerpts = "".join(f"<p>{p.read_text(encoding='utf-8')}</p>"
                       for p in sorted((root / "policies/excerpts").glob("*.txt")))
    page = '<html><head><meta charset="gb18030"><script>var s = "x";</script></head><body>' + (
        excerpts.replace(drop, "") if drop else excerpts) + "</body></html>"
    (served / "page.html").write_bytes(page.encode("gb18030"))


def test_check_quotes_all_found(data_copy, local_server, tmp_path):
    _serve_excerpts(data_copy, tmp_path / "served", local_server)
    result = run_generator(data_copy, "check-quotes", "--timeout", "5")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 条在网页上找不到，0 个网页打不开" in result.stdout


def test_check_quotes_reports_a_quote_gone_from_the_page(data_copy, local_server, tmp_path):
    kb = load(data_copy)
    source, quote = next((c.source.id, c.quote) for j in kb.jurisdictions.values() for r in j.rules
                         for c in r.citations if c.quote in (kb.excerpts.get(c.source.id) or ""))
    _serve_excerpts(data_copy, tmp_path / "served", local_server, drop=quote)
    result = run_generator(data_copy, "check-quotes", "--timeout", "5")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"| 网页上找不到 | {source} | {local_server}/page.html | {quote} |" in result.stdout
    assert "Traceback" not in result.stderr
