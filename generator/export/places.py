"""site/api/v1/places.json — every prefecture-level place and the 4 municipalities, and the page serving each.

One entry per place: name, short_name, pinyin (no tones), adcode, kind, province (our provincial id),
covered (it has a page of its own) and page (its own page, or the page that serves it: its province's,
or the national page while the province has no file), relative to the site root.
"""
from __future__ import annotations

import json

from pypinyin import lazy_pinyin

from ..model import KnowledgeBase, urls
from ..model.places import routes


def syllables(name: str) -> list[str]:
    """Toneless pinyin syllables, lower case (成都 → [cheng, du]); the finder and this file agree."""
    return [s.lower() for s in lazy_pinyin(name) if s.strip()]


def place_records(kb: KnowledgeBase) -> list[dict]:
    return [{
        "name": r.division.name,
        "short_name": r.division.short_name,
        "pinyin": "".join(syllables(r.division.short_name)),
        "adcode": r.division.adcode,
        "kind": r.division.kind,
        "province": r.division.province,
        "covered": r.covered,
        "page": urls.url(urls.page(r.page)),
    } for r in routes(kb)]


def places_json(kb: KnowledgeBase) -> str:
    return json.dumps({"schema_version": 1, "data_version": kb.edition.label, "places": place_records(kb)},
                      ensure_ascii=False, indent=1) + "\n"
