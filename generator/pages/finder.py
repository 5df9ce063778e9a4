"""The home page's city finder: names, pinyin and initials, computed at build time.

A reader types 长沙, changsha or cs; the list is tiny and static, so the finder
needs no server and no library in the browser.
"""
from __future__ import annotations

import json

from pypinyin import lazy_pinyin

from ..model import KnowledgeBase, urls


def finder_entries(kb: KnowledgeBase) -> list[dict]:
    entries = []
    for j in kb.jurisdictions.values():
        syllables = lazy_pinyin(j.short_name)
        entries.append({
            "name": j.name,
            "short": j.short_name,
            "pinyin": "".join(syllables).lower(),
            "initials": "".join(s[0] for s in syllables if s).lower(),
            "url": urls.url(urls.page(j)),
        })
    return entries


def finder_json(kb: KnowledgeBase) -> str:
    """JSON safe inside <script>: no '<' can close the element."""
    return json.dumps(finder_entries(kb), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
