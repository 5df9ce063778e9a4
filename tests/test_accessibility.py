"""Accessibility basics on every built page: heading order, text alternatives, grades not by colour alone."""
from __future__ import annotations

import re
from html.parser import HTMLParser


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []
        self.svgs: list[dict] = []
        self.images: list[dict] = []
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
        if self.in_article and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if self.in_article and tag == "svg":
            self.svgs.append(attrs)
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False


def outline(path):
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_heading_levels_never_skip(built):
    for page in built.rglob("*.html"):
        levels = outline(page).levels
        if not levels:
            continue
        assert levels[0] == 1, page
        assert levels.count(1) == 1, page
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{page.relative_to(built)}: h{before} → h{after}"


def test_diagrams_and_images_have_text_alternatives(built):
    for page in built.rglob("*.html"):
        parsed = outline(page)
        for svg in parsed.svgs:
            if svg.get("aria-hidden") == "true":
                continue
            assert svg.get("aria-labelledby") or svg.get("aria-label"), \
                f"{page.relative_to(built)}: svg without a text alternative"
        for image in parsed.images:
            assert "alt" in image, f"{page.relative_to(built)}: img without alt"


def test_grade_badges_carry_their_letter_in_text(built):
    badge = re.compile(r'<span class="grade grade-([ABC])"[^>]*>(.*?)</span>')
    seen = 0
    for page in built.rglob("*.html"):
        for letter, text in badge.findall(page.read_text(encoding="utf-8")):
            seen += 1
            assert letter in text, page
            if letter == "C":
                assert "待核实" in text, page
    assert seen
