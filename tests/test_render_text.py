"""Text from the data is always shown as text (property-based, over the real renderer).

Arbitrary text, biased towards HTML, <script>, Markdown, Jinja and diagram
syntax, is put into the fields of a real rule, source and jurisdiction. The
page is rendered by generator.pages and turned into HTML by Python-Markdown
with the extensions of mkdocs.yml. The HTML must have exactly the elements of
a page with harmless text, and each field must read back as the text typed.
"""
from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import Statement
from helpers import SITE_NAME, markdown_page, render_place_pages

PAYLOADS = ["<script>alert(1)</script>", "</p>", "<b>", "<!--", "-->", "&amp;", "&lt;", "&#60;", "**", "__", "*",
            "_", "[x](y)", "![i](j)", "<http://x.y>", "{{ 7*7 }}", "{% if %}", "{#", "#}", "{: .x }", "{#id}",
            "|", "| a | b |", "---", "```", "`", "~~", "\\", "\\*", "# ", "> ", "- ", "1. ", "+ ", "\n", "\t",
            "A-->B", "graph TD;", "A[\"x\"]", "B((y))", "C{z}", "click A", ":", ": ", "\"", "'", "&", "<", ">",
            "\u3000", "  \n", "\n\n", "=", "===", "%%", "@", "$", "javascript:"]
TEXT = st.lists(st.one_of(st.sampled_from(PAYLOADS),
                          st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=5)),
                min_size=1, max_size=8).map("".join).filter(lambda s: s.strip())


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)
        self.in_script = False

    def handle_data(self, data):
        if not self.in_script:          # JSON-LD etc. is data for machines, not text on the page
            self.text.append(data)


def _with_text(kb, make) -> dict:
    """Changsha's pages and the sources pages (what this test reads; not the site's other pages) rendered
    with every tested field of Changsha set by make(field number)."""
    changsha = kb.jurisdictions["changsha"]
    rule = changsha.rules[0]
    cite = rule.citations[0]
    source = dataclasses.replace(cite.source, title=make(1), note=make(2), issuer=make(3))
    new_rule = dataclasses.replace(
        rule, summary=make(4), conditions=(Statement(make(5), (1,)),), materials=(Statement(make(6), (1,)),),
        steps=(Statement(make(7), (1,)),), time_limit=Statement(make(8), (1,)), notes=(make(9),),
        where=(dataclasses.replace(rule.where[0], name=make(10), note=make(11)),),
        citations=(dataclasses.replace(cite, source=source, locator=make(12), quote=make(13)),), answer_cites=(1,))
    j = dataclasses.replace(changsha, name=make(14), short_name=make(15), notes=(make(16),),
                            rules=(new_rule,) + changsha.rules[1:])
    sources = dict(kb.sources, **{source.id: source})
    return render_place_pages(dataclasses.replace(kb, jurisdictions=dict(kb.jurisdictions, changsha=j), sources=sources),
                              SITE_NAME, {"changsha"})


def _html(page_markdown: str) -> tuple[_Page, dict]:
    content, meta = markdown_page(page_markdown)     # as MkDocs reads it: front matter, mkdocs.yml's extensions
    parser = _Page()
    parser.feed(content)
    return parser, meta


def _normal(text: str) -> str:
    return " ".join(text.split())


PAGES = ("hunan/changsha/index.md", "hunan/changsha/check/index.md", "sources/hunan/index.md")


@pytest.fixture(scope="module")
def baseline(kb) -> dict:
    """Each page rendered with plain text in every field."""
    return {page: _html(_with_text(kb, lambda i: f"F{i}plain")[page]) for page in PAGES}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_data_text_cannot_change_the_page(kb, baseline, text):
    pages = _with_text(kb, lambda i: f"F{i}X{text}F{i}Y")
    for page in PAGES:
        parsed, meta = _html(pages[page])
        plain, base_meta = baseline[page]
        assert parsed.tags == plain.tags, page           # no element added, removed or closed early
        assert set(meta) == set(base_meta)
        shown = "".join(parsed.text)
        for i in range(1, 17):
            start = shown.find(f"F{i}X")
            if start == -1:
                assert f"F{i}plain" not in "".join(plain.text), (page, i)
                continue
            end = shown.index(f"F{i}Y", start)
            assert _normal(shown[start + len(f"F{i}X"): end]) == _normal(text), (page, i)
    meta = _html(pages["hunan/changsha/index.md"])[1]        # the <title> and description come from here
    assert _normal(f"F15X{text}F15Y") in _normal(meta["title"])
    assert _normal(f"F14X{text}F14Y") in _normal(meta["description"])
