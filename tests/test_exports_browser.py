"""Issue 22 in a real browser: a situation's national list filtered and sorted with the filters in the
address, and 引用本条 on a comparison cell and a list row (Chromium; skipped where it is missing)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from browser_support import new_context, require_chromium

require_chromium()

VISIBLE = """(() => Array.from(document.querySelectorAll('.cmp-places > li')).filter(li => !li.hidden)
  .map(li => ({id: li.id, unit: li.dataset.unit, answer: li.dataset.answer, grade: li.dataset.grade,
               kind: li.dataset.kind, sort: li.dataset.sort})))()"""


def open_page(browser, url, width=1280):
    page = new_context(browser, width).new_page()
    page.goto(url, wait_until="networkidle")
    return page


def test_situation_list_filters_and_sorts_with_the_view_in_the_address(browser, server, kb, export):
    hunan = kb.jurisdictions["hunan"]
    page = open_page(browser, server + "compare/death/")
    everyone = page.evaluate(VISIBLE)
    assert len(everyone) == len(export["jurisdictions"])
    page.get_by_label("省份：").select_option("hunan")
    page.get_by_label("只看本地自己的规定").check()
    page.get_by_label("排序：").select_option("answer")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"p": ["hunan"], "own": ["1"], "sort": ["answer"]}
    view = page.evaluate(VISIBLE)
    expected = {f"row-{j.id}" for j in kb.jurisdictions.values() if kb.group_of(j) is hunan
                and any(r.id == "death" for r in j.rules)}
    assert view and {row["id"] for row in view} == expected
    assert [row["sort"] for row in view] == sorted(row["sort"] for row in view)
    assert f"显示 {len(view)} / {len(everyone)} 个地区" in page.locator(".compare-count").inner_text()
    shared = page.url
    page.context.close()
    fresh = open_page(browser, shared)
    assert fresh.evaluate(VISIBLE) == view and fresh.url == shared
    fresh.context.close()
    odd = open_page(browser, server + "compare/death/?p=nowhere&a=cash-yes&g=Z&sort=%3Cb%3E")
    shown = odd.evaluate(VISIBLE)
    assert shown and {row["answer"] for row in shown} == {"cash-yes"}      # unknown values ignored
    odd.context.close()


def test_situation_list_is_whole_without_javascript(browser, server, export):
    context = new_context(browser, 390, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "compare/death/", wait_until="load")
    assert len(page.evaluate(VISIBLE)) == len(export["jurisdictions"])
    assert page.locator("#list-controls select").count() == 0
    context.close()


def test_cite_this_on_a_cell_and_a_row(browser, server):
    page = open_page(browser, server + "compare/in/hunan/")
    cell = page.locator("#cell-changsha-death")
    cite = cell.get_attribute("data-cite")
    cell.locator("xpath=..").click(position={"x": 2, "y": 2})     # the cell, outside its links
    panel = page.locator(".cite-panel")
    assert panel.is_visible() and panel.locator("textarea").input_value() == cite
    assert page.url.endswith("#cell-changsha-death")
    page.context.close()
    linked = open_page(browser, server + "compare/death/#row-changsha")     # arriving at a row's permalink
    row = linked.locator("#row-changsha")
    assert linked.locator("#row-changsha .cite-panel textarea").input_value() == row.get_attribute("data-cite")
    linked.context.close()
