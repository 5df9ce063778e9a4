"""What the browser tests share: Debian's headless Chromium through Playwright, the built site
served on a local port, and one page opened the way a reader opens it.

The fixtures `server` and `browser` (conftest.py) are session-scoped: every browser test module
uses one server and one Chromium. CI installs chromium (.ci/run); elsewhere the browser tests
are skipped when it is missing.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps"]
HEIGHT = 844          # a phone's screen height; desktop widths keep it (only the width matters here)


# axe-core, pinned in tests/js/package.json (package-lock.json) and installed by `make test` with npm:
# the accessibility rules a page is checked against.
AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"


def axe_script() -> str:
    """axe-core's source, to add to each page before its own scripts; skips (fails on CI) when not installed."""
    import pytest
    if not AXE.is_file():
        if os.environ.get("CI"):
            raise RuntimeError("CI must install axe-core: npm ci --prefix tests/js (see the Makefile)")
        pytest.skip("axe-core is not installed (make test installs it with npm)", allow_module_level=True)
    return AXE.read_text(encoding="utf-8")


def require_chromium() -> None:
    import pytest
    if not CHROMIUM:
        if os.environ.get("CI"):
            raise RuntimeError("CI must install chromium (see .ci/run)")
        pytest.skip("chromium is not installed", allow_module_level=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def new_context(browser, width: int = 390, elder: bool | None = None, **options):
    """A fresh context (no storage) at this width. elder=True/False stores the 长辈版 choice in
    localStorage before any page script runs, as a reader's earlier visit would have."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, service_workers="block", **options)
    if elder is not None:
        context.add_init_script(f"try {{ localStorage.setItem('elder-mode', '{'on' if elder else 'off'}'); }} catch (e) {{}}")
    return context


def page_urls(built) -> list[str]:
    """Every built page, as the path a reader opens ("" for the home page, "404.html")."""
    urls = []
    for path in sorted(built.rglob("*.html")):
        relative = path.relative_to(built).as_posix()
        urls.append(relative[:-len("index.html")] if relative.endswith("index.html") else relative)
    return urls


def page_kind(url: str, kb) -> str:
    """Which template a page is an instance of: its path with each place, provincial unit, situation and
    page number replaced by what it stands for ("{province}/{city}/check/", "{province}/{city}/checklist/"
    (办事清单), "compare/{situation}/{unit}/", "sources/{unit}/{n}/"). A place's own pages are told apart by
    level (the nation, a province with or without cities of its own, a municipality, a city show different
    parts); other pages per unit not."""
    places = {j.id: j for j in kb.jurisdictions.values()}
    situations = {s.id for s in kb.situations}
    segments = url.split("/")
    own_page = segments[0] in places
    kinds = []
    for segment in segments:
        if segment in places:
            j = places[segment]
            with_cities = "+cities" if j.level != "national" and kb.members(j) else ""
            kinds.append("{" + (j.level + with_cities if own_page else "unit") + "}")
        elif segment in situations:
            kinds.append("{situation}")
        elif segment.isdigit():
            kinds.append("{n}")
        else:
            kinds.append(segment)
    return "/".join(kinds)


def one_page_per_kind(built, kb) -> list[str]:
    """The smallest page (in bytes) of every kind (page_kind): what the everyday tier checks page by page;
    the exhaustive tier checks page_urls(built), all of them."""
    smallest: dict[str, tuple[int, str]] = {}
    for url in page_urls(built):
        size = (built / (url if url.endswith(".html") else url + "index.html")).stat().st_size
        kind = page_kind(url, kb)
        if kind not in smallest or size < smallest[kind][0]:
            smallest[kind] = (size, url)
    return sorted(url for _, url in smallest.values())


# The site's search worker driven directly (as the theme drives it), so a query's whole result is read,
# not only what the page renders: {query: [locations, best first]}.
WORKER_SEARCH = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const index = await (await fetch(new URL(config.base + "/search/search_index.json", location.href))).json();
  const worker = new Worker(config.search);
  const reply = () => new Promise(done => worker.addEventListener("message", e => done(e.data), {once: true}));
  let answer = reply();
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await answer;
  const found = {};
  for (const query of queries) {
    answer = reply();
    worker.postMessage({type: 2, data: query});
    found[query] = (await answer).data.items.flat().filter(item => item.score > 0).map(item => item.location);
  }
  worker.terminate();
  return found;
}"""
