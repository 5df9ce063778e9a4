"""Archived excerpts: policies/excerpts/<source-id>.txt holds the passages of a source that were read.

Every quote must occur in its source's excerpt after normalising both sides: Unicode NFKC,
traditional → simplified Chinese (OpenCC "t2s"), and with punctuation, symbols and whitespace
left out — so a quote copied from a traditional-character page, or with full-width commas where
the page had half-width ones, is still found. Standard library and opencc only (no rendering library).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

EXCERPTS_DIR = "excerpts"       # under policies/


@lru_cache(maxsize=1)
def _t2s():
    import opencc                  # imported on first use: `validate` of data without quotes stays light
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """NFKC, simplified characters, no punctuation (P*), symbols (S*), whitespace (Z*) or controls (C*)."""
    text = _t2s().convert(unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


# Lines the project writes about a page (its title as we noted it, the URL, the day we read it) are not text
# seen at the source; they belong in the source's fields (title, url, retrieved, note). These give them away.
ANNOTATION = re.compile(r"读取\s*\d{4}-\d{2}(-\d{2})?|读于\s*\d{4}|标题未记录|（(网站文章|论坛帖子|本地宝问答|易房网文章)")


# Reprint residue: pinyin in brackets after a character ("醫(yī)保"), as some mirror sites insert it. A tone
# mark is required, so a bracketed English word or abbreviation is left alone.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")


@lru_cache(maxsize=8192)
def readable(text: str) -> tuple[str, bool]:
    """A quote as pages show it: reprint pinyin removed, traditional characters converted to simplified
    (OpenCC t2s); and whether any character was traditional. The excerpt and the quote in the data keep
    the raw text (and the quote check compares raw text); only display uses this."""
    plain = PINYIN.sub("", text)
    simplified = _t2s().convert(plain)
    return simplified, simplified != plain


class Excerpts:
    """The excerpt folder of one data tree, read once per file."""

    def __init__(self, policies: Path):
        self.folder = policies / EXCERPTS_DIR
        self._text: dict[str, str | None] = {}

    def path(self, source_id: str) -> Path:
        return self.folder / f"{source_id}.txt"

    def shown(self, source_id: str) -> str:
        return f"policies/{EXCERPTS_DIR}/{source_id}.txt"

    def normalised(self, source_id: str) -> str | None:
        """The normalised excerpt of a source, or None when there is no (readable UTF-8) excerpt file."""
        if source_id not in self._text:
            try:
                self._text[source_id] = normalise(self.path(source_id).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self._text[source_id] = None
        return self._text[source_id]

    def raw(self, source_id: str) -> str | None:
        """The excerpt as archived, for publishing."""
        return self.path(source_id).read_text(encoding="utf-8") if self.has(source_id) else None

    def ids(self) -> list[str]:
        """The source ids that have an excerpt file."""
        return sorted(p.stem for p in self.folder.glob("*.txt")) if self.folder.is_dir() else []

    def annotations(self, source_id: str, url: str | None) -> list[tuple[int, str]]:
        """(line number, line) of lines the project wrote into the excerpt: a read date, 标题未记录, a note on
        what kind of page it is, or the source's own URL."""
        text = self.raw(source_id) or ""
        address = re.sub(r"^https?://", "", url or "").rstrip("/")
        return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
                if ANNOTATION.search(line) or (address and address in line)]

    def has(self, source_id: str) -> bool:
        return self.normalised(source_id) is not None

    def contains(self, source_id: str, quote: str) -> bool | None:
        """True/False when the source has an excerpt; None when it has none (reported once, at the source)."""
        text = self.normalised(source_id)
        if text is None:
            return None
        return normalise(quote) in text
