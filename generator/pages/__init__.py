"""Markdown out: every page of the site, written from the model through Jinja templates.

markup        escaping (md, attr), the one Jinja environment, render_page(), plain-text citations
jurisdiction  one page per jurisdiction and its check page, the sources pages, the home page
flowchart     the flow as an inline SVG and as JSON for the checker
faq           questions from the rules + policies/faq.yaml, FAQPage JSON-LD
compare       comparison tables per provincial unit, per-situation pages
claims        the 网传说法核查 page (claims are never rules)
reports       what changed, data quality
finder        home-page city finder (pinyin at build time)
map           tile-grid map of the provincial-level units, one view per situation, with SVG downloads
glossary      the glossary page (术语表)
contributing  CONTRIBUTING.md as a site page

templates/ holds the page templates; partials start with "_".
"""
from __future__ import annotations

from ..model import KnowledgeBase, urls
from .claims import claims_pages
from .compare import compare_nav, compare_pages
from .contributing import contributing_page
from .faq import faq_nav, faq_pages
from .glossary import glossary_pages
from .jurisdiction import core_pages, off_nav, source_places, sources_nav
from .map import map_nav, map_pages
from .markup import SITE
from .reports import changes_nav, report_pages

PRODUCERS = [core_pages, faq_pages, compare_pages, map_pages, report_pages, claims_pages, glossary_pages,
             contributing_page]


def render_pages(kb: KnowledgeBase, site_title: str | None = None) -> dict[str, str]:
    """Every generated page: {page file inside docs/: Markdown}. site_title: mkdocs.yml's site_name
    (the author of the ClaimReview markup); without it, the project's mkdocs.yml is read."""
    SITE["title"] = site_title if site_title is not None else _site_name()
    pages: dict[str, str] = {}
    # Which page lists each source depends on the data: registered before any page cites one.
    urls.place_sources(source_places(kb))
    for producer in PRODUCERS:
        pages.update(producer(kb))
    return pages


def _site_name() -> str:
    import yaml
    from pathlib import Path
    config = Path(__file__).resolve().parents[2] / "mkdocs.yml"
    return yaml.safe_load(config.read_text(encoding="utf-8"))["site_name"]


__all__ = ["changes_nav", "compare_nav", "faq_nav", "map_nav", "off_nav", "render_pages", "sources_nav"]
