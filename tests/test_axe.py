"""axe-core (bundled by axe-playwright-python) over every built page: WCAG 2.0, 2.1 and 2.2
level A and AA rules, at 390 px (phone) and 1280 px (desktop), with 长辈版 off and on.

Zero violations is the bar. One Chromium for the session and one context per width and mode;
axe is added to each page by its context before the page's own scripts run. The four contexts
walk the pages side by side (each tab starts axe, then all are collected), so the machine's
cores share the work. A failure lists each failing page with the rule, its help text and the
first elements it names.
"""
from __future__ import annotations

import time

import pytest

from browser_support import new_context, page_urls, require_chromium

require_chromium()

from axe_playwright_python.base import AXE_SCRIPT  # noqa: E402  (after the skip: needs playwright)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
FIRST = 3            # elements named per rule in a failure
WIDTHS = (390, 1280)
MODES = (False, True)  # 长辈版 off, on


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"/{url}"]
    for v in violations:
        nodes = v["nodes"]
        lines.append(f"  {v['id']} ({v['impact']}, {len(nodes)} elements): {v['help']}")
        for node in nodes[:FIRST]:
            summary = " ".join((node.get("failureSummary") or "").split())[:200]
            lines.append(f"    {' > '.join(map(str, node['target']))}  {' '.join(node['html'].split())[:120]}  — {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_results(browser, server, built):
    """{(width, elder): failures} for every page; also the page list and the seconds taken."""
    urls = page_urls(built)
    runs = [(width, elder) for width in WIDTHS for elder in MODES]
    contexts = {}
    for run in runs:
        contexts[run] = new_context(browser, run[0], elder=run[1])
        contexts[run].add_init_script(AXE_SCRIPT)
    tabs = {run: contexts[run].new_page() for run in runs}
    failures: dict[tuple, list[str]] = {run: [] for run in runs}
    started = time.monotonic()
    try:
        for url in urls:
            for run, tab in tabs.items():
                tab.goto(server + url, wait_until="load")
                on = tab.evaluate("document.documentElement.classList.contains('elder')")
                assert on is run[1], f"/{url} at {run[0]}px: 长辈版 should be {'on' if run[1] else 'off'}"
                assert tab.locator(".elder-switch").is_visible(), f"/{url} at {run[0]}px: no 长辈版 switch"
                tab.evaluate("options => { window.__axe = axe.run(document, options); }", OPTIONS)
            for run, tab in tabs.items():
                violations = tab.evaluate("window.__axe")["violations"]
                if violations:
                    failures[run].append(describe(url, violations))
    finally:
        for context in contexts.values():
            context.close()
    seconds = time.monotonic() - started
    print(f"\naxe: {len(urls)} pages × {len(runs)} width/mode runs in {seconds:.1f}s")
    return urls, failures, seconds


@pytest.mark.parametrize("elder", MODES, ids=["normal", "elder"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_wcag_a_aa_on_every_page(axe_results, width, elder):
    urls, failures, _ = axe_results
    assert len(urls) >= 30, urls
    found = failures[(width, elder)]
    assert not found, (f"{len(found)} of {len(urls)} pages fail WCAG A/AA at {width}px"
                       f"{' in 长辈版' if elder else ''}:\n" + "\n".join(found))
