"""axe-core (bundled by axe-playwright-python) over every built page: WCAG 2.0, 2.1 and 2.2
level A and AA rules, at 390 px (phone) and 1280 px (desktop), with 长辈版 off and on.

Zero violations is the bar. One Chromium for the session, one context per width and mode,
one tab that visits every page; axe is added to each page by the context before the page's
own scripts run. A failure lists each failing page with the rule, its help text and the
first elements it names.
"""
from __future__ import annotations

import time

import pytest

from browser_support import new_context, require_chromium

require_chromium()

from axe_playwright_python.base import AXE_SCRIPT  # noqa: E402  (after the skip: needs playwright)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
FIRST = 3            # elements named per rule in a failure


def page_urls(built) -> list[str]:
    """Every HTML page of the built site, as the path a reader opens."""
    urls = []
    for path in sorted(built.rglob("*.html")):
        relative = path.relative_to(built).as_posix()
        urls.append(relative[:-len("index.html")] if relative.endswith("index.html") else relative)
    return urls


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"/{url}"]
    for v in violations:
        nodes = v["nodes"]
        lines.append(f"  {v['id']} ({v['impact']}, {len(nodes)} elements): {v['help']}")
        for node in nodes[:FIRST]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:160]
            lines.append(f"    {' > '.join(map(str, node['target']))}  {node['html'][:120]}  — {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_wcag_a_aa_on_every_page(browser, server, built, width, elder):
    urls = page_urls(built)
    assert len(urls) >= 30, urls
    context = new_context(browser, width, elder=elder)
    context.add_init_script(AXE_SCRIPT)
    page = context.new_page()
    failures, started = [], time.monotonic()
    try:
        for url in urls:
            page.goto(server + url, wait_until="load")
            on = page.evaluate("document.documentElement.classList.contains('elder')")
            assert on is elder, f"/{url}: 长辈版 should be {'on' if elder else 'off'}"
            result = page.evaluate("options => axe.run(document, options)", OPTIONS)
            if result["violations"]:
                failures.append(describe(url, result["violations"]))
    finally:
        context.close()
    print(f"\naxe {width}px {'elder' if elder else 'normal'}: {len(urls)} pages in {time.monotonic() - started:.1f}s")
    assert not failures, (f"{len(failures)} of {len(urls)} pages fail WCAG A/AA at {width}px"
                          f"{' in 长辈版' if elder else ''}:\n" + "\n".join(failures))
