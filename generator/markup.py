"""Writing Markdown from data: escaping, links between pages, and the Jinja environment.

Everything from the data passes through the `md` filter (or `attr` inside HTML),
so text a maintainer typed is shown as text: it cannot open a tag, start a list
or become a link. The output is plain Markdown with a little inline HTML, so it
moves to another site engine unchanged. Every page module renders through here.
"""
from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from . import links
from .export import CLAIMS_URL, claim_anchor, rule_anchor, source_anchor
from .model import GRADE_TEXT, SOURCE_CLASSES, Jurisdiction

TEMPLATES = Path(__file__).resolve().parent / "templates"
SOURCES_PAGE = "sources.md"
HOME_PAGE = "index.md"
CLAIMS_PAGE = CLAIMS_URL + "index.md"
CLASS_TEXT = {code: word for word, code in SOURCE_CLASSES.items()}   # official → 官方, as maintainers write it
LEVEL_TEXT = {"national": "全国", "province": "省", "city": "市"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@lru_cache(maxsize=65536)      # the same names and labels recur on hundreds of pages
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


def environment() -> jinja2.Environment:
    """The Jinja environment every page template is rendered with: Markdown out, data escaped."""
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
    return env


@lru_cache(maxsize=65536)      # pages link to the same few targets: compute each path once
def relative(from_md: str, to_md: str) -> str:
    """Link from one Markdown file to another, as MkDocs (and any engine) resolves it."""
    return posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")
