"""Drop the indentation the theme's templates leave in every built page.

Material's navigation templates indent each nav entry with hundreds of spaces;
at 400 regions that is a third of a city page. A run of blanks that contains a
line break renders exactly like one line break, so it is replaced by one —
except inside <pre>, <textarea>, <script> and <style>, where blanks can matter.
Works on any engine's HTML; text inside the pages is unchanged.
"""
from __future__ import annotations

import re
from pathlib import Path

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANKS = re.compile(r"[ \t\r]*\n[ \t\r\n]*")   # HTML blanks only: U+3000 and friends are text


def compact_html(text: str) -> str:
    parts = _KEEP.split(text)
    # split() yields: text, kept block, tag name, text, kept block, tag name, ...
    return "".join(part if i % 3 == 1 else "" if i % 3 == 2 else _BLANKS.sub("\n", part)
                   for i, part in enumerate(parts))


def compact_site(site: Path, since_ns: int | None = None) -> None:
    """Compact every HTML file of the site, or only those modified after since_ns (st_mtime_ns)."""
    for path in site.rglob("*.html"):
        if since_ns is not None and path.stat().st_mtime_ns <= since_ns:
            continue
        text = path.read_text(encoding="utf-8")
        compacted = compact_html(text)
        if compacted != text:
            path.write_text(compacted, encoding="utf-8")
