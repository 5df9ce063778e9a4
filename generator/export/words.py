"""Chinese words as the site cuts them: jieba with a user dictionary built from the data.

The search index (site/search.py) and the database's full-text index (database.py) cut text with the
same dictionary, so a word the search finds whole (个人账户, 长沙, 去世) is one word in the database too.
"""
from __future__ import annotations

import functools
import io

from ..model import KnowledgeBase


def search_dictionary(kb: KnowledgeBase) -> str:
    """jieba user dictionary: domain words, place names, glossary terms and synonyms stay whole.

    Short names only (长沙, not 长沙市), so a reader typing 长沙 matches 长沙市 too. A longer name that
    contains a standard word (医保个人账户 ⊃ 个人账户, 异地安置退休人员 ⊃ 异地安置) is left to jieba, so
    the text keeps the standard word a query is rewritten to; situation names are phrases, not words
    (参保人死亡 must index 死亡).
    """
    standard = {group[0] for group in kb.synonyms} | {term.term for term in kb.glossary} | set(kb.search_terms)
    words = list(kb.search_terms) + [j.short_name for j in kb.jurisdictions.values()]
    words += [d.short_name for d in kb.places]     # every prefecture-level place, covered or not
    words += [name for term in kb.glossary for name in term.names]
    words += [word for group in kb.synonyms for word in group]
    unique = dict.fromkeys(w for w in words if w and " " not in w
                           and not any(s != w and s in w for s in standard))
    return "".join(f"{word} 100000\n" for word in unique)


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
