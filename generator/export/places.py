"""site/api/v1/places.json — every prefecture-level place and the 4 municipalities, and the page serving each.

One entry per place: name, short_name, pinyin (no tones, as the place's name is read: see syllables), adcode, kind, province (our provincial id),
covered (it has a page of its own) and page (its own page, or the page that serves it: its province's,
or the national page while the province has no file), relative to the site root.
"""
from __future__ import annotations

import json

from pypinyin import lazy_pinyin

from ..model import KnowledgeBase, urls
from ..model.places import routes


# Place names pypinyin reads wrong: it takes each character's commonest reading (漯 tà, 长 zhǎng, 朝 zhāo,
# 都 dōu, 勒 lēi) where the name has another, and 陕西's official romanisation is Shaanxi (so that it is
# told from 山西 Shanxi). Reviewed one by one against the names' standard readings (Luohe, Changzhi,
# Chaoyang, Changdu, Xilinguole, Kezilesu, Aletai) and against city lists that give each name's pinyin;
# tests/test_places.py checks every place's spelling and these names. Short names only (the finder's).
PLACE_READINGS = {
    "漯河": "luo he", "长治": "chang zhi", "朝阳": "chao yang", "昌都": "chang du",
    "锡林郭勒": "xi lin guo le", "克孜勒苏": "ke zi le su", "阿勒泰": "a le tai", "陕西": "shaan xi",
}
# Other spellings readers type, which the finder also accepts: 陕西 as plain pinyin gives (shanxi, after
# 山西), and 六安 as many spell it (its reading is lù'ān, luan).
OTHER_SPELLINGS = {"陕西": ("shanxi",), "六安": ("liuan",)}


def syllables(name: str) -> list[str]:
    """Toneless pinyin syllables of a place's name as the name is read, lower case (成都 → [cheng, du],
    漯河 → [luo, he], 陕西 → [shaan, xi]); the finder and this file agree."""
    if name in PLACE_READINGS:
        return PLACE_READINGS[name].split()
    return [s.lower() for s in lazy_pinyin(name) if s.strip()]


def spellings(name: str) -> list[str]:
    """Every full spelling the finder accepts for a name, the name's own first."""
    return ["".join(syllables(name)), *OTHER_SPELLINGS.get(name, ())]


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
