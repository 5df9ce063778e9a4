"""The built site in a real browser (Debian's headless Chromium through Playwright).

Proves what a reader on a phone in mainland China depends on: no request leaves the
site's own host, the flowchart renders, the checker reaches an outcome by clicking,
the checker (assets/checker.js) walks every path of the page's flow to its outcome, the city
finder and the search find the right page, and pages fit a 390 px screen.
Screenshots at 390 and 1280 px are kept in build/screenshots/ as test artefacts.

CI installs chromium (.ci/run); elsewhere the tests are skipped when it is missing.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from urllib.parse import urlparse

import pytest

from helpers import ROOT, build_flow, url_of

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install chromium (see .ci/run)")
    pytest.skip("chromium is not installed", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

SCREENSHOTS = ROOT / "build" / "screenshots"
PAGES = {"home": "", "changsha": "hunan/changsha/", "compare": "compare/", "faq": "faq/"}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(_QuietHandler, directory=str(built))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def open_page(browser, url, width=390):
    context = browser.new_context(viewport={"width": width, "height": 844}, service_workers="block")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requests


@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_site(browser, server, name):
    page, requests = open_page(browser, server + PAGES[name])
    page.wait_for_timeout(300)        # let late scripts fire
    own = urlparse(server).netloc
    foreign = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != own]
    assert requests and not foreign, foreign
    page.context.close()


@pytest.mark.parametrize("name", ["home", "changsha", "compare"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_and_no_horizontal_scroll(browser, server, name, width):
    page, _ = open_page(browser, server + PAGES[name], width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    # Tables may scroll inside their own box; the page itself must not.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    page.context.close()


def test_changsha_footnotes_at_390px(browser, server):
    """On a phone, each condition and material of 长沙's first rule shows its footnote number, and the
    number jumps (no JavaScript needed: a plain link) to that quote in the rule's 依据 list."""
    page, _ = open_page(browser, server + PAGES["changsha"])
    rule = page.locator("#relocated-retiree")
    items = page.locator("li:has(sup.cite)")
    assert items.count() >= 3
    first = page.locator("sup.cite a").first
    first.scroll_into_view_if_needed()
    assert first.is_visible() and first.inner_text().strip() == "1"
    href = first.get_attribute("href")
    assert href.startswith("#relocated-retiree-cite-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "changsha-footnotes-390.png"))     # the viewport around the footnote
    first.click()
    page.wait_for_timeout(100)
    target = page.locator(href)
    assert target.count() == 1 and rule.count() == 1
    assert page.evaluate("location.hash") == href
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 844              # the quote is now on screen
    page.context.close()


def test_flowchart_renders_and_checker_reaches_an_outcome(browser, server):
    page, _ = open_page(browser, server + PAGES["changsha"])
    svg = page.locator("svg").filter(has=page.locator("title")).first
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    checker = page.locator("#checker-app")
    checker.scroll_into_view_if_needed()
    # Answer 否 until the death question, then 是: the walk ends at that rule's outcome.
    for _ in range(20):
        text = checker.inner_text()
        if "死亡" in text or "去世" in text:
            break
        checker.get_by_role("button", name="否", exact=True).click()
    checker.get_by_role("button", name="是", exact=True).click()
    result = checker.inner_text()
    assert "支付给继承人" in result
    assert "死亡证明" in result                    # materials
    assert "政务中心医保窗口" in result             # where to apply
    assert checker.locator("a[href*='sources/#src-']").count() >= 1   # citations
    page.context.close()


# What the checker shows: its text, its links as written (href attributes) and the text of the focused
# element (None while focus has not moved from the page itself).
CHECKER_STATE = """() => {
  const app = document.getElementById("checker-app");
  const active = document.activeElement;
  return {
    text: app.textContent,
    links: Array.from(app.querySelectorAll("a"), a => a.getAttribute("href")),
    focused: active && active !== document.body ? active.textContent : null,
  };
}"""


def test_checker_walks_the_page_flow_to_each_outcome(browser, server, kb):
    j = kb.jurisdictions["changsha"]
    flow = build_flow(kb, j)
    page, _ = open_page(browser, server + url_of(j))
    checker = page.locator("#checker-app")

    def run(answers: list[str]) -> dict:
        """Load the page afresh, click the answers in order, and read the checker."""
        page.goto(server + url_of(j), wait_until="load")
        for answer in answers:
            checker.get_by_role("button", name=answer, exact=True).click()
        return page.evaluate(CHECKER_STATE)

    first = run([])
    assert "第 1 问" in first["text"] and flow.questions[0].label in first["text"]
    assert first["focused"] is None                         # loading the page does not move focus
    for index, q in enumerate(flow.questions):
        shown = run(["否"] * index + ["是"])
        end = flow.ends[q.yes]
        rule = end.effective.rule
        assert "结果：" + end.name in shown["text"] and end.grade_label in shown["text"]
        for item in (tuple(s.text for s in rule.materials) + tuple(p.name for p in rule.where)
                     + tuple(c.quote for c in rule.citations)):
            assert item in shown["text"], (q.id, item)
        assert f"#{rule.id}" in shown["links"]
        assert any("sources/#src-" in link for link in shown["links"])
        assert shown["focused"] and end.name in shown["focused"]
    last = run(["否"] * len(flow.questions))
    assert "结果：" + flow.final.name in last["text"]
    restarted = run(["否", "重新开始"])
    assert "第 1 问" in restarted["text"]
    back = run(["否", "上一步"])
    assert flow.questions[0].label in back["text"]
    page.context.close()


@pytest.mark.parametrize("query", ["长沙", "changsha", "cs"])
def test_city_finder(browser, server, query):
    page, _ = open_page(browser, server)
    page.fill("#city-q", query)
    first = page.locator(".city-results a").first
    assert first.inner_text() == "长沙市"
    page.press("#city-q", "Enter")
    page.wait_for_url("**/hunan/changsha/")
    page.context.close()


def search(browser, server, query: str) -> list:
    """Type as a reader does; return the result links as parsed URLs, best first."""
    page, _ = open_page(browser, server, 1280)
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("End")         # a real key event: Material searches on key events
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(1000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    page.context.close()
    return [urlparse(link) for link in links]


@pytest.mark.parametrize("query, page_url, anchors", [
    ("长沙 去世", "hunan/changsha/", ("death", "faq-death")),
    ("出国定居 取现", "compare/emigration/", None),
    ("许昌 清算", "henan/xuchang/", None),
])
def test_search_finds_the_right_page_and_section_first(browser, server, query, page_url, anchors):
    results = search(browser, server, query)
    assert results, query
    assert results[0].path == "/" + page_url, [r.geturl() for r in results[:3]]
    if anchors:
        first_section = next(r for r in results if r.fragment)
        assert first_section.path == "/" + page_url and first_section.fragment in anchors, first_section.geturl()


def test_xuchang_page_explains_qingsuan(built):
    """Where 许昌 清算 lands, the page says what is and is not true about it."""
    text = (built / "henan/xuchang/index.html").read_text(encoding="utf-8")
    assert "清算" in text and "没有找到任何来源" in text
