"""The core pages: one per jurisdiction with its check page and its 办事清单 page (checklist.py), the
sources pages and the home page."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import EffectiveRule, Jurisdiction, KnowledgeBase, urls
from ..model.flow import build_flow
from ..model.grid import Cell
from ..model.places import served_by
from ..model.vocabulary import CASH, CASH_ORDER, CURRENT
from . import faq, flowchart
from .checklist import checklist_page
from .finder import finder_json
from .markup import Render, md, script_json
from .terms import TermLinker


def cash_groups(kb: KnowledgeBase, j: Jurisdiction) -> dict[str, list]:
    """Effective rules grouped by whether they let the money out: 能 / 视情况 / 不能 / 未查明."""
    groups: dict[str, list] = {key: [] for key in CASH_ORDER}
    for effective in kb.effective_rules(j):
        groups[effective.rule.outcome.cash].append(effective)
    return groups


ONLY_THESE = "其他情形下，个人账户的钱只能按规定用于看病、购药等，不能取现。"


@dataclass(frozen=True)
class BriefAnswer:
    """A place page's 简要回答, decided here (the template only shows it)."""
    headline: str                                       # Markdown: the answer in one or two sentences
    by_cash: tuple[tuple[str, tuple[EffectiveRule, ...]], ...]   # (CASH answer words, its rules), in CASH order
    unverified: bool                                    # some rule rests on third-party sources only
    unsettled: bool                                     # some rule is marked possibly outdated or disputed
    inherited: int                                      # how many rules come from above
    ancestry: str                                       # Markdown: the levels above, nearest first (湖南省、国家)


def brief_answer(kb: KnowledgeBase, j: Jurisdiction) -> BriefAnswer:
    rules = kb.effective_rules(j)
    groups = cash_groups(kb, j)
    ancestry = "、".join(md(a.name) for a in kb.ancestors(j))
    can = groups["能"] + groups["视情况"]
    if can and all(e.inherited_from for e in can) and j.level != "national":
        headline = (f"**没有查到{md(j.short_name)}本地关于取现的专门规定。** 按上级（{ancestry}）的一般规定，"
                    f"只有下面几种情形可以领取余额；{ONLY_THESE}")
    elif can:
        headline = f"**能，但只限下面几种情形**；{ONLY_THESE}"
    elif groups["未查明"]:
        headline = "**没有查到本地可以取现的规定。** 下面列出已查明的规定和仍未查明的问题。"
    elif rules:
        headline = "**不能取现。**"
    else:
        headline = "**本地区还没有整理出任何规定。**"
    return BriefAnswer(
        headline=headline,
        by_cash=tuple((CASH[cash]["answer"], tuple(groups[cash])) for cash in CASH if groups[cash]),
        unverified=any(e.rule.unverified for e in rules),
        unsettled=any(e.rule.status != CURRENT for e in rules),
        inherited=sum(1 for e in rules if e.inherited_from), ancestry=ancestry)


class RuleBodies:
    """Each rule's section below its heading (_rule_body.md.j2), rendered once and shared by every page
    showing the rule: a province's rule appears on each of its cities' pages, the nation's on every page.
    The section links only to the sources pages and to its own anchors, so its text depends on the rule
    and on the page's relative path to the sources pages, nothing else. One instance per render."""

    def __init__(self, render: Render):
        self.render = render
        self.done: dict[tuple, str] = {}

    def for_page(self, here: str):
        """The template's rule_body(r) for page file `here`."""
        to_sources = urls.link(here, urls.SOURCES)

        def rule_body(r, history: bool = True) -> str:
            """history: with the folded earlier versions (where the rule is written)."""
            key = (r, to_sources, history)          # the rule itself (frozen, compared by value), not its id()
            body = self.done.get(key)
            if body is None:
                body = self.done[key] = self.render.page("_rule_body.md.j2", here, r=r, history=history,
                                                         errand=flowchart.errand)
            return body
        return rule_body


def menu_unit(kb: KnowledgeBase, j: Jurisdiction) -> Jurisdiction | None:
    """The provincial unit a place page's menu keeps open (the page's front matter `unit`); None for the
    nation, whose page lists every unit."""
    return None if j.level == "national" else kb.group_of(j)


def jurisdiction_page(kb: KnowledgeBase, render: Render, j: Jurisdiction, served: list | None = None,
                      bodies: RuleBodies | None = None) -> str:
    """served: the places without a page of their own that this page serves (model.places.served_by);
    bodies: the rule sections rendered so far in this render (core_pages shares one)."""
    service_from = kb.service_for(j)
    here = urls.page(j)
    rules = kb.effective_rules(j)
    return render.page(
        "jurisdiction.md.j2", here, j=j, unit=menu_unit(kb, j), rules=rules, answer=brief_answer(kb, j),
        cite_as={e.rule.id: render.cite(Cell(j, e.rule.situation, e), kb.edition) for e in rules},
        rule_body=(bodies or RuleBodies(render)).for_page(here),
        ancestors=kb.ancestors(j), children=kb.children(j), claims=kb.claims_about(j),
        service=service_from.service if service_from else None,
        service_from=service_from if service_from is not j else None,
        served=served or [], provincial_names=kb.provincial_names,
        linked=TermLinker(kb.glossary, render.urls.at(here)),
        milestones=[ms for ms in kb.milestones if ms.jurisdiction_id == j.id], situations=kb.situations)


def check_page(kb: KnowledgeBase, render: Render, j: Jurisdiction, bodies: RuleBodies | None = None) -> str:
    """The checker, the flowchart with its text version: a page of their own, so the jurisdiction page
    a reader opens first carries only the answer and the rules. The checker's answers are the place's
    questions (faq.Entry), each answered by the rule's section as on the place page (without earlier
    versions), in the order of the rules; with the place's 怎么办理 block once."""
    flow = build_flow(kb, j)
    entries = faq.jurisdiction_entries(kb, j)
    ends = {end.effective.rule.id: end for end in flow.ends.values() if end.effective}
    here = urls.check(j)
    service_from = flow.service_from
    return render.page(
        "check.md.j2", here, j=j, unit=menu_unit(kb, j), flow=flow, flow_svg=flowchart.svg(flow),
        question_terms=flowchart.question_terms(flow), answers=[(e, ends[e.rule.id]) for e in entries],
        rule_body=(bodies or RuleBodies(render)).for_page(here),
        linker=lambda: TermLinker(kb.glossary, render.urls.at(here)),     # one per answer: each is read alone
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
    city page's menu heavier (the check page and the 办事清单 page link back to their place)."""
    return [page for j in kb.jurisdictions.values() for page in (urls.check(j), urls.checklist(j))]


def sources_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    """One sources page per provincial unit, and sources/ as their index.

    sources/ used to list every source (#src-<id>); the index sends such old links on to the page
    that lists the source now, so every address published before keeps working."""
    groups = source_groups(kb)          # as in render.urls, made from source_places(kb)
    pages = {}
    for group_id, parts in groups.items():
        pager = [urls.sources_group(group_id, n) for n in range(1, len(parts) + 1)]
        for number, sources in enumerate(parts, 1):
            rows = [{"source": s, "rules": kb.rules_citing(s), "archived": kb.archived.get(s.url) if s.url else None,
                     "claims": [(c, kb.jurisdictions[c.jurisdiction_id]) for c in kb.claims_citing(s)]}
                    for s in sources]
            here = urls.sources_group(group_id, number)
            pages[here] = render.page("sources.md.j2", here, rows=rows, group=kb.jurisdictions[group_id],
                                      number=number, pager=pager, excerpts=kb.excerpts)
    index = [(kb.jurisdictions[g], sum(len(part) for part in parts)) for g, parts in groups.items()]
    moved = {urls.source_anchor(s.id): urls.href(urls.SOURCES, render.urls.source_page(s.id), urls.source_anchor(s.id))
             for parts in groups.values() for part in parts for s in part}
    pages[urls.SOURCES] = render.page("sources_index.md.j2", urls.SOURCES, groups=index, moved_json=script_json(moved))
    return pages


HOME_LINKS = 150   # the home page names every place while they fit; beyond that, the provinces (which list their cities)


def home_page(kb: KnowledgeBase, render: Render) -> str:
    groups = [(j, kb.members(j)) for j in kb.top_level()]
    if len(kb.jurisdictions) > HOME_LINKS:
        groups = [(j, []) for j, _ in groups]
    return render.page("home.md.j2", urls.HOME, groups=groups, finder_json=finder_json(kb),
                       counts={j.id: len(kb.members(j)) for j in kb.top_level()})


def core_pages(kb: KnowledgeBase, render: Render, reuse: tuple[set[str], dict[str, str]] | None = None,
               only: set[str] | None = None) -> dict[str, str]:
    """Every jurisdiction page, the sources page and the home page: {page file: Markdown}.

    reuse (the live preview): ids of the places whose pages (place, check, 办事清单) are known to be unchanged,
    and the last render's pages to take them from (pages.unchanged_places decides).
    only: the ids of the places whose pages are wanted (with the sources pages; no home page)."""
    served = served_by(kb)
    pages = sources_pages(kb, render)
    bodies = RuleBodies(render)
    kept, last = reuse or (set(), {})
    for j in kb.jurisdictions.values():
        if only is not None and j.id not in only:
            continue
        if j.id in kept:
            for page in (urls.page(j), urls.check(j), urls.checklist(j)):
                pages[page] = last[page]
            continue
        pages[urls.page(j)] = jurisdiction_page(kb, render, j, served.get(j.id), bodies)
        pages[urls.check(j)] = check_page(kb, render, j, bodies)
        pages[urls.checklist(j)] = checklist_page(kb, render, j, menu_unit(kb, j))
    if only is None:
        pages[urls.HOME] = home_page(kb, render)
    return pages
