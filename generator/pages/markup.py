"""Writing Markdown from data: escaping, the one Jinja environment, and Render.page().

Everything from the data passes through the `md` filter (or `attr` inside HTML),
so text a maintainer typed is shown as text: it cannot open a tag, start a list
or become a link. The output is plain Markdown with a little inline HTML, so it
moves to another site engine unchanged. Every page is rendered by Render.page(),
which hands each template the address builder (`urls`, bound to the page), the
site's name (`site_name`) and the vocabulary; templates get prepared data and call no page code back.
Citations come from the one formatter in the model (Citation.text; Citation.describe() for plain
text: JSON-LD, feeds, the checker); the pieces every page repeats (badge, citation, footnote
references…) are in pieces.py.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jinja2

from ..model import urls as addresses
from ..model import vocabulary

TEMPLATES = Path(__file__).resolve().parent / "templates"
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


def script_json(value) -> str:
    """JSON safe inside <script>: no "<", ">" or "&" survives unescaped, so data cannot end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def claim_reviews(claims, site_name: str) -> str:
    """schema.org ClaimReview JSON-LD for verdicts on circulating claims, as one inline <script>:
    the claim text, the verdict word as the rating's alternateName, the claim's appearance where a URL
    is recorded, the site (site_name: mkdocs.yml's site_name) as author. Built with json and escaped like
    the FAQ JSON-LD (script_json)."""
    def review(c) -> dict:
        item = {"@type": "Claim"}
        if c.seen_in.url:
            item["appearance"] = {"@type": "CreativeWork", "url": c.seen_in.url, "headline": c.seen_in.title}
        if c.seen_in.date:
            item["datePublished"] = c.seen_in.date
        return {"@type": "ClaimReview", "claimReviewed": c.text, "inLanguage": "zh-CN",
                "reviewRating": {"@type": "Rating", "alternateName": c.verdict, "ratingExplanation": c.reasoning},
                "itemReviewed": item, "author": {"@type": "Organization", "name": site_name}}
    document = {"@context": "https://schema.org", "@graph": [review(c) for c in claims]}
    return f'<script type="application/ld+json">{script_json(document)}</script>'


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment every page template is rendered with: Markdown out, data escaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True,
                             comment_start_string="{##", comment_end_string="##}")  # {#id} is Markdown here
    env.filters.update(md=md, attr=attr)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # tojson: front matter values
    env.globals.update({name: getattr(vocabulary, name) for name in dir(vocabulary) if name.isupper()})
    from . import pieces        # imports md and attr from here
    env.globals.update(addresses=addresses, md=md, attr=attr, cash_sort_key=vocabulary.cash_sort_key,
                       claim_reviews=claim_reviews, pieces=pieces)
    # The shared pieces as a global `m`: each `{% import "_macros.md.j2" as m %}` costs a set difference
    # over every global, and the rule sections (rendered per rule) would pay it thousands of times.
    env.globals["m"] = env.get_template("_macros.md.j2").module
    return env


@dataclass(frozen=True)
class Render:
    """One render of the site: its addresses (urls.Urls, made from the data) and the site's name, passed
    to every page producer. Every page is rendered by Render.page()."""
    urls: addresses.Urls
    site_name: str
    site_url: str = ""       # mkdocs.yml site_url: 引用本条 texts give absolute addresses when it is set

    def cite(self, cell, edition) -> str:
        """The 引用本条 text of a place × situation cell (model.grid.Cell), as rules.csv gives it."""
        return cell.cite_as(self.site_name, self.site_url, edition)

    def page(self, template: str, here: str, **context) -> str:
        """Render one page file `here` from `template`, with the address builder bound to it."""
        return environment().get_template(template).render(
            here=here, urls=self.urls.at(here), site_name=self.site_name, **context)
