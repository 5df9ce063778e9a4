"""简要回答: decided in Python (generator/pages/jurisdiction.py: brief_answer), shown by the place page's
template. Real data for the cases it has (a place whose money comes out only under inherited rules,
places with local rules); the nation's rules cut down for the others (every rule 不能, one 未查明, none)."""
from __future__ import annotations

import dataclasses

import pytest

from generator.pages.jurisdiction import brief_answer
from helpers import SITE_NAME, render_place_pages

UPSTREAM_ONLY = "**没有查到"
LIMITED = "**能，但只限下面几种情形**"
NOT_FOUND = "**没有查到本地可以取现的规定**"
NO = "**不能取现。**"
NOTHING = "**本地区还没有整理出任何规定。**"
LEADS = (UPSTREAM_ONLY, LIMITED, NOT_FOUND, NO, NOTHING)


def national_page(kb) -> str:
    text = render_place_pages(kb, SITE_NAME, {"national"})["national/index.md"]
    start = text.index('<h2 id="answer"')
    return text[start: text.index("<h2", start + 1)]


def test_real_places(kb):
    changsha, anhui = kb.jurisdictions["changsha"], kb.jurisdictions["anhui"]
    assert brief_answer(kb, changsha).headline.startswith(LIMITED)      # 异地安置 … written by 长沙 itself
    a = brief_answer(kb, anhui)
    assert a.headline.startswith(UPSTREAM_ONLY + "安徽本地") and "按上级（全国）" in a.headline   # only the nation's
    assert a.unverified == any(e.rule.unverified for e in kb.effective_rules(anhui))
    assert brief_answer(kb, kb.jurisdictions["xiamen"]).unsettled      # 厦门's death rule is 说法矛盾
    # One card per ruled situation, in the vocabulary's order; the others share a card per kind.
    for j in (changsha, anhui):
        cards = brief_answer(kb, j).cards
        ruled = [c.cell.situation for c in cards if c.cell.rule]
        assert ruled == [s for s in kb.situations if s in {e.rule.situation for e in kb.effective_rules(j)}]
        assert sorted(s.id for c in cards for s in (cell.situation for cell in c.cells)) == sorted(s.id for s in kb.situations)
        for c in cards:
            if c.cell.effective and c.cell.effective.inherited_from and not c.cell.effective.how_unknown:
                assert f"沿用{c.cell.effective.inherited_from.short_name}" in c.words
    pages = render_place_pages(kb, SITE_NAME, {"anhui", "changsha"})
    assert a.headline in pages["anhui/index.md"] and LIMITED in pages["hunan/changsha/index.md"]


def national_with(kb, keep):
    j = kb.jurisdictions["national"]
    rules = tuple(r for r in j.rules if keep(r))
    return dataclasses.replace(kb, jurisdictions=dict(kb.jurisdictions, national=dataclasses.replace(j, rules=rules)))


@pytest.mark.parametrize("lead, keep", [
    (NO, lambda r: r.outcome.cash == "不能"),
    (NOTHING, lambda r: False),
])
def test_the_nation_cut_down(kb, lead, keep):
    cut = national_with(kb, keep)
    assert brief_answer(cut, cut.jurisdictions["national"]).headline == lead
    shown = national_page(cut)
    assert lead in shown and not any(other in shown for other in LEADS if other != lead)


def test_a_rule_not_found_leads_with_not_found(kb):
    unknown = next(o for o in kb.outcomes if o.cash == "未查明")
    cut = national_with(kb, lambda r: r.outcome.cash == "不能")
    j = cut.jurisdictions["national"]
    first = dataclasses.replace(j.rules[0], outcome=unknown)
    cut = dataclasses.replace(cut, jurisdictions=dict(cut.jurisdictions, national=dataclasses.replace(
        j, rules=(first,) + j.rules[1:])))
    a = brief_answer(cut, cut.jurisdictions["national"])
    assert a.headline.startswith(NOT_FOUND) and a.cards[0].cash_kind == "cash-unknown"
    assert NOT_FOUND in national_page(cut)
