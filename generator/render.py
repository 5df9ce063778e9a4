"""The core pages: one per jurisdiction, the sources page and the home page.

Templates are in templates/; escaping and links come from markup.py.
"""
from __future__ import annotations

from . import faq, flow
from .finder import finder_json
from .markup import HOME_PAGE, SOURCES_PAGE, environment, md_path, relative
from .model import Jurisdiction, KnowledgeBase

CASH_ORDER = ("能", "视情况", "不能", "未查明")


def cash_groups(kb: KnowledgeBase, j: Jurisdiction) -> dict[str, list]:
    """Effective rules grouped by whether they let the money out: 能 / 视情况 / 不能 / 未查明."""
    groups: dict[str, list] = {key: [] for key in CASH_ORDER}
    for effective in kb.effective_rules(j):
        groups[effective.rule.outcome.cash].append(effective)
    return groups


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every generated page: {path inside docs: Markdown text}."""
    env = environment()
    env.globals.update(faq=faq, flow_of=flow.build_flow, flow_svg=flow.svg, flow_json=flow.data_json)
    pages: dict[str, str] = {}
    for j in kb.jurisdictions.values():
        here = md_path(j)
        pages[here] = env.get_template("jurisdiction.md.j2").render(
            kb=kb, j=j, here=here, rules=kb.effective_rules(j), groups=cash_groups(kb, j),
            ancestors=kb.ancestors(j), children=kb.children(j),
            link=lambda target, here=here: relative(here, target), md_path=md_path,
            sources_page=SOURCES_PAGE)
    pages[SOURCES_PAGE] = env.get_template("sources.md.j2").render(
        kb=kb, link=lambda target: relative(SOURCES_PAGE, target), md_path=md_path)
    pages[HOME_PAGE] = env.get_template("home.md.j2").render(
        kb=kb, link=lambda target: relative(HOME_PAGE, target), md_path=md_path,
        groups_of=lambda j: cash_groups(kb, j), finder_json=finder_json(kb))
    return pages
