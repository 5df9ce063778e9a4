"""Data-quality figures computed from the data, for the public quality page and the export.

One function computes them all, so the page and the JSON cannot disagree.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from .dates import date_range
from .entities import KnowledgeBase
from .vocabulary import CURRENT, GRADES, SOURCE_CLASSES, STATUS_TEXT

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


STATEMENT_KEYS = ("conditions", "materials", "steps", "where", "time_limit", "proxy", "payout", "fees", "key_condition")


def statement_figures(kb: KnowledgeBase) -> dict:
    """Statements of every own rule (conditions, materials, steps, places, time limit, proxy, payout, fees,
    key condition) and how many name at least one of the rule's citations, every number in range (must be
    all of them); each statement's own grade, and how many are weaker than their rule's answer."""
    total = cited = weaker = 0
    grades: Counter = Counter()
    for j in kb.jurisdictions.values():
        for rule in j.rules:
            for key, said in rule.statements().items():
                if key not in STATEMENT_KEYS or said is None:
                    continue
                for item in (said if isinstance(said, list) else [said]):
                    total += 1
                    cited += bool(item["citations"]) and all(0 <= i < len(rule.citations) for i in item["citations"])
                    grades[item["grade"]] += 1
                    weaker += item["grade"] is not None and item["grade"] > rule.evidence
    return {"cited": cited, "total": total, "by_grade": {g: grades.get(g, 0) for g in GRADES}, "weaker": weaker}


def answer_figures(kb: KnowledgeBase) -> dict[str, int]:
    """The answers (outcome and summary) of every own rule by grade: the rule's grade is its answer's."""
    return _grades(r for j in kb.jurisdictions.values() for r in j.rules)


def quote_figures(kb: KnowledgeBase) -> dict[str, int]:
    """Quotes of rules (with their earlier versions), claims and milestones, and how many were checked against
    an archived excerpt of their source (validation refuses a quote its excerpt does not contain, so every
    quote of a source with an excerpt was found there; a source without a URL may have none)."""
    quotes = [c for j in kb.jurisdictions.values() for r in j.rules
              for c in r.citations + tuple(x for v in r.history for x in v.citations)]
    quotes += [c for claim in kb.claims for c in claim.citations]
    quotes += [c for m in kb.milestones for c in m.citations]
    return {"found": sum(c.source.id in kb.excerpts for c in quotes), "total": len(quotes)}


def status_figures(kb: KnowledgeBase) -> dict[str, int]:
    """Own rules by how current they are: current, then every status of vocabulary.STATUS_TEXT."""
    counts = Counter(r.status for j in kb.jurisdictions.values() for r in j.rules)
    return {code: counts.get(code, 0) for code in (CURRENT, *STATUS_TEXT)}


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
        "answers_by_grade": answer_figures(kb),
        "statements": statement_figures(kb),
        "quotes": quote_figures(kb),
        "rules_by_status": status_figures(kb),
        "sources_by_class": {c: source_classes.get(c, 0) for c in SOURCE_CLASSES.values()},
        "claims_by_verdict": dict(sorted(verdicts.items())),
        "stale_jurisdictions": [{"jurisdiction": j.id, "last_verified": j.last_verified}
                                for j in stale_jurisdictions(kb, today)],
    }

