"""The home page's finder: every jurisdiction and every prefecture-level place, with pinyin and initials,
computed at build time and embedded in the page.

A reader types 长沙, changsha or cs and reaches the 长沙 page; typing 成都, chengdu or cd reaches the page
that serves 成都 (四川's while 成都 has none of its own, the national page while 四川 has no file), which
then says at the top that 成都 has not been covered yet. The province may come first, as people write
addresses (四川成都, 四川省成都市, sichuanchengdu): each place carries the ways its province is written.
Pinyin is the place name's reading (漯河 luohe, 陕西 shaanxi: export.places.syllables), as in places.json.
No server, no library in the browser.
"""
from __future__ import annotations

from ..export.places import spellings, syllables
from ..model import KnowledgeBase, urls
from ..model.places import routes
from .markup import script_json


def _spell(name: str) -> dict:
    """pinyin: the name's own spelling; also: other spellings readers type; initials (长沙 → cs)."""
    own, *other = spellings(name)
    spelt = {"pinyin": own, "initials": "".join(s[0] for s in syllables(name))}
    return {**spelt, "also": other} if other else spelt


def _province(kb: KnowledgeBase, province_id: str) -> list[str]:
    """How a province is written before a place's name: 四川省, 四川, sichuan."""
    full = kb.provincial_names.get(province_id)
    own = kb.jurisdictions.get(province_id)
    names = [full, own.short_name if own else None]
    names += spellings(own.short_name) if own else []
    return list(dict.fromkeys(n for n in names if n))


def finder_entries(kb: KnowledgeBase) -> list[dict]:
    entries = []
    for j in kb.jurisdictions.values():
        group = kb.group_of(j)
        within = {"in": _province(kb, group.id)} if group is not j else {}
        entries.append({"name": j.name, "short": j.short_name, **_spell(j.short_name), **within,
                        "url": urls.place_url(j)})
    for route in routes(kb):
        if route.covered:          # already listed as a jurisdiction
            continue
        d = route.division
        entries.append({"name": d.name, "short": d.short_name, **_spell(d.short_name),
                        "in": _province(kb, d.province),
                        "url": urls.place_url(route.page, d.adcode), "via": route.page.name})
    return entries


def finder_json(kb: KnowledgeBase) -> str:
    """JSON safe inside <script>."""
    return script_json(finder_entries(kb))
