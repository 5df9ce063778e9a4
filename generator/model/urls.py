"""Every address on the site, built in one place (as datasette's url_builder and mkdocs' files.py do).

Three forms of one address:
- a *page file*: the Markdown file inside docs/ (``hunan/changsha/index.md``, ``sources.md``);
- a *URL*: relative to the site root, directory style (``hunan/changsha/``, ``sources/``),
  used in the exports, feeds and raw HTML;
- a *link*: from one page to another, relative, as any site engine resolves it.

Pages, templates, exports and feeds ask this module; no path or anchor is written anywhere else.
What depends on the data (which page lists a source) is held by a Urls object made per render.
"""
from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from .entities import Jurisdiction

HOME = "index.md"
SOURCES = "sources/index.md"        # the index of the per-province sources pages (URL sources/, as before)
ABOUT = "about.md"                  # hand-written, in content/
CONTRIBUTING = "contributing.md"
FAQ = "faq/index.md"
COMPARE = "compare/index.md"
CHANGES = "changes/index.md"
QUALITY = "quality/index.md"
CLAIMS = "claims/index.md"
GLOSSARY = "glossary/index.md"      # 术语表
NOT_FOUND = "404.html"              # written by the theme (site_overrides/404.html), not from Markdown
EXPORT = "api/v1/policies.json"
CSV = "api/v1/rules.csv"            # the complete grid: every place × every situation
CITATIONS_CSV = "api/v1/citations.csv"   # one row per rule × citation, the quotes tied to their sources
DATABASE = "api/v1/yibao.sqlite"    # everything as SQLite tables, with a full-text index
DATABASE_METADATA = "api/v1/yibao.metadata.json"   # Datasette metadata: descriptions, licence
SCHEMA = "api/v1/schema.json"       # the data format, published next to the data
PLACES = "api/v1/places.json"       # every prefecture-level place and municipality → the page serving it
MAP = "map/index.md"                # tile-grid map of the provincial-level units
CHECKLIST_QUERY = "s"               # ?s=<situation id> on a 办事清单 page: only that checklist is shown and printed
PLACE_QUERY = "city"                # ?city=<adcode> on a page reached for a place without its own page
EXCERPTS = "api/v1/excerpts/"       # archived passages of each source: EXCERPTS + <source-id>.txt


def excerpt(source_id: str) -> str:
    """The published excerpt of a source, relative to the site root (a file, not a page)."""
    return f"{EXCERPTS}{source_id}.txt"
FEED = "feed.xml"
ASSETS = "assets/"


def page(j: Jurisdiction) -> str:
    """The page file of a jurisdiction: a city sits under its province, everything else at the top."""
    if j.level == "city" and j.parent_id and j.parent_id != "national":
        return f"{j.parent_id}/{j.id}/index.md"
    return f"{j.id}/index.md"


def situation(situation_id: str) -> str:
    """The comparison page of one situation."""
    return f"compare/{situation_id}/index.md"


def map_svg(situation_id: str) -> str:
    """The map of one situation as a standalone SVG file, next to the map page."""
    return f"map/china-{situation_id}.svg"


def map_view(situation_id: str) -> str:
    """The map page of one situation other than the default (which is the map page itself)."""
    return f"map/{situation_id}/index.md"


def map_view_anchor(situation_id: str) -> str:
    """One situation's view on the map page."""
    return f"map-{situation_id}"


def place_url(j: Jurisdiction, adcode: str | None = None) -> str:
    """URL (from the site root) of the page serving a place; for a place without a page of its own
    (adcode given) the query names it and the fragment points at the notice at the top."""
    if adcode is None:
        return url(page(j))
    return f"{url(page(j))}?{PLACE_QUERY}={adcode}#{UNCOVERED_ANCHOR}"


def check(j: Jurisdiction) -> str:
    """A jurisdiction's 一问一答 page: the checker, the flowchart with its text version, the questions."""
    return page(j)[:-len("index.md")] + "check/index.md"


def checklist(j: Jurisdiction) -> str:
    """A jurisdiction's 办事清单 page: one printable checklist per situation whose answer there lets money
    out, each at its situation's anchor (rule_anchor); link one with urls.at(here).checklist(j, situation_id)."""
    return page(j)[:-len("index.md")] + "checklist/index.md"


def numbered(first: str, number: int) -> str:
    """Page `number` (1-based) of a paginated page whose first page is `first` (…/index.md)."""
    return first if number == 1 else first[:-len("index.md")] + f"{number}/index.md"


def compare_group(group_id: str, number: int = 1) -> str:
    """The comparison table of one provincial unit (its cities × situations), page `number`."""
    return numbered(f"compare/in/{group_id}/index.md", number)


def situation_group(situation_id: str, group_id: str) -> str:
    """One situation in one provincial unit: each place's rule with its summary and sources."""
    return f"compare/{situation_id}/{group_id}/index.md"


def faq_group(group_id: str) -> str:
    """The generated questions of the places of one provincial unit."""
    return f"faq/{group_id}/index.md"


def changes(number: int = 1) -> str:
    """Page `number` of what changed, newest first (the Atom feed carries the full list)."""
    return numbered(CHANGES, number)


def sources_group(group_id: str, number: int = 1) -> str:
    return numbered(f"sources/{group_id}/index.md", number)


def feed(j: Jurisdiction) -> str:
    return f"feeds/{j.id}.xml"


def asset(name: str) -> str:
    return ASSETS + name


# -- anchors: the fragment of a thing on the page that shows it ------------------------------
def _anchor(pattern: str):
    return lambda *parts: pattern.format(*parts)


rule_anchor = _anchor("{}")                # one rule per situation per jurisdiction: the situation id
rule_sources_anchor = _anchor("{}-sources")  # a rule's 依据 list
citation_anchor = _anchor("{}-cite-{}")    # one quote in a 依据 list: rule id (or "service"), footnote number
source_anchor = _anchor("src-{}")          # a source on the sources page
claim_anchor = _anchor("claim-{}")         # a claim on the claims page
faq_anchor = _anchor("faq-{}")             # the generated question about a situation, on a jurisdiction page
general_anchor = _anchor("faq-{}")         # a hand-written question on the FAQ page
note_anchor = _anchor("note-{}-{}")        # a rule's footnote in the comparison: jurisdiction id, rule id
cell_anchor = _anchor("cell-{}-{}")        # a place × situation cell of a comparison table: jurisdiction id, situation id
row_anchor = _anchor("row-{}")             # a place's row on a situation's national page: jurisdiction id
milestone_anchor = _anchor("milestone-{}")   # a dated change (milestone) on its jurisdiction's page
change_anchor = _anchor("change-{}-{}-{}")  # a change on the what-changed page: jurisdiction, rule, date
term_anchor = _anchor("term-{}")           # a term on the glossary page (its id: g1, g2, … in file order)
group_anchor = _anchor("in-{}")            # a provincial unit's part of an index page

# The fixed sections of a place's page and of its check page, named here only (templates use these names).
# A rule's anchors there are made from its situation id (rule_anchor, rule_sources_anchor, citation_anchor,
# faq_anchor), so a situation id must not make one of these: see anchor_clash().
ANSWER_ANCHOR = "answer"                   # 简要回答
CHILDREN_ANCHOR = "children"               # 下辖地区 (the menu's "other units" entry points at the nation's)
RULES_ANCHOR = "rules"                     # the answer cards, one per situation (each opens its section)
ABOUT_HEADING_ANCHOR = "more"              # the (visually hidden) heading above the checker link and 来源和核查记录
ABOUT_ANCHOR = "about-sources"             # 来源和核查记录: notes, contacts' sources, claims, milestones, research
HOW_ANCHOR = "how"                         # 怎么办理
SERVICE = "service"                        # the 怎么办理 block's footnotes: service-cite-N, its 依据 list service-sources
CLAIMS_BOX_ANCHOR = "claims"               # 网传说法
MILESTONES_ANCHOR = "milestones"           # 规定变化节点
RESEARCH_ANCHOR = "research"               # 我们查过什么
UNCOVERED_BANNER_ANCHOR = "uncovered-banner"   # its notice at the top, shown by assets/place.js
UNCOVERED_ANCHOR = "uncovered"             # the notice for places without a page of their own, on the page they use
CHECKER_ANCHOR = "checker"                 # check page: 回答几个问题
FLOW_ANCHOR = "flow"                       # check page: the flowchart
FLOW_TEXT_ANCHOR = "flow-text"             # check page: its text version
checker_part_anchor = _anchor("checker-{}")   # check page: one part of the checker (a flow node id, or SERVICE)
PLACE_ANCHORS = (ANSWER_ANCHOR, CHILDREN_ANCHOR, RULES_ANCHOR, ABOUT_ANCHOR, ABOUT_HEADING_ANCHOR, HOW_ANCHOR, SERVICE, rule_sources_anchor(SERVICE),
                 CLAIMS_BOX_ANCHOR, MILESTONES_ANCHOR, RESEARCH_ANCHOR, UNCOVERED_ANCHOR, UNCOVERED_BANNER_ANCHOR, CHECKER_ANCHOR, FLOW_ANCHOR,
                 FLOW_TEXT_ANCHOR,
                 "checker-app", "flow-chart",                  # element ids checker.js and the styles look up
                 "flow-title", "flow-desc", "flow-arrow")      # inside the flowchart's SVG (pages/flowchart.py)


def anchor_clash(situation_id: str) -> str | None:
    """The fixed anchor of a place's page or check page that a situation id's anchors would also make,
    or None. Its rule is at #<id>, its 依据 list at #<id>-sources, its quotes at #<id>-cite-N, its
    question at #faq-<id>; a milestone is at #milestone-<id>."""
    made = {rule_anchor(situation_id), rule_sources_anchor(situation_id), faq_anchor(situation_id)}
    clash = next((a for a in PLACE_ANCHORS if a in made), None)
    if clash:
        return clash
    for prefix in (milestone_anchor(""), faq_anchor(""), checker_part_anchor("")):
        if situation_id.startswith(prefix):
            return prefix + "…"
    for suffix in (rule_sources_anchor(""), citation_anchor("", "")):
        if suffix in situation_id:
            return "…" + suffix + "…"
    return None


# -- forms ---------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def url(path: str, anchor: str | None = None) -> str:
    """Page file (or any file) → URL relative to the site root, directory style for pages."""
    if path.endswith(".md"):
        stem = path[:-len(".md")]
        path = stem[:-len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    return path + (f"#{anchor}" if anchor else "")


def absolute(site_url: str, address: str) -> str:
    """A URL relative to the site root → absolute under site_url (mkdocs.yml); unchanged when site_url is empty."""
    return site_url.rstrip("/") + "/" + address if site_url else address


def link(here: str, target: str, anchor: str | None = None) -> str:
    """Link from page file `here` to file `target` (Markdown links: the engine maps .md to URLs)."""
    return _relative(posixpath.dirname(here) or ".", target) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)      # pages link to the same few targets with many anchors: compute each path once
def _relative(folder: str, target: str) -> str:
    """posixpath.relpath for the paths this module builds (relative to the docs root, no "." or ".."
    parts), without its abspath/getcwd per call: a cold build computes ~100,000 of these."""
    here = [] if folder == "." else folder.split("/")
    there = target.split("/")
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


@lru_cache(maxsize=65536)
def href(here: str, target: str, anchor: str | None = None) -> str:
    """Link from the URL of `here` to the URL of `target`, for raw HTML and feeds, which no engine rewrites."""
    base = url(here)
    if not base.endswith("/"):                 # a file such as feeds/x.xml: its folder
        base = posixpath.dirname(base) + "/" if "/" in base else ""
    return "../" * base.count("/") + url(target, anchor)


class Urls:
    """The addresses of one render, created per render from its data and passed down (the pattern of
    datasette's url_builder.Urls): what an address depends on beyond the functions above lives here.

    Sources are listed per provincial unit; which unit's sources page (and which page of it) lists a
    source depends on the data (the file that declares it), so it is given when the render starts:
    source id → (unit id, page number)."""

    def __init__(self, source_places: Mapping[str, tuple[str, int]]):
        self._source_places = MappingProxyType(dict(source_places))

    def __eq__(self, other) -> bool:
        return isinstance(other, Urls) and self._source_places == other._source_places

    __hash__ = None

    def source_page(self, source_id: str) -> str:
        """The sources page that lists a source."""
        return sources_group(*self._source_places[source_id])

    def at(self, here: str) -> "Here":
        """The addresses as seen from page file `here`: what templates receive as `urls`."""
        return Here(self, here)


class Here:
    """The address builder bound to one page of one render: what templates receive as `urls`."""

    def __init__(self, site: Urls, here: str):
        self.site = site
        self.here = here

    def link(self, target: str, anchor: str | None = None) -> str:
        return link(self.here, target, anchor)

    def href(self, target: str, anchor: str | None = None) -> str:
        return href(self.here, target, anchor)

    def page(self, j: Jurisdiction, anchor: str | None = None) -> str:
        return link(self.here, page(j), anchor)

    def rule(self, j: Jurisdiction, rule_id: str) -> str:
        return link(self.here, page(j), rule_anchor(rule_id))

    def source(self, source_id: str) -> str:
        return link(self.here, self.site.source_page(source_id), source_anchor(source_id))

    def source_href(self, source_id: str) -> str:
        return href(self.here, self.site.source_page(source_id), source_anchor(source_id))

    def check(self, j: Jurisdiction, anchor: str | None = None) -> str:
        return link(self.here, check(j), anchor)

    def checklist(self, j: Jurisdiction, situation_id: str | None = None) -> str:
        """The place's 办事清单 page, or (situation_id given) the checklist of that situation on it."""
        return link(self.here, checklist(j), rule_anchor(situation_id) if situation_id else None)

    def situation(self, situation_id: str) -> str:
        return link(self.here, situation(situation_id))

    def claim(self, claim_id: str) -> str:
        return link(self.here, CLAIMS, claim_anchor(claim_id))

    def term(self, term_id: str) -> str:
        return link(self.here, GLOSSARY, term_anchor(term_id))

    def asset(self, name: str) -> str:
        """Assets are loaded from raw HTML (<script>, <link>): URL-relative."""
        return href(self.here, asset(name))
