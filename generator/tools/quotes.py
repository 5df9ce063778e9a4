"""`python -m generator check-quotes`: the opt-in online check that quoted pages still say what we quote.

Fetches every source URL (short timeout, small pool), turns the page into text and looks for each quote
that cites the source, with the normalisation of generator.load.excerpts (NFKC, traditional → simplified,
no punctuation, symbols or whitespace). Prints a report of the quotes no longer found and the pages that
would not open. Never part of the default tests or the build: the archived excerpts in policies/excerpts/
are what the validator checks offline.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

from ..load.excerpts import normalise
from ..model import KnowledgeBase

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


class _Text(HTMLParser):
    """The visible text of a page: everything outside <script> and <style>."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(body: bytes, content_type: str = "") -> str:
    """Bytes of a page → its text: the declared charset (header, then <meta>), else UTF-8, else GB18030."""
    declared = _CHARSET.search(content_type.encode("ascii", "ignore")) or _CHARSET.search(body[:4096])
    tried = ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8", "gb18030"]
    for encoding in tried:
        try:
            text = body.decode(encoding)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    else:
        text = body.decode("utf-8", errors="replace")
    if "<" not in text:
        return text
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _fetch(url: str, timeout: float) -> tuple[str | None, str]:
    """(normalised page text, '') or (None, short reason)."""
    request = urllib.request.Request(url, headers={"User-Agent": "policy-quote-check/1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return normalise(page_text(response.read(), response.headers.get("Content-Type", ""))), ""
    except urllib.error.HTTPError as error:
        return None, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, f"打不开（{getattr(error, 'reason', error)}）"


def quotes_by_source(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Source id → the distinct quotes citing it: rules (and earlier versions), services, claims, milestones,
    general questions and the glossary."""
    citations = []
    for j in kb.jurisdictions.values():
        for rule in j.rules:
            citations += rule.citations + tuple(c for v in rule.history for c in v.citations)
        if j.service:
            citations += j.service.citations
    for group in (kb.claims, kb.milestones, kb.questions, kb.glossary):
        citations += [c for item in group for c in item.citations]
    found: dict[str, list[str]] = {}
    for c in citations:
        if c.quote not in found.setdefault(c.source.id, []):
            found[c.source.id].append(c.quote)
    return found


def check_quotes(kb: KnowledgeBase, timeout: float = 10.0, workers: int = 8) -> int:
    """Fetch every quoted source with a URL; print the quotes no longer found; 0 when all are found, else 1."""
    quotes = quotes_by_source(kb)
    targets = sorted((s.id, s.url) for s in kb.sources.values() if s.url and s.id in quotes)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(lambda t: _fetch(t[1], timeout), targets))
    print("| 结果 | 来源 | 网址 | 原文摘录 |")
    print("| --- | --- | --- | --- |")
    missing = unreachable = checked = 0
    for (source_id, url), (text, reason) in zip(targets, pages):
        if text is None:
            unreachable += 1
            print(f"| {reason} | {source_id} | {url} | |")
            continue
        for quote in quotes[source_id]:
            checked += 1
            if normalise(quote) not in text:
                missing += 1
                print(f"| 网页上找不到 | {source_id} | {url} | {quote} |")
    print(f"\n共 {len(targets)} 个网页、{checked} 条引文已核对：{missing} 条在网页上找不到，{unreachable} 个网页打不开。"
          "（已忽略标点、空白和繁简差异）")
    if missing or unreachable:
        print("找不到的引文：先在浏览器里打开网页确认。网页改了，就按新内容更新规则和 policies/excerpts/ 里的摘录；"
              "网页没了，原来的摘录仍是依据，网址加进 data/known-dead-urls.yaml。")
    return 1 if missing or unreachable else 0
