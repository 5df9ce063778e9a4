"""The comparison for journalists: one table per provincial unit, one page per situation.

At national scale one table of every place × situation is tens of thousands of HTML elements, too
heavy for a phone, so the comparison is split along the provincial units:
  compare/                 index: the provincial units, the situations, the downloads (CSV/JSON stay whole)
  compare/in/<unit>/       the unit's places × situations, COMPARE_ROWS places per page
  compare/<situation>/     every place's answer in that situation, one compact row each (place, province,
                           answer, grade, status, own or inherited, date checked): two elements a row, so
                           432 places stay within the element budget; compare-list.js filters and sorts it
  compare/<situation>/<unit>/  each place's rule for that situation, with its summary and sources
Everything comes from kb.effective_rules(j), so a cell changes when the data does.
The table is a plain Markdown table (links and anchors checked by mkdocs --strict);
site_overrides/assets/compare.js only adds filters and sorting on top of it, the filters kept in
the address so that a view can be shared.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import EffectiveRule, Jurisdiction, KnowledgeBase, Rule, Situation, urls
from ..model.grid import Cell, situations_used
from ..model.vocabulary import CASH, MISSING, MISSING_KIND, RESEARCHED, RESEARCHED_KIND
from .markup import Render

COMPARE_TITLE = "各地对比"
LABELS = {**{cash: words["label"] for cash, words in CASH.items()}, RESEARCHED: RESEARCHED, MISSING: MISSING}
COMPARE_ROWS = 8         # places per comparison page: ~110 elements a row with its notes, under 1,400 a page
ANSWER_CODES = {**{cash: words["kind"] for cash, words in CASH.items()},   # the list filter's value in the address
                RESEARCHED: RESEARCHED_KIND, MISSING: MISSING_KIND}


def label_key(c: Cell) -> str:
    """The key of LABELS a cell is counted under: its cash word, or 查过，未找到 / 未整理 without a rule."""
    return c.rule.outcome.cash if c.rule is not None else c.answer()


@dataclass(frozen=True)
class CellView:
    """One cell of a unit's comparison table, decided here; compare.md.j2 only displays it."""
    anchor: str                     # its permalink on the table page
    sort: str                       # compare.js orders by it: most money first, then grade
    words: str                      # the answer, short, with its key condition
    link: str | None                # where the words lead: the rule, the research log, or nowhere (未整理)
    grade: str | None
    rule: Rule | None               # for the status word
    inherited: str | None           # short name of the place the rule is inherited from
    note: tuple[int, str] | None    # the footnote: number, anchor
    cite: str


def cell_view(kb: KnowledgeBase, render: Render, c: Cell, here: urls.Here, notes: dict) -> CellView:
    e = c.effective
    note = None
    if e is not None:
        anchor = urls.note_anchor(e.rule.jurisdiction_id, e.rule.id)
        note = (notes.setdefault(anchor, (len(notes) + 1, e))[0], anchor)
        link = here.rule(c.place, e.rule.id)
    else:
        link = here.page(c.place, urls.RESEARCH_ANCHOR) if c.researched else None
    return CellView(urls.cell_anchor(c.place.id, c.situation.id), c.sort_key, c.answer(short=True, status=False), link, c.grade,
                    c.rule, e.inherited_from.short_name if e is not None and e.inherited_from else None, note,
                    render.cite(c, kb.edition))


@dataclass(frozen=True)
class RowView:
    """One place on a situation's national page: a list item with one link (two elements)."""
    anchor: str
    name: str
    href: str                       # raw HTML: URL-relative
    province: str
    answer: str
    grade: str | None
    status: str
    kind: str                       # 本地规定 / 沿用上级 / 查过，未找到 / 未整理
    checked: str | None             # 核对 <date> for a rule, 查找 <date> for a research entry
    filters: dict                   # data-* attributes for compare-list.js
    cite: str


def row_view(kb: KnowledgeBase, render: Render, c: Cell, here: str, order: int) -> RowView:
    j = c.place
    anchor = urls.rule_anchor(c.situation.id) if c.rule is not None else urls.RESEARCH_ANCHOR if c.researched else None
    href = urls.href(here, urls.page(j), anchor)
    group = kb.group_of(j)
    filters = {"unit": group.id, "answer": ANSWER_CODES[label_key(c)], "grade": c.grade or "", "kind": c.kind, "sort": c.sort_key,
               "order": f"{order:05d}", "checked": c.checked or ""}
    return RowView(urls.row_anchor(j.id), j.name, href, group.name, c.answer(status=False), c.grade,
                   c.status_name, c.kind_name if c.rule is not None else "",
                   f"{'核对' if c.rule is not None else '查找'} {c.checked}" if c.checked else None, filters,
                   render.cite(c, kb.edition))


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

    def cell(j: Jurisdiction, s: Situation) -> Cell:
        e = cells[j.id].get(s.id)
        return Cell(j, s, e, e is None and j.researched(s.id))

    pages: dict[str, str] = {}
    index = []
    for group, places in units(kb):
        parts = chunks(places, COMPARE_ROWS)
        index.append({"group": group, "places": len(places), "pages": len(parts)})
        for number, part in enumerate(parts, 1):
            here = urls.compare_group(group.id, number)
            bound = render.urls.at(here)
            rows = []
            notes: dict[str, tuple[int, EffectiveRule]] = {}   # note anchor → (number, the rule where written)
            for j in part:
                rows.append({"j": j, "order": order[j.id],
                             "cells": [cell_view(kb, render, cell(j, s), bound, notes) for s in situations]})
            pages[here] = render.page(
                "compare.md.j2", here, situations=situations, rows=rows, notes=notes, jurisdictions=kb.jurisdictions,
                group=group, number=number, pager=[urls.compare_group(group.id, n) for n in range(1, len(parts) + 1)],
                edition=kb.edition)
    pages[urls.COMPARE] = render.page("compare_index.md.j2", urls.COMPARE, situations=situations, units=index,
                                      edition=kb.edition)
    for s in situations:
        for group, places in units(kb):
            by_cash: dict[str, list] = {key: [] for key in LABELS}
            for j in places:
                c = cell(j, s)
                by_cash[label_key(c)].append((j, c.effective))
            entries = [(j, cells[j.id][s.id]) for j in places if s.id in cells[j.id]]
            here = urls.situation_group(s.id, group.id)
            pages[here] = render.page(
                "compare_situation.md.j2", here, situations=situations, s=s, group=group, by_cash=by_cash,
                entries=entries, labels=LABELS)
        here = urls.situation(s.id)
        every = [cell(j, s) for j in kb.jurisdictions.values()]
        counts = {label: sum(1 for c in every if label_key(c) == key) for key, label in LABELS.items()}
        pages[here] = render.page(
            "compare_situation_index.md.j2", here, situations=situations, s=s, units=[g for g, _ in units(kb)],
            rows=[row_view(kb, render, c, here, order[c.place.id]) for c in every], counts=counts,
            answers=[(ANSWER_CODES[key], label) for key, label in LABELS.items()], edition=kb.edition)
    return pages
