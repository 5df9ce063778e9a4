"""The comparison for journalists: one table per provincial unit, one page per situation.

At national scale one table of every place × situation is tens of thousands of HTML elements, too
heavy for a phone, so the comparison is split along the provincial units:
  compare/                 index: the provincial units, the situations, the downloads (CSV/JSON stay whole)
  compare/in/<unit>/       the unit's places × situations, COMPARE_ROWS places per page
  compare/<situation>/     how many places in each unit can take the money out in that situation
  compare/<situation>/<unit>/  each place's rule for that situation, with its summary and sources
Everything comes from kb.effective_rules(j), so a cell changes when the data does.
The table is a plain Markdown table (links and anchors checked by mkdocs --strict);
site_overrides/assets/compare.js only adds filters and sorting on top of it, the filters kept in
the address so that a view can be shared.
"""
from __future__ import annotations

from ..model import EffectiveRule, Jurisdiction, KnowledgeBase, Situation, urls
from ..model.vocabulary import CASH, MISSING, RESEARCHED
from .markup import Render

COMPARE_TITLE = "各地对比"
LABELS = {**{cash: words["label"] for cash, words in CASH.items()}, RESEARCHED: RESEARCHED, MISSING: MISSING}
COMPARE_ROWS = 8         # places per comparison page: ~110 elements a row with its notes, under 1,400 a page


def blank(j: Jurisdiction, situation_id: str) -> str:
    """The word for a cell without a rule: 查过，未找到 when the research log covers it, else 未整理."""
    return RESEARCHED if j.researched(situation_id) else MISSING


def situations_used(kb: KnowledgeBase) -> list[Situation]:
    """Situations with a rule in at least one jurisdiction, in vocabulary order."""
    used = {r.id for j in kb.jurisdictions.values() for r in j.rules}
    return [s for s in kb.situations if s.id in used]


def compare_nav(kb: KnowledgeBase) -> dict:
    """The comparison section: index, one entry per provincial unit (its pages), one per situation (its units)."""
    by_unit = [{group.name: numbered_nav([urls.compare_group(group.id, n)
                                          for n in range(1, len(chunks(places, COMPARE_ROWS)) + 1)])}
               for group, places in units(kb)]
    by_situation = [{s.name: [urls.situation(s.id)] + [{group.name: urls.situation_group(s.id, group.id)}
                                                       for group, _ in units(kb)]}
                    for s in situations_used(kb)]
    return {COMPARE_TITLE: [urls.COMPARE, {"按省份": by_unit}] + by_situation}


def numbered_nav(pages: list[str]):
    """A paginated page in the navigation: the first page, then 第 2 页…"""
    return pages[0] if len(pages) == 1 else [pages[0]] + [{f"第 {n} 页": p} for n, p in enumerate(pages[1:], 2)]


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def units(kb: KnowledgeBase) -> list[tuple[Jurisdiction, list[Jurisdiction]]]:
    """Each provincial unit (national, a province, a city under the state) with its places, itself first."""
    members: dict[str, list[Jurisdiction]] = {g.id: [] for g in kb.top_level()}
    for j in kb.jurisdictions.values():
        members[kb.group_of(j).id].append(j)
    return [(kb.jurisdictions[g], places) for g, places in members.items()]


def compare_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    situations = situations_used(kb)
    cells = {j.id: {e.rule.id: e for e in kb.effective_rules(j)} for j in kb.jurisdictions.values()}
    order = {jid: i for i, jid in enumerate(kb.jurisdictions)}
    pages: dict[str, str] = {}
    index = []
    for group, places in units(kb):
        parts = chunks(places, COMPARE_ROWS)
        index.append({"group": group, "places": len(places), "pages": len(parts)})
        for number, part in enumerate(parts, 1):
            rows = []
            notes: dict[str, tuple[int, EffectiveRule]] = {}   # note anchor → (number, the rule where written)
            for j in part:
                for s in situations:
                    e = cells[j.id].get(s.id)
                    if e is not None:
                        notes.setdefault(urls.note_anchor(e.rule.jurisdiction_id, e.rule.id), (len(notes) + 1, e))
                rows.append({"j": j, "order": order[j.id], "cells": cells[j.id],
                             "blanks": {s.id: blank(j, s.id) for s in situations if s.id not in cells[j.id]}})
            here = urls.compare_group(group.id, number)
            pages[here] = render.page(
                "compare.md.j2", here, situations=situations, rows=rows, notes=notes, jurisdictions=kb.jurisdictions,
                group=group, number=number, pager=[urls.compare_group(group.id, n) for n in range(1, len(parts) + 1)])
    pages[urls.COMPARE] = render.page("compare_index.md.j2", urls.COMPARE, situations=situations, units=index)
    for s in situations:
        summary = []
        for group, places in units(kb):
            by_cash: dict[str, list] = {key: [] for key in LABELS}
            for j in places:
                e = cells[j.id].get(s.id)
                by_cash[e.rule.outcome.cash if e else blank(j, s.id)].append((j, e))
            entries = [(j, cells[j.id][s.id]) for j in places if s.id in cells[j.id]]
            summary.append({"group": group, "counts": {k: len(v) for k, v in by_cash.items()}})
            here = urls.situation_group(s.id, group.id)
            pages[here] = render.page(
                "compare_situation.md.j2", here, situations=situations, s=s, group=group, by_cash=by_cash,
                entries=entries, labels=LABELS)
        pages[urls.situation(s.id)] = render.page(
            "compare_situation_index.md.j2", urls.situation(s.id), situations=situations, s=s, summary=summary,
            labels=LABELS)
    return pages
