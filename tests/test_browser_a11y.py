"""Accessibility in a real browser, beyond what axe-core checks (tests/test_axe.py):
- 长辈版: the switch works with mouse and keyboard, the choice is remembered across pages and
  reloads, and with it on the main text is ≥ 24 px (18 pt), line height ≥ 1.3, paragraphs further
  apart than lines, the side bars folded away;
- 200 % text (the browser's font-size setting doubled) at 390 px: no page scrolls sideways
  (WCAG 1.4.4 / 1.4.10), the normal page without JavaScript and 长辈版 with it;
- keyboard only: the checker walked to an outcome with Tab and Enter/Space, with a visible focus
  ring; the flowchart's outcome links reached by Tab; the comparison sort button by Enter and its
  filters by Space;
- main controls at least 44×44 px on a phone.
"""
from __future__ import annotations

import pytest

from browser_support import new_context, one_page_per_kind, page_urls, require_chromium

require_chromium()

CHANGSHA = "hunan/changsha/"
CHECK = "hunan/changsha/check/"        # the checker and flowchart live on the place's check page

# Each text block of the article that holds running text, with its size and spacing.
TEXT_METRICS = """() => [...document.querySelectorAll('article.md-content__inner p, article.md-content__inner li')]
  .filter(el => el.offsetParent !== null && el.innerText.trim() && !el.closest('table, .md-sidebar, svg'))
  .map(el => { const s = getComputedStyle(el);
    return {text: el.innerText.trim().slice(0, 20), size: parseFloat(s.fontSize),
            line: s.lineHeight === 'normal' ? NaN : parseFloat(s.lineHeight)}; })"""

# Gaps between consecutive paragraphs (p directly after p), and their line height.
PARAGRAPH_GAPS = """() => [...document.querySelectorAll('article.md-content__inner p + p')]
  .filter(el => el.offsetParent !== null && el.previousElementSibling.offsetParent !== null
          && el.innerText.trim() && el.previousElementSibling.innerText.trim())   // a <p> holding only a script is no text
  .map(el => ({text: el.innerText.trim().slice(0, 20),
               gap: el.getBoundingClientRect().top - el.previousElementSibling.getBoundingClientRect().bottom,
               line: parseFloat(getComputedStyle(el).lineHeight)}))"""

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def is_elder(page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('elder')")


def test_elder_switch_is_remembered_across_pages_and_works_by_keyboard(browser, server):
    context = new_context(browser, 390)
    page = context.new_page()
    page.goto(server, wait_until="load")
    switch = page.locator(".elder-switch")
    assert switch.is_visible() and switch.inner_text().strip() == "长辈版"
    assert switch.get_attribute("aria-pressed") == "false" and not is_elder(page)
    switch.click()
    assert is_elder(page) and switch.get_attribute("aria-pressed") == "true"
    page.goto(server + CHANGSHA, wait_until="load")          # another page: still on
    assert is_elder(page) and page.locator(".elder-switch").get_attribute("aria-pressed") == "true"
    page.locator(".elder-switch").focus()
    page.keyboard.press("Enter")                              # off, by keyboard
    assert not is_elder(page)
    page.reload(wait_until="load")
    assert not is_elder(page)
    page.keyboard.press("Tab")
    for _ in range(10):                                       # Tab from the top of the page reaches it
        if page.evaluate("document.activeElement.classList.contains('elder-switch')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert is_elder(page)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_elder_mode_text_sizes_spacing_and_folded_side_bars(browser, server, width):
    context = new_context(browser, width, elder=True)
    page = context.new_page()
    for url in ("", CHANGSHA, "about/", "faq/"):
        page.goto(server + url, wait_until="load")
        assert is_elder(page), url
        blocks = page.evaluate(TEXT_METRICS)
        assert len(blocks) >= 3, url
        small = [b for b in blocks if b["size"] < 24]
        assert not small, f"/{url} at {width}px: main text under 24 px (18 pt): {small[:3]}"
        tight = [b for b in blocks if not b["line"] >= 1.3 * b["size"]]
        assert not tight, f"/{url} at {width}px: line height under 1.3: {tight[:3]}"
        gaps = page.evaluate(PARAGRAPH_GAPS)
        close = [g for g in gaps if not g["gap"] > g["line"]]
        assert not close, f"/{url} at {width}px: paragraphs no further apart than lines: {close[:3]}"
        assert not page.locator(".md-sidebar--secondary").is_visible(), f"/{url}: page contents list shown"
        if width >= 1220:       # desktop: the navigation is folded behind the menu button, not beside the text
            assert not page.locator(".md-sidebar--primary").is_visible(), f"/{url}: side navigation shown"
        assert page.evaluate(OVERFLOW) <= 0, f"/{url} at {width}px scrolls sideways in 长辈版"
        text = page.evaluate("getComputedStyle(document.querySelector('.md-content')).color")
        assert text == "rgb(0, 0, 0)", f"/{url}: 长辈版 text is {text}, not black"
    if width >= 1220:
        page.locator("label.md-header__button[for='__drawer']").click()
        assert page.locator(".md-sidebar--primary").is_visible(), "the menu button does not unfold the navigation"
    # The normal page keeps its own sizes: 长辈版 is a choice, not the default.
    page.evaluate("localStorage.setItem('elder-mode', 'off')")
    context.close()
    context = new_context(browser, width)
    page = context.new_page()
    page.goto(server + CHANGSHA, wait_until="load")
    assert not is_elder(page)
    assert max(b["size"] for b in page.evaluate(TEXT_METRICS)) < 24
    context.close()


@pytest.mark.parametrize("pages", [pytest.param("each-kind"), pytest.param("every", marks=pytest.mark.exhaustive)])
@pytest.mark.parametrize("mode", ["normal-no-js", "elder"])
def test_200_percent_text_does_not_scroll_sideways_at_390(browser, server, built, kb, mode, pages):
    """pages: one page of each kind (browser_support.page_kind), or every page (the exhaustive tier)."""
    elder = mode == "elder"
    context = new_context(browser, 390, elder=elder, java_script_enabled=elder)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    # The reader's browser font size doubled (16 → 32 px), as 设置 → 字号 does; px sizes do not follow it.
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    wide = []
    for url in one_page_per_kind(built, kb) if pages == "each-kind" else page_urls(built):
        page.goto(server + url, wait_until="load")
        if url == "":
            root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
            assert root >= 40, f"text not zoomed: root font {root}px"       # Material's 125 % of 32 px
        assert is_elder(page) is elder, url
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            wide.append(f"/{url} by {overflow}px")
    context.close()
    assert not wide, f"at 390 px with 200 % text ({mode}) these pages scroll sideways: {wide}"


def focused(page) -> dict:
    return page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
      return {tag: el.tagName, text: (el.textContent || '').trim(), inChecker: !!el.closest('#checker-app'),
              inFlow: !!el.closest('#flow-chart'), href: el.getAttribute('href'),
              ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")


def tab_to(page, want, limit=200, backwards=False) -> dict:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        here = focused(page)
        if want(here):
            return here
    raise AssertionError(f"{limit} presses of Tab never reached the control; last focus: {here}")


@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_alone_walks_the_checker_to_an_outcome(browser, server, width):
    context = new_context(browser, width)
    page = context.new_page()
    page.goto(server + CHECK, wait_until="load")
    checker = page.locator("#checker-app")
    here = tab_to(page, lambda f: f["inChecker"] and f["tag"] == "BUTTON")
    assert here["ring"], f"no visible focus ring on the checker's {here['text']} button"
    # 否 until the death question, then 是 — as tests/test_browser.py does with clicks.
    for _ in range(20):
        text = checker.inner_text()
        answer = "是" if ("死亡" in text or "去世" in text) else "否"
        if focused(page)["text"] != answer:
            here = tab_to(page, lambda f: f["inChecker"] and f["text"] in ("是", "否"), limit=3)
            if here["text"] != answer:
                here = tab_to(page, lambda f: f["inChecker"] and f["text"] == answer, limit=2)
        page.keyboard.press("Enter" if answer == "否" else "Space")
        if answer == "是":
            break
        # focus moved to the next question, not lost to the page
        assert page.evaluate("!!document.activeElement.closest('#checker-app')")
    result = checker.inner_text()
    assert "支付给继承人" in result and "死亡证明" in result
    # Then the flowchart: its outcome links are reached by Tab and followed with Enter.
    here = tab_to(page, lambda f: f["inFlow"] and f["tag"] == "a")
    # the check page's outcomes lead to the rule on the place's page (../#death …)
    assert "#" in here["href"], here
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#" + here["href"].split("#", 1)[1]
    assert page.evaluate("location.pathname").endswith("/" + CHANGSHA)
    context.close()


def test_comparison_sort_and_filters_work_by_keyboard(browser, server):
    context = new_context(browser, 390)
    page = context.new_page()
    page.goto(server + "compare/in/hunan/", wait_until="load")
    sort = page.locator(".compare-sort").nth(1)
    sort.focus()
    page.keyboard.press("Enter")
    assert page.locator("table th").nth(1).get_attribute("aria-sort") == "ascending"
    box = page.locator(".compare-situations input").first
    box.focus()
    page.keyboard.press("Space")               # only this situation
    assert box.is_checked() and "s=" + box.get_attribute("value") in page.url
    assert page.locator("table th:not([hidden])").count() == 2
    page.keyboard.press("Tab")                 # the next situation, reached by Tab
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert page.locator(".compare-count").inner_text().startswith("显示 ")
    context.close()


def test_main_controls_are_44_px_on_a_phone(browser, server):
    context = new_context(browser, 390)
    page = context.new_page()
    small = []
    for url, selector in [(CHECK, "#checker-app button:visible"), ("", "#city-q"), ("", ".elder-switch"),
                          ("compare/in/hunan/", ".compare-controls label"), ("compare/in/hunan/", ".compare-sort")]:
        page.goto(server + url, wait_until="load")
        boxes = page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect())"
                                                    ".map(r => [r.width, r.height])")
        assert boxes, selector
        small += [f"/{url} {selector}: {w:.0f}×{h:.0f}" for w, h in boxes if w < 44 or h < 44]
    page.goto(server, wait_until="load")
    page.fill("#city-q", "长沙")                 # the finder's results too
    small += [f"city result: {w:.0f}×{h:.0f}" for w, h in page.locator(".city-results a").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])") if w < 44 or h < 44]
    context.close()
    assert not small, small
