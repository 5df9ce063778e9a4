"""The search segmenter's user dictionary, so domain words and place names stay whole."""
from __future__ import annotations

from ..model import KnowledgeBase


def search_dictionary(kb: KnowledgeBase) -> str:
    """jieba user dictionary: domain words and place names stay whole in the search index.

    Short names only (长沙, not 长沙市), so a reader typing 长沙 matches 长沙市 too.
    """
    words = list(kb.search_terms) + [s.name for s in kb.situations] + [o.name for o in kb.outcomes]
    words += [j.short_name for j in kb.jurisdictions.values()]
    unique = dict.fromkeys(w for w in words if w and " " not in w)
    return "".join(f"{word} 100000\n" for word in unique)
