"""The home page's finder: every jurisdiction and every prefecture-level place, with pinyin and initials,
computed at build time and embedded in the page.

A reader types 长沙, changsha or cs and reaches the 长沙 page; typing 成都, chengdu or cd reaches the page
that serves 成都 (四川's while 成都 has none of its own, the national page while 四川 has no file), which
then says at the top that 成都 has not been covered yet. No server, no library in the browser.
"""
from __future__ import annotations

from pypinyin import lazy_pinyin

from ..model import KnowledgeBase, urls
from ..model.places import routes
from .markup import script_json


def _spell(name: str) -> tuple[str, str]:
    syllables = [s.lower() for s in lazy_pinyin(name) if s.strip()]
    return "".join(syllables), "".join(s[0] for s in syllables)


def finder_entries(kb: KnowledgeBase) -> list[dict]:
    entries = []
    for j in kb.jurisdictions.values():
        pinyin, initials = _spell(j.short_name)
        entries.append({"name": j.name, "short": j.short_name, "pinyin": pinyin, "initials": initials,
                        "url": urls.place_url(j)})
    for route in routes(kb):
        if route.covered:          # already listed as a jurisdiction
            continue
        d = route.division
        pinyin, initials = _spell(d.short_name)
        entries.append({"name": d.name, "short": d.short_name, "pinyin": pinyin, "initials": initials,
                        "url": urls.place_url(route.page, d.adcode), "via": route.page.name})
    return entries


def finder_json(kb: KnowledgeBase) -> str:
    """JSON safe inside <script>."""
    return script_json(finder_entries(kb))
