"""Glossary terms where readers meet them (issue: terms explained on first use).

On a page, the first use of each glossary term (or one of its other names) links to its entry on the
glossary page; in the checker, a question lists the terms it uses with their plain definitions.
Both find terms the same way, here: longest name first, so 异地长期居住备案 wins over 异地安置's parts.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import urls as addresses
from .markup import md


@lru_cache(maxsize=4)
def _matcher(names_by_term: tuple) -> tuple[re.Pattern | None, dict[str, str]]:
    """Compiled once per glossary (keyed by its ids and names only: cheap to hash on every call)."""
    term_of = {name: term_id for term_id, names in names_by_term for name in names}
    if not term_of:
        return None, term_of
    return re.compile("|".join(re.escape(n) for n in sorted(term_of, key=len, reverse=True))), term_of


def find(glossary, text: str, skip: set | None = None) -> list[tuple[re.Match, object]]:
    """The first use of each term in text, in order; terms whose id is in skip are passed over."""
    pattern, term_of = _matcher(tuple((t.id, t.names) for t in glossary))
    by_id = {t.id: t for t in glossary}
    seen = set(skip or ())
    found = []
    for match in pattern.finditer(text) if pattern else ():
        term_id = term_of[match.group()]
        if term_id not in seen:
            seen.add(term_id)
            found.append((match, by_id[term_id]))
    return found


def _md_part(text: str) -> str:
    """md() of a piece of a sentence, keeping a space at either end (md joins whitespace)."""
    inner = md(text) if text.strip() else ""
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() and inner else "")


class TermLinker:
    """For one page: text → Markdown with the first use of each term on the page linked to the glossary."""

    def __init__(self, glossary, urls: addresses.Here):
        self.glossary = tuple(glossary)
        self.urls = urls
        self.used: set[str] = set()

    def __call__(self, text: str) -> str:
        parts, last = [], 0
        for match, term in find(self.glossary, text, self.used):
            self.used.add(term.id)
            parts += [_md_part(text[last:match.start()]), f"[{md(match.group())}]({self.urls.term(term.id)})"]
            last = match.end()
        return "".join(parts) + _md_part(text[last:])
