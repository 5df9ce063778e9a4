"""The core pages: one per jurisdiction, the sources page and the home page."""
from __future__ import annotations

from ..model import Jurisdiction, KnowledgeBase, urls
from ..model.flow import build_flow
from ..model.places import served_by
from ..model.vocabulary import CASH_ORDER
from . import faq, flowchart
from .finder import finder_json
from .markup import render_page


def cash_groups(kb: KnowledgeBase, j: Jurisdiction) -> dict[str, list]:
    """Effective rules grouped by whether they let the money out: 能 / 视情况 / 不能 / 未查明."""
    groups: dict[str, list] = {key: [] for key in CASH_ORDER}
    for effective in kb.effective_rules(j):
        groups[effective.rule.outcome.cash].append(effective)
    return groups


def jurisdiction_page(kb: KnowledgeBase, j: Jurisdiction, served: list | None = None) -> str:
    """served: the places without a page of their own that this page serves (model.places.served_by)."""
    flow = build_flow(kb, j)
    # The nearest cited contacts: the place's own, else its province's or the nation's.
    service_from = next((a for a in [j] + kb.ancestors(j) if a.service), None)
    entries = faq.jurisdiction_entries(kb, j)
    return render_page(
        "jurisdiction.md.j2", urls.page(j), j=j, rules=kb.effective_rules(j), groups=cash_groups(kb, j),
        ancestors=kb.ancestors(j), children=kb.children(j), claims=kb.claims_about(j),
        flow=flow, flow_svg=flowchart.svg(flow), flow_json=flowchart.data_json(flow),
        service=service_from.service if service_from else None,
        service_from=service_from if service_from is not j else None, faq_entries=entries,
        faq_json_ld=faq.entries_json_ld(entries), errand=flowchart.errand,
        served=served or [], provincial_names=kb.provincial_names)


def sources_page(kb: KnowledgeBase) -> str:
    rows = [{"source": s, "rules": kb.rules_citing(s), "archived": kb.archived.get(s.url) if s.url else None,
             "claims": [(c, kb.jurisdictions[c.jurisdiction_id]) for c in kb.claims_citing(s)]}
            for s in kb.sources.values()]
    return render_page("sources.md.j2", urls.SOURCES, rows=rows, excerpts=kb.excerpts)


def home_page(kb: KnowledgeBase) -> str:
    groups = [(j, kb.members(j)) for j in kb.top_level()]
    return render_page("home.md.j2", urls.HOME, groups=groups, finder_json=finder_json(kb))


def core_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every jurisdiction page, the sources page and the home page: {page file: Markdown}."""
    served = served_by(kb)
    pages = {urls.page(j): jurisdiction_page(kb, j, served.get(j.id)) for j in kb.jurisdictions.values()}
    pages[urls.SOURCES] = sources_page(kb)
    pages[urls.HOME] = home_page(kb)
    return pages
