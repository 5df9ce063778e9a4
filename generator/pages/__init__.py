"""Markdown out: every page of the site, written from the model through Jinja templates.

markup        escaping (md, attr), the one Jinja environment, Render (one render: addresses, site name)
jurisdiction  one page per jurisdiction, its check page and its 办事清单 page, the sources pages, the home page
checklist     the printable 办事清单 of a place: one checklist per situation that lets money out, with a QR code
flowchart     the flow as an inline SVG; the checker's question terms (its parts: templates/_flow.md.j2)
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
from ..model.places import served_by
from .claims import claims_pages
from .compare import compare_nav, compare_pages
from .contributing import contributing_page
from .faq import faq_nav, faq_pages
from .glossary import glossary_pages
from .jurisdiction import core_pages, off_nav, source_places, sources_nav
from .map import map_nav, map_pages
from .markup import Render
from .reports import changes_nav, report_pages

PRODUCERS = [core_pages, faq_pages, compare_pages, map_pages, report_pages, claims_pages, glossary_pages]


def addresses(kb: KnowledgeBase) -> urls.Urls:
    """The addresses of a render of kb: which page lists each source depends on the data."""
    return urls.Urls(source_places(kb))


def render_pages(kb: KnowledgeBase, site_name: str,
                 last: tuple[KnowledgeBase, dict[str, str]] | None = None, site_url: str = "") -> dict[str, str]:
    """Every generated page: {page file inside docs/: Markdown}. site_name: mkdocs.yml's site_name
    (the author of the ClaimReview markup); site_url: mkdocs.yml's site_url (the addresses in 引用本条
    texts). The render's addresses (urls.Urls) and the site's name
    are made here, once, and passed to every producer as a Render.

    last (the live preview only): the data and pages of the previous render, with the same templates.
    A place's pages (its page, check page and 办事清单) are taken from it when nothing they show can have changed
    (unchanged_places); every other page is rendered again."""
    render = Render(addresses(kb), site_name, site_url)
    pages: dict[str, str] = {}
    kept = unchanged_places(last[0], kb) if last is not None and addresses(last[0]) == render.urls else None
    for producer in PRODUCERS:
        if producer is core_pages and kept:
            pages.update(core_pages(kb, render, (kept, last[1])))
        else:
            pages.update(producer(kb, render))
    return pages


def render_place_pages(kb: KnowledgeBase, site_name: str, place_ids: set[str], site_url: str = "") -> dict[str, str]:
    """The page, check page and 办事清单 page of these places and the sources pages, as render_pages() writes them,
    without the other ~500 pages (what a check of one place's pages reads)."""
    return core_pages(kb, Render(addresses(kb), site_name, site_url), only=place_ids)


# What every place page may show besides its own data and its ancestors' and children's: when one of
# these differs between two loads, no place page is reused.
SHARED = ("situations", "outcomes", "sources", "questions", "glossary", "claims", "archived", "places",
          "provincial_names", "excerpts", "milestones", "edition")


def unchanged_places(old: KnowledgeBase, new: KnowledgeBase) -> set[str]:
    """Ids of the places whose pages (page, check page, 办事清单) show the same thing in both loads: the place, its
    ancestors and its descendants are equal (as data), and so is everything in SHARED. Empty when the
    places or their order changed."""
    if list(old.jurisdictions) != list(new.jurisdictions) or any(getattr(old, a) != getattr(new, a) for a in SHARED):
        return set()
    changed = [j for jid, j in new.jurisdictions.items() if old.jurisdictions[jid] != j]
    affected = set()
    for j in changed:
        affected |= {j.id} | {a.id for a in new.ancestors(j)} | {a.id for a in old.ancestors(old.jurisdictions[j.id])}
    changed_ids = {j.id for j in changed}
    # Descendants inherit a changed ancestor's rules; a place's served list depends on its neighbours' coverage.
    affected |= {jid for jid, j in new.jurisdictions.items() if any(a.id in changed_ids for a in new.ancestors(j))}
    served_old, served_new = served_by(old), served_by(new)
    affected |= {jid for jid in new.jurisdictions if served_old.get(jid) != served_new.get(jid)}
    return set(new.jurisdictions) - affected


__all__ = ["addresses", "changes_nav", "contributing_page", "compare_nav", "faq_nav", "map_nav", "off_nav", "render_pages",
           "render_place_pages", "sources_nav"]
