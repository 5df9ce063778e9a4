"""Markdown out: every page of the site, written from the model through Jinja templates.

markup        escaping (md, attr), the one Jinja environment, render_page(), plain-text citations
jurisdiction  one page per jurisdiction, the sources page, the home page
flowchart     the flow as an inline SVG and as JSON for the checker
faq           questions from the rules + policies/faq.yaml, FAQPage JSON-LD
compare       comparison table and per-situation pages
claims        the 网传说法核查 page (claims are never rules)
reports       what changed, data quality
finder        home-page city finder (pinyin at build time)
map           tile-grid map of the provincial-level units, one view per situation, with SVG downloads
glossary      the glossary page (术语表)
contributing  CONTRIBUTING.md as a site page

templates/ holds the page templates; partials start with "_".
"""
from __future__ import annotations

from ..model import KnowledgeBase
from .claims import claims_pages
from .compare import compare_nav, compare_pages
from .contributing import contributing_page
from .faq import faq_pages
from .glossary import glossary_pages
from .jurisdiction import core_pages
from .map import map_pages
from .reports import report_pages

PRODUCERS = [core_pages, faq_pages, compare_pages, map_pages, report_pages, claims_pages, glossary_pages,
             contributing_page]


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every generated page: {page file inside docs/: Markdown}."""
    pages: dict[str, str] = {}
    for producer in PRODUCERS:
        pages.update(producer(kb))
    return pages


__all__ = ["compare_nav", "render_pages"]
