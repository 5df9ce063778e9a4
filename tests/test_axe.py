"""axe-core (tests/js/package.json) over the built pages: WCAG 2.0, 2.1 and 2.2 level A and AA rules,
at 390 px (phone) and 1280 px (desktop), with 长辈版 off and on. The everyday tier checks one page of
each kind (browser_support.page_kind: one place page, one comparison page of a situation, one map
view…); the exhaustive tier (`make test-all`) checks every page, so a kind added later is covered
without anyone choosing it.

Zero violations is the bar. One Chromium for the session and one context per width and mode;
axe is added to each page by its context before the page's own scripts run. The four contexts
walk the pages side by side (each tab starts axe, then all are collected), so the machine's
cores share the work. A failure lists each failing page with the rule, its help text and the
first elements it names.
"""
from __future__ import annotations

import time

import pytest

from browser_support import axe_script, new_context, one_page_per_kind, page_urls, require_chromium

require_chromium()
AXE_SCRIPT = axe_script()

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


def run_axe(browser, server, urls: list[str]):
    """{(width, elder): failures} for these pages; also the page list and the seconds taken."""
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


@pytest.fixture(scope="module")
def axe_of_each_kind(browser, server, built, kb):
    return run_axe(browser, server, one_page_per_kind(built, kb))


@pytest.fixture(scope="module")
def axe_of_every_page(browser, server, built):
    return run_axe(browser, server, page_urls(built))


def assert_no_violations(results, width: int, elder: bool, at_least: int) -> None:
    urls, failures, _ = results
    assert len(urls) >= at_least, urls
    found = failures[(width, elder)]
    assert not found, (f"{len(found)} of {len(urls)} pages fail WCAG A/AA at {width}px"
                       f"{' in 长辈版' if elder else ''}:\n" + "\n".join(found))


@pytest.mark.parametrize("elder", MODES, ids=["normal", "elder"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_wcag_a_aa_on_a_page_of_each_kind(axe_of_each_kind, width, elder):
    assert_no_violations(axe_of_each_kind, width, elder, at_least=25)


@pytest.mark.exhaustive
@pytest.mark.parametrize("elder", MODES, ids=["normal", "elder"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_wcag_a_aa_on_every_page(axe_of_every_page, width, elder):
    assert_no_violations(axe_of_every_page, width, elder, at_least=500)
