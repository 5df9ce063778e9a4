"""Answer first (issue 21): the place pages a reader opens on a phone, measured as bench/page_length.py does.

The everyday tier measures the four readers' pages of the issue (长沙, 许昌, 深圳, and 四川 for 成都); the
exhaustive tier every place page. Lengths, not times.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from browser_support import new_context
from generator.model import urls

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import page_length  # noqa: E402

READERS = ["hunan/changsha/", "henan/xuchang/", "guangdong/shenzhen/", "sichuan/"]


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_the_readers_pages_meet_the_targets(browser, server, mode):
    rows = page_length.measure_pages(browser, server, READERS, mode)
    assert all(r["sections"] or r["url"] == "sichuan/" for r in rows)     # the cards do open sections
    assert [(r["url"], page_length.misses(r)) for r in rows if page_length.misses(r)] == []


@pytest.mark.exhaustive
@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_every_place_page_meets_the_targets(browser, server, built, mode):
    rows = page_length.measure_pages(browser, server, page_length.place_urls(built), mode)
    assert [(r["url"], page_length.misses(r)) for r in rows if page_length.misses(r)] == []


def cards_of(html: str) -> str:
    found = re.search(r'<ul class="answer-cards"[^>]*>(.*?)</ul>', html, re.S)
    assert found, "no answer cards"
    return found.group(1)


def test_every_place_page_answers_every_situation(built, kb):
    """Each situation of the vocabulary is named in the answer cards of every place page, with its rule's
    outcome, or 查过，未找到 / 未整理 said plainly: never silence."""
    for j in kb.jurisdictions.values():
        cards = cards_of((built / urls.place_url(j) / "index.html").read_text(encoding="utf-8"))
        for s in kb.situations:
            assert s.name in cards, (j.id, s.name)


def test_chengdu_gets_an_answer_for_emigration(built):
    """成都 has no page; 四川's serves it, and says plainly what is known of 出国（境）定居 there."""
    html = (built / "sichuan/index.html").read_text(encoding="utf-8")
    assert "成都市" in html
    card = next(li for li in re.findall(r"<li[^>]*>.*?</li>", cards_of(html), re.S) if "出国（境）定居" in li)
    assert "查过，未找到" in card
    assert "沿用国家规定" not in html.replace("参保人死亡、跨统筹区转移沿用国家规定", "")


def test_a_footnote_opens_the_folded_evidence_and_printing_opens_everything(browser, server):
    """依据和说明 is folded; a footnote link in the answer or errand lands on its quote, opened, and printing
    opens every folded part (assets/place.js)."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(server + "hunan/changsha/", wait_until="load")
    quote = page.locator("li", has=page.locator("[id='relocated-retiree-cite-3']"))     # the anchor is an empty span
    assert not quote.is_visible()                                        # folded by default
    page.locator("#relocated-retiree ~ ul a[href='#relocated-retiree-cite-3']").first.click()
    assert quote.is_visible()
    page.goto(server + "hunan/changsha/#death-sources", wait_until="load")   # an address into a fold opens it
    assert page.locator("[id='death-sources']").is_visible()       # the 依据 heading
    assert page.evaluate("document.querySelectorAll('details:not([open])').length") > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('details:not([open])').length") == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('details:not([open])').length") > 0
    context.close()
