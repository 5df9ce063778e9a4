"""The comparison for journalists: every jurisdiction × situation in one table, one page per situation.

Everything comes from kb.effective_rules(j), so a cell changes when the data does.
The table is a plain Markdown table (links and anchors checked by mkdocs --strict);
site_overrides/assets/compare.js only adds filters and sorting on top of it.
"""
from __future__ import annotations

from .export import CSV_PATH, EXPORT_PATH
from .model import EffectiveRule, Jurisdiction, KnowledgeBase, Situation
from .markup import SOURCES_PAGE, environment, md_path, relative
from .render import CASH_ORDER

COMPARE_PAGE = "compare/index.md"
COMPARE_TITLE = "各地对比"
MISSING = "未整理"        # no rule written here or above: we have not looked, not "no"
CASH_LABEL = {"能": "能取出", "视情况": "视情况", "不能": "不能取现", "未查明": "未查明", MISSING: MISSING}


def situation_page(situation: Situation) -> str:
    return f"compare/{situation.id}/index.md"


def note_anchor(rule) -> str:
    """One note per written rule; inherited cells point to the note of the rule they inherit."""
    return f"note-{rule.jurisdiction_id}-{rule.id}"


def situations_used(kb: KnowledgeBase) -> list[Situation]:
    """Situations with a rule in at least one jurisdiction, in vocabulary order."""
    used = {r.id for j in kb.jurisdictions.values() for r in j.rules}
    return [s for s in kb.situations if s.id in used]


def group_of(kb: KnowledgeBase, j: Jurisdiction) -> Jurisdiction:
    """The row group: a province for its cities, otherwise the jurisdiction itself (national, 直辖市)."""
    parent = kb.parent(j)
    if j.level == "city" and parent is not None and parent.level == "province":
        return parent
    return j


def sort_key(effective: EffectiveRule | None) -> str:
    """Order a column by how much money comes out, then by evidence: 能 first, 未整理 last."""
    if effective is None:
        return "9"
    return f"{CASH_ORDER.index(effective.rule.outcome.cash)}{effective.rule.evidence}"


def compare_nav(kb: KnowledgeBase) -> dict:
    return {COMPARE_TITLE: [COMPARE_PAGE] + [{s.name: situation_page(s)} for s in situations_used(kb)]}



def compare_pages(kb: KnowledgeBase) -> dict[str, str]:
    env = environment()
    situations = situations_used(kb)
    rows = []
    notes: dict[str, tuple[int, EffectiveRule]] = {}   # note anchor → (number, the rule where written)
    for order, j in enumerate(kb.jurisdictions.values()):
        cells = {e.rule.id: e for e in kb.effective_rules(j)}
        for s in situations:
            e = cells.get(s.id)
            if e is not None and note_anchor(e.rule) not in notes:
                notes[note_anchor(e.rule)] = (len(notes) + 1, e)
        rows.append({"j": j, "group": group_of(kb, j), "order": order, "cells": cells})
    common = dict(kb=kb, situations=situations, md_path=md_path, situation_page=situation_page,
                  note_anchor=note_anchor, sort_key=sort_key, notes=notes, rows=rows,
                  CASH_LABEL=CASH_LABEL, MISSING=MISSING, sources_page=SOURCES_PAGE,
                  compare_page=COMPARE_PAGE)
    pages = {COMPARE_PAGE: env.get_template("compare.md.j2").render(
        **common, link=lambda target: relative(COMPARE_PAGE, target),
        csv_path=CSV_PATH, json_path=EXPORT_PATH)}
    for s in situations:
        here = situation_page(s)
        by_cash: dict[str, list] = {key: [] for key in CASH_LABEL}
        groups: dict[str, tuple[Jurisdiction, list]] = {}   # only jurisdictions with a rule, by group
        for row in rows:
            e = row["cells"].get(s.id)
            by_cash[e.rule.outcome.cash if e else MISSING].append((row["j"], e))
            if e is not None:
                groups.setdefault(row["group"].id, (row["group"], []))[1].append((row["j"], e))
        pages[here] = env.get_template("compare_situation.md.j2").render(
            **common, s=s, by_cash=by_cash, groups=list(groups.values()),
            link=lambda target, here=here: relative(here, target))
    return pages
