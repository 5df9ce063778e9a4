"""The tables journalists open: rules.csv (the complete grid) and citations.csv (quotes tied to sources).

Both are rows of the model (model.grid cells, rules and their citations) — the same objects that
policies.json and the pages are written from; the database (database.py) stores the same rows.
Every column is documented in the README (数据接口). UTF-8 with BOM so Excel reads Chinese;
unknown → empty; yes/no → 1/0.
"""
from __future__ import annotations

import csv
import io

from ..model import KnowledgeBase, urls
from ..model.grid import Cell, grid, situations_used
from ..model.vocabulary import CLASS_TEXT

# rules.csv: one row per place × situation (every jurisdiction × every situation of the vocabulary).
GRID_FIELDS = ["jurisdiction_id", "jurisdiction_name", "level", "parent", "province", "province_name",
               "situation", "situation_name", "answer_kind", "answer_kind_name", "answer", "outcome",
               "outcome_name", "cash", "key_condition", "evidence", "status", "status_name", "status_reason",
               "how_unknown", "rule_jurisdiction_id", "inherited_from", "inherited_from_name", "summary",
               "effective_from", "last_verified", "conditions", "materials", "steps", "where", "time_limit",
               "source_ids", "url", "compare_url", "cite_as", "data_version"]

# citations.csv: one row per rule (where it is written) × citation, in footnote order.
CITATION_FIELDS = ["rule_jurisdiction_id", "rule_jurisdiction_name", "situation", "position", "source_id",
                   "source_title", "source_class", "source_class_name", "issuer", "document_number", "issued",
                   "source_url", "official_copy", "locator", "quote", "rule_url", "data_version"]


def _joined(items) -> str | None:
    texts = [item.text if hasattr(item, "text") else f"{item.type}：{item.name}" for item in items]
    return "; ".join(texts) or None


def grid_row(kb: KnowledgeBase, c: Cell, site_name: str, site_url: str, compared: set[str]) -> dict:
    j, r, e = c.place, c.rule, c.effective
    group = kb.group_of(j)
    home = e.inherited_from if e is not None and e.inherited_from else j
    return {
        "jurisdiction_id": j.id, "jurisdiction_name": j.name, "level": j.level, "parent": j.parent_id,
        "province": group.id, "province_name": group.name,
        "situation": c.situation.id, "situation_name": c.situation.name,
        "answer_kind": c.kind, "answer_kind_name": c.kind_name, "answer": c.answer(),
        "outcome": r.outcome.id if r else None, "outcome_name": r.outcome.name if r else None,
        "cash": r.outcome.cash if r else None,
        "key_condition": r.key_condition.text if r and r.key_condition else None,
        "evidence": c.grade, "status": c.status, "status_name": c.status_name or None,
        "status_reason": r.status_reason if r else None,
        "how_unknown": int(e.how_unknown) if e else None,
        "rule_jurisdiction_id": home.id if r else None,
        "inherited_from": e.inherited_from.id if e and e.inherited_from else None,
        "inherited_from_name": e.inherited_from.name if e and e.inherited_from else None,
        "summary": r.summary if r else None,
        "effective_from": r.effective_from if r else None,
        "last_verified": c.checked,
        "conditions": _joined(r.conditions) if r else None, "materials": _joined(r.materials) if r else None,
        "steps": _joined(r.steps) if r else None, "where": _joined(r.where) if r else None,
        "time_limit": r.time_limit.text if r and r.time_limit else None,
        "source_ids": "; ".join(dict.fromkeys(ci.source.id for ci in r.citations)) if r else None,
        "url": urls.absolute(site_url, c.url),
        "compare_url": urls.absolute(site_url, urls.url(urls.situation(c.situation.id), urls.row_anchor(j.id)))
        if c.situation.id in compared else None,
        "cite_as": c.cite_as(site_name, site_url, kb.edition),
        "data_version": kb.edition.label,
    }


def grid_rows(kb: KnowledgeBase, site_name: str, site_url: str = "") -> list[dict]:
    compared = {s.id for s in situations_used(kb)}     # the situations with a comparison page
    return [grid_row(kb, c, site_name, site_url, compared) for c in grid(kb)]


def written_rules(kb: KnowledgeBase) -> list[tuple]:
    """(jurisdiction, rule) for every rule where it is written, in display and vocabulary order."""
    return [(j, r) for j in kb.jurisdictions.values() for r in sorted(j.rules, key=lambda r: r.situation.order)]


def citation_rows(kb: KnowledgeBase, site_url: str = "") -> list[dict]:
    rows = []
    for j, r in written_rules(kb):
        for position, ci in enumerate(r.citations, 1):
            s = ci.source
            rows.append({
                "rule_jurisdiction_id": j.id, "rule_jurisdiction_name": j.name, "situation": r.id,
                "position": position, "source_id": s.id, "source_title": s.title, "source_class": s.source_class,
                "source_class_name": CLASS_TEXT[s.source_class], "issuer": s.issuer,
                "document_number": s.document_number, "issued": s.issued, "source_url": s.url,
                "official_copy": int(s.official_copy), "locator": ci.locator, "quote": ci.quote,
                "rule_url": urls.absolute(site_url, urls.url(urls.page(j), urls.rule_anchor(r.id))),
                "data_version": kb.edition.label,
            })
    return rows


def csv_text(fields: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row[key] is None else row[key] for key in fields})
    return "\ufeff" + buffer.getvalue()

