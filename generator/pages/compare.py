"""The comparison for journalists: every jurisdiction × situation in one table, one page per situation.

Everything comes from kb.effective_rules(j), so a cell changes when the data does.
The table is a plain Markdown table (links and anchors checked by mkdocs --strict);
site_overrides/assets/compare.js only adds filters and sorting on top of it.
"""
from __future__ import annotations

from ..model import EffectiveRule, Jurisdiction, KnowledgeBase, Situation, urls
from ..model.vocabulary import CASH, MISSING, RESEARCHED
from .markup import render_page

COMPARE_TITLE = "各地对比"
LABELS = {**{cash: words["label"] for cash, words in CASH.items()}, RESEARCHED: RESEARCHED, MISSING: MISSING}


def blank(j: Jurisdiction, situation_id: str) -> str:
    """The word for a cell without a rule: 查过，未找到 when the research log covers it, else 未整理."""
    return RESEARCHED if j.researched(situation_id) else MISSING


def situations_used(kb: KnowledgeBase) -> list[Situation]:
    """Situations with a rule in at least one jurisdiction, in vocabulary order."""
    used = {r.id for j in kb.jurisdictions.values() for r in j.rules}
    return [s for s in kb.situations if s.id in used]


def compare_nav(kb: KnowledgeBase) -> dict:
    return {COMPARE_TITLE: [urls.COMPARE] + [{s.name: urls.situation(s.id)} for s in situations_used(kb)]}


def compare_pages(kb: KnowledgeBase) -> dict[str, str]:
    situations = situations_used(kb)
    rows = []
    notes: dict[str, tuple[int, EffectiveRule]] = {}   # note anchor → (number, the rule where written)
    for order, j in enumerate(kb.jurisdictions.values()):
        cells = {e.rule.id: e for e in kb.effective_rules(j)}
        for s in situations:
            e = cells.get(s.id)
            if e is not None:
                notes.setdefault(urls.note_anchor(e.rule.jurisdiction_id, e.rule.id), (len(notes) + 1, e))
        rows.append({"j": j, "group": kb.group_of(j), "order": order, "cells": cells,
                     "blanks": {s.id: blank(j, s.id) for s in situations if s.id not in cells}})
    common = dict(situations=situations, rows=rows, notes=notes, jurisdictions=kb.jurisdictions)
    pages = {urls.COMPARE: render_page("compare.md.j2", urls.COMPARE, **common)}
    for s in situations:
        by_cash: dict[str, list] = {key: [] for key in LABELS}
        groups: dict[str, tuple[Jurisdiction, list]] = {}   # only jurisdictions with a rule, by group
        for row in rows:
            e = row["cells"].get(s.id)
            by_cash[e.rule.outcome.cash if e else row["blanks"][s.id]].append((row["j"], e))
            if e is not None:
                groups.setdefault(row["group"].id, (row["group"], []))[1].append((row["j"], e))
        pages[urls.situation(s.id)] = render_page(
            "compare_situation.md.j2", urls.situation(s.id), **common, s=s, by_cash=by_cash,
            groups=list(groups.values()), labels=LABELS)
    return pages
