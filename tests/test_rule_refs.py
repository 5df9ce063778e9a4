"""A rule is never shown as settled where it is not (issue 19): every line of a generated page that
names a rule with its outcome words also gives its status word (可能已过时 / 说法矛盾), on every page that
lists rules — the place page's 简要回答, the check page, the FAQ pages, the situation pages, what changed.
On the real data (厦门's death rule is 说法矛盾), over the Markdown that generator.pages renders."""
from __future__ import annotations

import posixpath
import re
from collections import Counter

import pytest

from generator.model import urls
from generator.model.vocabulary import STATUS_TEXT
from helpers import SITE_NAME, render_pages

LINK = re.compile(r"\]\(([^)\s]*)\)|<a href=\"([^\"]+)\"")    # Markdown links, and raw HTML ones (the answer cards)
# The comparison tables word their cells and footnotes in generator/pages/compare.py (issue 19 item 6's
# comparison cells, another change): not checked here.
NOT_HERE = ("compare/in/",)


@pytest.fixture(scope="module")
def pages(kb) -> dict[str, str]:
    return render_pages(kb, SITE_NAME)


def unsettled(kb) -> dict[tuple[str, str], object]:
    """(page file, anchor) → the effective rule shown there, for each rule with a status: the rule on its
    place's page and the place's question about it on the check page."""
    found = {}
    for j in kb.jurisdictions.values():
        for e in kb.effective_rules(j):
            if e.rule.status in STATUS_TEXT:
                found[(urls.page(j), urls.rule_anchor(e.rule.id))] = e
                found[(urls.check(j), urls.faq_anchor(e.rule.id))] = e
    return found


def target(page: str, link: str) -> tuple[str, str]:
    path, _, anchor = link.partition("#")
    return (posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page), anchor


def kind(page: str) -> str:
    if page.startswith("faq/"):
        return "faq"
    if page.startswith("compare/"):
        return "situation"
    if page.startswith("changes/"):
        return "changes"
    return "check" if page.endswith("/check/index.md") else "place"


def test_the_real_data_has_rules_that_are_not_settled(kb):
    xiamen = {e.rule.id: e.rule.status for e in kb.effective_rules(kb.jurisdictions["xiamen"])}
    assert xiamen["death"] == "disputed" and STATUS_TEXT["disputed"] == "说法矛盾"


def test_every_reference_to_an_unsettled_rule_gives_its_status(kb, pages):
    rules = unsettled(kb)
    assert rules
    seen = Counter()
    for page, text in pages.items():
        if page.startswith(NOT_HERE):
            continue
        for line in text.splitlines():
            for link in (markdown or html for markdown, html in LINK.findall(line)):
                e = rules.get(target(page, link))
                if e is None:
                    continue
                said = line.replace(e.rule.situation.name, "")    # 给家人用（家庭共济） names no outcome
                if not (e.rule.outcome.short in said or e.rule.outcome.name in said):
                    continue            # named without its outcome (a source's "cited by" list)
                assert STATUS_TEXT[e.rule.status] in line, (page, line)
                seen[kind(page)] += 1
    # 简要回答, the text version of the flow, the per-unit FAQ lists, the situation pages, what changed
    # 最近变化 names marked rules one by one only while there are few (reports.MARKS_LISTED); past that it
    # counts them per provincial unit, as with today's data, and names none.
    assert {"place", "check", "faq", "situation"} <= set(seen) <= {"place", "check", "faq", "situation", "changes"}, seen


def test_the_checker_answer_of_an_unsettled_rule_gives_its_status(kb, pages):
    for (page, anchor), e in unsettled(kb).items():
        if not page.endswith("/check/index.md"):
            continue
        text = pages[page]
        start = text.index("{#" + anchor)
        answer = text[start: text.index("</section>", start)]
        assert STATUS_TEXT[e.rule.status] in answer and e.rule.status_reason in answer.replace("\\", ""), page
