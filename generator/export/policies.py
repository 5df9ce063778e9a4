"""site/api/v1/policies.json — the machine-readable contract — and the files built beside it from the
same records: rules.csv and citations.csv (tables.py), yibao.sqlite and its Datasette metadata (database.py).

Field names and meanings are fixed by the foundation issue; unknown values are
null. Output is deterministic: same data, byte-identical file.
"""
from __future__ import annotations

import dataclasses
import json
from datetime import date

from ..model import Claim, Jurisdiction, KnowledgeBase, Source, urls
from ..model.history import all_changes
from ..model.quality import figures
from ..model.vocabulary import DATA_LICENSE
from .database import database, metadata_json
from .tables import CITATION_FIELDS, GRID_FIELDS, citation_rows, csv_text, grid_rows

SCHEMA_VERSION = 1


def _source(source: Source, excerpts: dict[str, str]) -> dict:
    return {
        "id": source.id,
        "title": source.title,
        "class": source.source_class,
        "issuer": source.issuer,
        "outlet": source.outlet,
        "document_number": source.document_number,
        "issued": source.issued,
        "url": source.url,
        "official_copy": source.official_copy,
        "retrieved": source.retrieved,
        "excerpt_url": urls.excerpt(source.id) if source.id in excerpts else None,
    }


def _citations(citations) -> list[dict]:
    # quote: as in the data (the source's characters); quote_shown: as pages show it (simplified, no pinyin residue)
    return [{"source": c.source.id, "locator": c.locator, "quote": c.quote, "quote_shown": c.readable}
            for c in citations]


def _version(v) -> dict:
    """An earlier version of a rule, newest first in the list."""
    return {"outcome": v.outcome.id, "outcome_name": v.outcome.name, "summary": v.summary,
            "answer": {"citations": [n - 1 for n in v.answer_numbers], "grade": v.evidence},
            "effective_from": v.effective_from, "effective_until": v.effective_until,
            "conditions": list(v.conditions), "notes": list(v.notes), "citations": _citations(v.citations)}


def _change(c) -> dict:
    return {"date": c.date, "jurisdiction": c.jurisdiction.id, "rule": c.rule.id,
            "url": urls.url(urls.page(c.jurisdiction), urls.rule_anchor(c.rule.id)),
            "before": {"outcome": c.before_outcome.id, "summary": c.before_summary},
            "after": {"outcome": c.after_outcome.id, "summary": c.after_summary},
            "citations": _citations(c.citations)}


def _jurisdiction(kb: KnowledgeBase, j: Jurisdiction) -> dict:
    return {
        "id": j.id,
        "name": j.name,
        "level": j.level,
        "parent": j.parent_id,
        "url": urls.url(urls.page(j)),
        "last_verified": j.last_verified,
        "research": [{"date": r.date, "searched": r.searched, "result": r.result,
                      "situations": [s.id for s in r.situations],
                      "covers": [s.id for s in r.covered]} for r in j.research],    # named, or the vocabulary then
        "rules": [
            {
                "id": effective.rule.id,
                "situation": effective.rule.situation.id,
                "situation_name": effective.rule.situation.name,
                "outcome": effective.rule.outcome.id,
                "outcome_name": effective.rule.outcome.name,
                # The answer as the site states it (with its key condition), the citations that say it
                # (0-based, like a statement's) and its grade, which is the rule's.
                "answer": {"text": effective.answer_line().text,
                           "parts": dataclasses.asdict(effective.answer_line()),
                           "citations": [n - 1 for n in effective.rule.answer_numbers],
                           "grade": effective.rule.evidence},
                "how_unknown": effective.how_unknown,   # inherited, and nothing says how to apply locally
                "summary": effective.rule.summary,
                "evidence": effective.rule.evidence,
                "inherited_from": effective.inherited_from.id if effective.inherited_from else None,
                "url": urls.url(urls.page(j), urls.rule_anchor(effective.rule.id)),
                **effective.rule.statements(),
                "effective_from": effective.rule.effective_from,
                "last_verified": effective.rule.last_verified,
                "citations": _citations(effective.rule.citations),
                "history": [_version(v) for v in effective.rule.history],
            }
            for effective in kb.effective_rules(j)
        ],
    }


def _milestone(m) -> dict:
    """A dated change: scope is the jurisdiction whose file records it (and everything below it)."""
    return {"id": m.id, "date": m.date, "title": m.title, "jurisdiction": m.jurisdiction_id,
            "issuer": m.issuer, "document_number": m.document_number,
            "situations": [s.id for s in m.situations], "effect": m.effect, "note": m.note,
            "citations": _citations(m.citations)}


def _claim(claim: Claim) -> dict:
    return {
        "id": claim.id,
        "jurisdiction": claim.jurisdiction_id,
        "claim": claim.text,
        "seen_in": {"title": claim.seen_in.title, "note": claim.seen_in.note,
                    "date": claim.seen_in.date, "url": claim.seen_in.url},
        "verdict": claim.verdict,
        "reasoning": claim.reasoning,
        "url": urls.url(urls.CLAIMS, urls.claim_anchor(claim.id)),
        "citations": _citations(claim.citations),
    }


def policies_document(kb: KnowledgeBase, records: list[dict]) -> dict:
    """records: the jurisdiction records (_jurisdiction); the database stores the same document."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "data_version": kb.edition.exported(),
        "license": {**DATA_LICENSE, "note": "数据以 CC BY 4.0 发布：注明出处即可转载和改编；引文是原发布者的文字。"},
        "jurisdictions": records,
        "sources": [_source(s, kb.excerpts) for s in kb.sources.values()],
        "claims": [_claim(c) for c in kb.claims],
        "milestones": [_milestone(m) for m in kb.milestones],      # newest first
    }
    document["changes"] = [_change(c) for c in all_changes(kb)]       # newest first
    document["quality"] = figures(kb, date.today())                 # stale list depends on the day
    return document


def records_json(document: dict) -> str:
    """One top-level key a line, and one record a line inside each list: readable and diffable, and
    written by the C encoder (json.dumps with indent runs in Python: a second of a build at 400 regions)."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            shown = "[\n" + ",\n".join("    " + one(item) for item in value) + "\n  ]"
        else:
            shown = one(value)
        parts.append(f"  {one(key)}: {shown}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def data_files(kb: KnowledgeBase, site_name: str, site_url: str = "") -> dict[str, str | bytes]:
    """Machine-readable files placed in the site, {path inside docs/: text, or bytes for the database}."""
    records = [_jurisdiction(kb, j) for j in kb.jurisdictions.values()]
    grid = grid_rows(kb, site_name, site_url)
    citations = citation_rows(kb, site_url)
    document = policies_document(kb, records)
    return {urls.EXPORT: records_json(document),
            urls.CSV: csv_text(GRID_FIELDS, grid), urls.CITATIONS_CSV: csv_text(CITATION_FIELDS, citations),
            urls.DATABASE: database(kb, document, grid, citations),
            urls.DATABASE_METADATA: metadata_json(site_name, kb),
            urls.SCHEMA: kb.schema,            # the format the data was checked against (the root's)
            **{urls.excerpt(source_id): text for source_id, text in kb.excerpts.items()}}
