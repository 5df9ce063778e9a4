"""Data-quality figures computed from the data, for the public quality page and the export.

One function computes them all, so the page and the JSON cannot disagree.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from .dates import date_range
from .entities import KnowledgeBase
from .vocabulary import GRADES, SOURCE_CLASSES

STALE_MONTHS = 12


def stale_before(today: date) -> date:
    """The day 12 months ago: a check older than this is out of date."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:                 # 29 February
        return today.replace(year=today.year - 1, day=28)


def stale_jurisdictions(kb: KnowledgeBase, today: date) -> list:
    limit = stale_before(today)
    # A partial date ("2025-03") counts as its last day: only certainly-old checks are flagged.
    # A new area with no rules yet has no check date: nothing to re-check.
    return [j for j in kb.jurisdictions.values() if j.last_verified and date_range(j.last_verified)[1] < limit]


def _grades(rules) -> dict[str, int]:
    counts = Counter(r.evidence for r in rules)
    return {g: counts.get(g, 0) for g in GRADES}


def figures(kb: KnowledgeBase, today: date) -> dict:
    claims = getattr(kb, "claims", None) or []
    verdicts = Counter(str(getattr(c, "verdict", None)) for c in claims)
    source_classes = Counter(s.source_class for s in kb.sources.values())
    return {
        "as_of": today.isoformat(),
        "stale_after_months": STALE_MONTHS,
        "rules_by_grade": [
            {"jurisdiction": j.id,
             "own": _grades(j.rules),
             "effective": _grades(e.rule for e in kb.effective_rules(j))}
            for j in kb.jurisdictions.values()
        ],
        "sources_by_class": {c: source_classes.get(c, 0) for c in SOURCE_CLASSES.values()},
        "claims_by_verdict": dict(sorted(verdicts.items())),
        "stale_jurisdictions": [{"jurisdiction": j.id, "last_verified": j.last_verified}
                                for j in stale_jurisdictions(kb, today)],
    }

