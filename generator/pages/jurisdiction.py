"""The core pages: one per jurisdiction with its check page, the sources pages and the home page."""
from __future__ import annotations

from ..model import Jurisdiction, KnowledgeBase, urls
from ..model.flow import build_flow
from ..model.places import served_by
from . import faq, flowchart
from .answer import short_answer
from .finder import finder_json
from .markup import render_page, script_json
from .terms import TermLinker


class RuleBodies:
    """Each rule's section below its heading (_rule_body.md.j2), rendered once and shared by every page
    showing the rule: a province's rule appears on each of its cities' pages, the nation's on every page.
    The section links only to the sources pages and to its own anchors, so its text depends on the rule
    and on the page's relative path to the sources pages, nothing else. One instance per render."""

    def __init__(self):
        self.done: dict[tuple[int, str], tuple[object, str]] = {}

    def for_page(self, here: str):
        """The template's rule_body(r) for page file `here`."""
        to_sources = urls.link(here, urls.SOURCES)

        def rule_body(r, history: bool = True) -> str:
            """history: with the folded earlier versions (where the rule is written)."""
            key = (id(r), to_sources, history)
            kept = self.done.get(key)
            if kept is None or kept[0] is not r:      # the rule is kept alongside, so its id is not reused
                kept = self.done[key] = (r, render_page("_rule_body.md.j2", here, r=r, history=history,
                                                        errand=flowchart.errand))
            return kept[1]
        return rule_body


def menu_unit(kb: KnowledgeBase, j: Jurisdiction) -> Jurisdiction | None:
    """The provincial unit a place page's menu keeps open (the page's front matter `unit`); None for the
    nation, whose page lists every unit."""
    return None if j.level == "national" else kb.group_of(j)


def jurisdiction_page(kb: KnowledgeBase, j: Jurisdiction, served: list | None = None,
                      bodies: RuleBodies | None = None) -> str:
    """served: the places without a page of their own that this page serves (model.places.served_by);
    bodies: the rule sections rendered so far in this render (core_pages shares one)."""
    service_from = kb.service_for(j)
    here = urls.page(j)
    return render_page(
        "jurisdiction.md.j2", here, j=j, unit=menu_unit(kb, j), rules=kb.effective_rules(j), answer=short_answer(kb, j),
        rule_body=(bodies or RuleBodies()).for_page(here),
        ancestors=kb.ancestors(j), children=kb.children(j), claims=kb.claims_about(j),
        service=service_from.service if service_from else None,
        service_from=service_from if service_from is not j else None,
        served=served or [], provincial_names=kb.provincial_names,
        linked=TermLinker(kb.glossary, urls.Here(here)),
        milestones=[ms for ms in kb.milestones if ms.jurisdiction_id == j.id])


def check_page(kb: KnowledgeBase, j: Jurisdiction, bodies: RuleBodies | None = None) -> str:
    """The checker, the flowchart with its text version: a page of their own, so the jurisdiction page
    a reader opens first carries only the answer and the rules. The checker's answers are the place's
    questions (faq.Entry), each answered by the rule's section as on the place page (without earlier
    versions), in the order of the rules; with the place's 怎么办理 block once."""
    flow = build_flow(kb, j)
    entries = faq.jurisdiction_entries(kb, j)
    ends = {end.effective.rule.id: end for end in flow.ends.values() if end.effective}
    here = urls.check(j)
    service_from = flow.service_from
    return render_page(
        "check.md.j2", here, j=j, unit=menu_unit(kb, j), flow=flow, flow_svg=flowchart.svg(flow),
        question_terms=flowchart.question_terms(flow), answers=[(e, ends[e.rule.id]) for e in entries],
        rule_body=(bodies or RuleBodies()).for_page(here),
        linker=lambda: TermLinker(kb.glossary, urls.Here(here)),     # one per answer: each is read alone
        service=service_from.service if service_from else None,
        service_from=service_from if service_from is not j else None,
        faq_json_ld=faq.entries_json_ld(entries))


SOURCES_PER_PAGE = 40   # about 25 elements a source: a unit's sources pages stay under 1,400 elements


def source_groups(kb: KnowledgeBase) -> dict[str, list[list]]:
    """Provincial unit id → its sources (declared in its own file or its cities' files), in pages."""
    groups: dict[str, list] = {g.id: [] for g in kb.top_level()}
    national = next(iter(kb.jurisdictions.values()))      # display order starts with the nation
    for s in kb.sources.values():
        home = kb.jurisdictions.get(s.defined_in, national)     # a source of glossary.yaml: listed with the nation's
        groups[kb.group_of(home).id].append(s)
    return {g: [found[i:i + SOURCES_PER_PAGE] for i in range(0, len(found), SOURCES_PER_PAGE)] or [[]]
            for g, found in groups.items()}


def source_places(kb: KnowledgeBase) -> dict[str, tuple[str, int]]:
    """Source id → (unit, page number): where each source is listed."""
    return {s.id: (g, n) for g, parts in source_groups(kb).items() for n, part in enumerate(parts, 1) for s in part}


def sources_nav(kb: KnowledgeBase) -> dict:
    groups = source_groups(kb)
    entries = []
    for g in kb.top_level():
        pages = [urls.sources_group(g.id, n) for n in range(1, len(groups[g.id]) + 1)]
        entries.append({g.name: pages[0] if len(pages) == 1
                        else [pages[0]] + [{f"第 {n} 页": p} for n, p in enumerate(pages[1:], 2)]})
    return {"来源清单": [urls.SOURCES] + entries}


def off_nav(kb: KnowledgeBase) -> list[str]:
    """Pages reached from their place's page, not from the menu: a section per city would make every
    city page's menu heavier (the check page links back to its place)."""
    return [urls.check(j) for j in kb.jurisdictions.values()]


def sources_pages(kb: KnowledgeBase) -> dict[str, str]:
    """One sources page per provincial unit, and sources/ as their index.

    sources/ used to list every source (#src-<id>); the index sends such old links on to the page
    that lists the source now, so every address published before keeps working."""
    groups = source_groups(kb)          # render_pages has registered where each source is listed
    pages = {}
    for group_id, parts in groups.items():
        pager = [urls.sources_group(group_id, n) for n in range(1, len(parts) + 1)]
        for number, sources in enumerate(parts, 1):
            rows = [{"source": s, "rules": kb.rules_citing(s), "archived": kb.archived.get(s.url) if s.url else None,
                     "claims": [(c, kb.jurisdictions[c.jurisdiction_id]) for c in kb.claims_citing(s)]}
                    for s in sources]
            here = urls.sources_group(group_id, number)
            pages[here] = render_page("sources.md.j2", here, rows=rows, group=kb.jurisdictions[group_id],
                                      number=number, pager=pager, excerpts=kb.excerpts)
    index = [(kb.jurisdictions[g], sum(len(part) for part in parts)) for g, parts in groups.items()]
    moved = {urls.source_anchor(s.id): urls.href(urls.SOURCES, urls.source_page(s.id), urls.source_anchor(s.id))
             for parts in groups.values() for part in parts for s in part}
    pages[urls.SOURCES] = render_page("sources_index.md.j2", urls.SOURCES, groups=index, moved_json=script_json(moved))
    return pages


HOME_LINKS = 150   # the home page names every place while they fit; beyond that, the provinces (which list their cities)


def home_page(kb: KnowledgeBase) -> str:
    groups = [(j, kb.members(j)) for j in kb.top_level()]
    if len(kb.jurisdictions) > HOME_LINKS:
        groups = [(j, []) for j, _ in groups]
    return render_page("home.md.j2", urls.HOME, groups=groups, finder_json=finder_json(kb),
                       counts={j.id: len(kb.members(j)) for j in kb.top_level()})


def core_pages(kb: KnowledgeBase, reuse: tuple[set[str], dict[str, str]] | None = None) -> dict[str, str]:
    """Every jurisdiction page, the sources page and the home page: {page file: Markdown}.

    reuse (the live preview): ids of the places whose page and check page are known to be unchanged,
    and the last render's pages to take them from (pages.unchanged_places decides)."""
    served = served_by(kb)
    pages = sources_pages(kb)
    bodies = RuleBodies()
    kept, last = reuse or (set(), {})
    for j in kb.jurisdictions.values():
        if j.id in kept:
            pages[urls.page(j)], pages[urls.check(j)] = last[urls.page(j)], last[urls.check(j)]
            continue
        pages[urls.page(j)] = jurisdiction_page(kb, j, served.get(j.id), bodies)
        pages[urls.check(j)] = check_page(kb, j, bodies)
    pages[urls.HOME] = home_page(kb)
    return pages
