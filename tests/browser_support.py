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

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps"]
HEIGHT = 844          # a phone's screen height; desktop widths keep it (only the width matters here)


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


# Pages made per place and per provincial unit repeat one template hundreds of times (509 pages with
# 52 places): the page-by-page browser checks (axe, 200 % reflow, 长辈版 sizes) take one of each kind —
# every page that is not per place or per unit, and all pages of these units: the nation, a province
# with a covered city (湖南, 长沙), a municipality (北京) and a province without cities of its own (四川).
SAMPLE_UNITS = {"national", "hunan", "beijing", "sichuan"}


def page_urls(built) -> list[str]:
    """The built pages to check one by one, as the paths a reader opens (see SAMPLE_UNITS)."""
    import json
    export = json.loads((built / "api/v1/policies.json").read_text(encoding="utf-8"))
    units = {j["id"] for j in export["jurisdictions"] if j["parent"] in (None, "national")}
    urls = []
    for path in sorted(built.rglob("*.html")):
        relative = path.relative_to(built).as_posix()
        url = relative[:-len("index.html")] if relative.endswith("index.html") else relative
        if set(url.split("/")) & (units - SAMPLE_UNITS):
            continue
        urls.append(url)
    return urls
