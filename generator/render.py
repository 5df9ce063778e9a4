"""Markdown pages from the model, through the Jinja templates in templates/.

Everything from the data passes through the `md` filter, so text a maintainer
typed is shown as text: it cannot open a tag, start a list or become a link.
The output is plain Markdown with a little inline HTML, so it moves to another
site engine unchanged.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import jinja2

from . import faq, links
from .export import CLAIMS_URL, claim_anchor, rule_anchor, source_anchor
from .finder import finder_json
from .model import GRADE_TEXT, Jurisdiction, KnowledgeBase

TEMPLATES = Path(__file__).resolve().parent / "templates"
SOURCES_PAGE = "sources.md"
HOME_PAGE = "index.md"
CLAIMS_PAGE = CLAIMS_URL + "index.md"
CLASS_TEXT = {"official": "官方", "media": "媒体", "third-party": "第三方"}
LEVEL_TEXT = {"national": "全国", "province": "省", "city": "市"}
CASH_ORDER = ("能", "视情况", "不能", "未查明")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md(value) -> str:
    """Data text → Markdown that renders as exactly that text."""
    text = html.escape(str(value), quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = text.replace("~", "&#126;")   # Python-Markdown cannot backslash-escape ~ (it shows the backslash)
    return " ".join(text.split())      # one line: a newline in data cannot start a block


def attr(value) -> str:
    return html.escape(" ".join(str(value).split()), quote=True)


def md_path(j: Jurisdiction) -> str:
    return j.page_path + "index.md"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True,
                             comment_start_string="{##", comment_end_string="##}")  # {#id} is Markdown here
    env.filters["md"] = md
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # tojson: front matter values
    env.filters["attr"] = attr
    env.globals["archived_url"] = links.archived_url      # data/known-dead-urls.yaml
    env.globals.update(GRADE_TEXT=GRADE_TEXT, CLASS_TEXT=CLASS_TEXT, LEVEL_TEXT=LEVEL_TEXT,
                       rule_anchor=rule_anchor, source_anchor=source_anchor,
                       claim_anchor=claim_anchor, CLAIMS_PAGE=CLAIMS_PAGE)
    env.globals["faq"] = faq
    from . import flow   # imported here: flow.py reuses this module's escaping
    env.globals.update(flow_of=flow.build_flow, flow_svg=flow.svg, flow_json=flow.data_json)
    return env


def relative(from_md: str, to_md: str) -> str:
    """Link from one Markdown file to another, as MkDocs (and any engine) resolves it."""
    return posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")


def cash_groups(kb: KnowledgeBase, j: Jurisdiction) -> dict[str, list]:
    """Effective rules grouped by whether they let the money out: 能 / 视情况 / 不能 / 未查明."""
    groups: dict[str, list] = {key: [] for key in CASH_ORDER}
    for effective in kb.effective_rules(j):
        groups[effective.rule.outcome.cash].append(effective)
    return groups


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every generated page: {path inside docs: Markdown text}."""
    env = _environment()
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
