"""The core pages: one per jurisdiction with its check page and its 办事清单 page (checklist.py), the
sources pages and the home page."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Jurisdiction, KnowledgeBase, urls
from ..model.entities import best_grade
from ..model.flow import build_flow
from ..model.errand import errand
from ..model.grid import Cell, cells_of
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


ONLY_THESE = "其他情形不能取现。"


@dataclass(frozen=True)
class Card:
    """One answer card at the top of a place page: a situation with a rule here (own or inherited), what
    happens, how sure we are. The situations without one share a card per kind (查过，未找到 / 未整理), so every
    situation of the vocabulary is answered and the cards stay within the first screen."""
    cells: tuple[Cell, ...]
    words: tuple[str, ...]      # the answer's parts, shown with separators (outcome … status, 沿用)
    href: str | None            # the section it opens: the rule's, else the research log; None if neither

    @property
    def cell(self) -> Cell:
        return self.cells[0]

    @property
    def cash_kind(self) -> str:
        return CASH[self.cell.rule.outcome.cash]["kind"] if self.cell.rule else "cash-none"


CARD_HOW_UNKNOWN = "本地办法未查到"     # a card's short form of HOW_UNKNOWN (its section says it in full)


def cards(kb: KnowledgeBase, j: Jurisdiction) -> tuple[Card, ...]:
    made, without = [], {}
    for cell in cells_of(kb, j):
        if cell.effective is not None:
            e = cell.effective      # the one-line answer's parts; the badge beside them says 待核实
            line = e.answer_line(short=True)
            # 付给本人 already says the money comes out: the cash word only where the payee does not say it
            outcome = None if cell.rule.outcome.cash == "能" and line.payee else line.outcome
            words = tuple(p for p in (outcome, line.payee, line.condition, line.status) if p)
            if e.inherited_from:                # the section says more (the note of how_unknown)
                words += (f"沿用{e.inherited_from.short_name}",) + ((CARD_HOW_UNKNOWN,) if e.how_unknown else ())
            made.append(Card((cell,), words, "#" + urls.rule_anchor(cell.situation.id)))
        else:
            without.setdefault(cell.researched, []).append(cell)
    for researched in (True, False):
        if researched in without:
            found = tuple(without[researched])
            made.append(Card(found, (found[0].answer(),), "#" + urls.RESEARCH_ANCHOR if researched else None))
    return tuple(made)


@dataclass(frozen=True)
class BriefAnswer:
    """A place page's 简要回答, decided here (the template only shows it)."""
    headline: str                                       # Markdown: the answer in one or two sentences
    cards: tuple[Card, ...]                             # one per situation of the vocabulary
    unverified: bool                                    # some rule rests on third-party sources only
    unsettled: bool                                     # some rule is marked possibly outdated or disputed


def brief_answer(kb: KnowledgeBase, j: Jurisdiction) -> BriefAnswer:
    rules = kb.effective_rules(j)
    groups = cash_groups(kb, j)
    ancestry = "、".join(md(a.name) for a in kb.ancestors(j))
    can = groups["能"] + groups["视情况"]
    if can and all(e.inherited_from for e in can) and j.level != "national":
        headline = f"**没有查到{md(j.short_name)}本地的取现规定**，按上级（{ancestry}）的规定只有下面几种情形能领取；{ONLY_THESE}"
    elif can:
        headline = f"**能，但只限下面几种情形**；{ONLY_THESE}"
    elif groups["未查明"]:
        headline = "**没有查到本地可以取现的规定**，下面是已查明的规定和仍未查明的问题。"
    elif rules:
        headline = "**不能取现。**"
    else:
        headline = "**本地区还没有整理出任何规定。**"
    return BriefAnswer(
        headline=headline, cards=cards(kb, j),
        unverified=any(e.rule.unverified for e in rules),
        unsettled=any(e.rule.status != CURRENT for e in rules))


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
                body = self.done[key] = self.render.page("_rule_body.md.j2", here, r=r, history=history)
            return body
        return rule_body


INSURED_PLACE = "参保地"     # the glossary term every place page quotes: the rules of where one is insured apply


@dataclass(frozen=True)
class InsuredPlace:
    """The line "按参保地的规定办": the glossary's cited definition of 参保地 and its grade. A reader who moved
    to her children's city reads her own city's page, not theirs. The template links the term's first use."""
    text: str          # plain text, for the page's glossary linker
    grade: str | None


def insured_place(kb: KnowledgeBase) -> InsuredPlace | None:
    term = next((t for t in kb.glossary if t.term == INSURED_PLACE), None)
    if term is None:
        return None
    return InsuredPlace(f"{INSURED_PLACE}：{term.definition}", best_grade(term.citations))


def errands(kb: KnowledgeBase, j: Jurisdiction, rules) -> dict:
    """Rule id → its errand in j (None where no money comes out)."""
    return {e.rule.id: errand(kb, j, e) for e in rules}


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
        errands=errands(kb, j, rules), insured_place=insured_place(kb),
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
        rule_body=(bodies or RuleBodies(render)).for_page(here), errands=errands(kb, j, kb.effective_rules(j)),
        linker=lambda: TermLinker(kb.glossary, render.urls.at(here)),     # one per answer: each is read alone
        service=service_from.service if service_from else None,
        service_from=service_from if service_from is not j else None,
        faq_json_ld=faq.entries_json_ld(entries), insured_place=insured_place(kb))


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
