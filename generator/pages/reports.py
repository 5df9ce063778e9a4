"""Pages about the data itself: what changed (changes/) and data quality (quality/)."""
from __future__ import annotations

from collections import Counter
from datetime import date

from ..model import KnowledgeBase, urls
from ..model.history import all_changes, status_marks
from ..model.quality import STALE_MONTHS, figures
from .markup import Render

VERDICT_TEXT = {"None": "未标明"}


CHANGES_PER_PAGE = 30    # what changed, newest first, 30 a page (about 15 elements each); the Atom feed has them all


def _parts(changes: list) -> list[list]:
    return [changes[i:i + CHANGES_PER_PAGE] for i in range(0, len(changes), CHANGES_PER_PAGE)] or [[]]


def changes_nav(kb: KnowledgeBase) -> dict:
    pages = [urls.changes(n) for n in range(1, len(_parts(all_changes(kb))) + 1)]
    return {"最近变化": pages[0] if len(pages) == 1 else [pages[0]] + [{f"第 {n} 页": p} for n, p in enumerate(pages[1:], 2)]}


def report_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    jurisdictions = list(kb.jurisdictions.values())
    changes = all_changes(kb)
    parts = _parts(changes)
    pager = [{"page": urls.changes(n), "first": part[0].date if part else "", "last": part[-1].date if part else ""}
             for n, part in enumerate(parts, 1)]
    marks, milestones = status_marks(kb), kb.milestones      # listed on the first page only
    # Beyond MARKS_LISTED the marked rules are counted per provincial unit (each unit's comparison table
    # shows the status word in its cells), so the first page stays light at national scale.
    mark_units = Counter(kb.group_of(mk.jurisdiction).id for mk in marks) if len(marks) > MARKS_LISTED else None
    pages = {urls.changes(n): render.page("changes.md.j2", urls.changes(n), changes=part, number=n, pager=pager,
                                          jurisdictions=jurisdictions, total=len(changes),
                                          marks=marks if n == 1 else [], mark_units=mark_units,
                                          milestones=milestones if n == 1 else [],
                                          places=kb.jurisdictions)
             for n, part in enumerate(parts, 1)}
    return {
        **pages,
        urls.QUALITY: quality_page(kb, render),
    }


STALE_LISTED = 60   # stale places listed by name up to this many; beyond it, counted per provincial unit
MARKS_LISTED = 60   # the same for rules marked as not current on 最近变化


def quality_page(kb: KnowledgeBase, render: Render) -> str:
    """Data quality, one row per provincial unit (the export's `quality` has every place's figures)."""
    q = figures(kb, date.today())
    units: dict[str, dict] = {}
    for row in q["rules_by_grade"]:
        group = kb.group_of(kb.jurisdictions[row["jurisdiction"]])
        unit = units.setdefault(group.id, {"group": group, "places": 0, "own": Counter(), "effective": Counter()})
        unit["places"] += 1
        unit["own"].update(row["own"])
        unit["effective"].update(row["effective"])
    stale: dict[str, dict] = {}
    for row in q["stale_jurisdictions"]:
        group = kb.group_of(kb.jurisdictions[row["jurisdiction"]])
        stale.setdefault(group.id, {"group": group, "count": 0})["count"] += 1
    return render.page("quality.md.j2", urls.QUALITY, q=q, units=list(units.values()), stale_units=list(stale.values()),
                       list_stale=len(q["stale_jurisdictions"]) <= STALE_LISTED, jurisdictions=kb.jurisdictions,
                       STALE_MONTHS=STALE_MONTHS, VERDICT_TEXT=VERDICT_TEXT)
