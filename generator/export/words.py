"""Chinese words as the site cuts them: jieba with a user dictionary built from the data.

The search index (site/search.py) and the database's full-text index (database.py) cut text with the
same dictionary, so a word the search finds whole (个人账户, 长沙, 去世) is one word in the database too.
"""
from __future__ import annotations

import functools
import io

from ..model import KnowledgeBase


def _standard(kb: KnowledgeBase) -> set[str]:
    """The site's own words: each synonym group's first word, glossary terms and search terms."""
    return {group[0] for group in kb.synonyms} | {term.term for term in kb.glossary} | set(kb.search_terms)


def _entries(kb: KnowledgeBase, compounds: bool) -> str:
    standard = _standard(kb)
    words = list(kb.search_terms) + [j.short_name for j in kb.jurisdictions.values()]
    words += [d.short_name for d in kb.places]     # every prefecture-level place, covered or not
    words += [name for term in kb.glossary for name in term.names]
    words += [word for group in kb.synonyms for word in group]
    unique = dict.fromkeys(w for w in words if w and " " not in w
                           and ((compounds and w in standard) or not any(s != w and s in w for s in standard)))
    # A full name is no word of its own (成都市 → 成都 市): the short name is one wherever the full name
    # is written (jieba's own dictionary has 成都市, which would hide 成都 from the index).
    full = dict.fromkeys(p.name for p in [*kb.jurisdictions.values(), *kb.places]
                         if p.name != p.short_name and p.name not in unique)
    return "".join(f"{word} 100000\n" for word in unique) + "".join(f"{name} 0\n" for name in full)


def search_dictionary(kb: KnowledgeBase) -> str:
    """jieba user dictionary: domain words, place names, glossary terms and synonyms stay whole.

    Short names only (长沙, not 长沙市), and full names taken out of jieba's own dictionary, so 长沙市 is
    cut 长沙 市 and a reader typing 长沙 finds it. A longer name that
    contains one of the site's words (医保个人账户 ⊃ 个人账户, 异地安置退休人员 ⊃ 异地安置) is left to jieba,
    so the text keeps the site's word a query is rewritten to; situation names are phrases, not words
    (参保人死亡 must index 死亡). The site's own words stay whole even when they contain another
    (异地安置 ⊃ 异地, 家庭共济 ⊃ 共济): a query is rewritten to them, so the index must hold them; the
    words inside them are given to the index too (compound_parts, site/search.py).
    """
    return _entries(kb, compounds=True)


def compound_parts(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Each of the site's words that contains another of them, with the words jieba would cut it into
    were it not kept whole (异地安置 → [异地, 安置]): what the index held for it before, so a query for
    异地 or 安置 still finds text that says 异地安置."""
    standard = _standard(kb)
    split = segmenter(_entries(kb, compounds=False))
    parts = {}
    for word in sorted(standard):
        if " " not in word and any(s != word and s in word for s in standard):
            cut = [w for w in split.cut(word) if w.strip() and w != word]
            if cut:
                parts[word] = cut
    return parts


@functools.lru_cache(maxsize=2)
def segmenter(dictionary: str):
    """jieba with the build's user dictionary: index-only entries are cut into words as MkDocs cuts pages."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(io.StringIO(dictionary))
    return tokenizer


@functools.lru_cache(maxsize=1 << 17)     # the live preview rebuilds the database on every save: cut each text once
def words(text: str, dictionary: str) -> str:
    """The text cut into words separated by single spaces (punctuation and blanks dropped), in jieba's
    search mode: a long word also gives the words inside it (继承人 → 继承 继承人), so a query for 继承
    finds 继承人 too."""
    return " ".join(w for w in segmenter(dictionary).cut_for_search(text) if w.strip() and any(ch.isalnum() for ch in w))
