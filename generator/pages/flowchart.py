"""Drawing the flow of generator.model.flow, at build time:
- svg(): an inline SVG (no Mermaid, no script, no request to any host), CJK text wrapped here;
- the text equivalent is an ordered list in templates/_flow.md.j2, for screen readers and no-JS readers;
- the checker (templates/_flow.md.j2): every question and outcome in the page, which
  site_overrides/assets/checker.js shows one at a time; question_terms() feeds it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

from ..model import urls
from ..model.flow import START_TEXT, End, Flow
from ..model.vocabulary import CASH
from . import terms
from .markup import attr


# -- text measurement -----------------------------------------------------------------------------
# No font metrics at build time, so measure generously: a CJK or full-width character is
# 1 em in every CJK font; Latin letters are narrower than the widths given here.
FONT = 14           # px
LINE = 20           # px between baselines
PAD = 10            # px inside a box
_CLOSING = set("，。、；：？！）》」』”’,.;:?!)")
_OPENING = set("（《「『“‘(")


def char_em(c: str, bold: bool = False) -> float:
    if unicodedata.east_asian_width(c) in ("W", "F", "A"):
        return 1.0
    if c == " ":
        return 0.35
    em = 0.95 if c in "MWmw@%&" else 0.75 if c.isupper() else 0.62
    return em * 1.1 if bold else em


def text_width(text: str, bold: bool = False, size: int = FONT) -> float:
    return sum(char_em(c, bold) for c in text) * size


@lru_cache(maxsize=65536)     # the same outcome names and questions are drawn on hundreds of check pages
def wrap(text: str, width: float, bold: bool = False) -> list[str]:
    """Greedy line breaking that never exceeds width: Latin words kept whole when they fit,
    no line starts with closing punctuation and none ends with opening punctuation."""
    lines: list[str] = []
    current = ""
    for token in re.findall(r"[A-Za-z0-9]+|\s+|.", " ".join(text.split())):
        if text_width(current + token, bold) <= width:
            current += token
            continue
        if token.isspace():
            lines.append(current)
            current = ""
            continue
        keep = len(current) - 1 if token in _CLOSING else len(current)   # the comma takes a character down
        while keep > 0 and (current[keep - 1] in _OPENING                # an opening quote goes down too,
                            or current[keep:].lstrip()[:1] in _CLOSING):   # and what a closing mark follows
            keep -= 1
        if keep == 0 and not all(c in _OPENING for c in current):       # no better place: break here
            keep = len(current)
        if current[:keep]:
            lines.append(current[:keep])
        current = current[keep:]
        if text_width(current + token, bold) <= width:
            current += token
            continue
        for c in token:                                # a word longer than the line: break it
            if current and text_width(current + c, bold) > width:
                cut = len(current) - 1 if len(current) > 1 and current[-1] in _OPENING else len(current)
                lines.append(current[:cut])
                current = current[cut:]
            current += c
    if current or not lines:
        lines.append(current)
    return [line.strip() for line in lines]


# -- SVG --------------------------------------------------------------------------------------------
WIDTH = 320          # fits a phone screen without scaling
SPINE = 24           # x of the 否 line
YES_X = 120          # x of the 是 arrows
END_X = 48           # outcomes of a question sit right of the spine
GAP = 30             # length of an arrow
BOLD = ' font-weight="700"'
FLOW_TEXT = urls.FLOW_TEXT_ANCHOR   # the text version (templates/_flow.md.j2)
CONDITION_BOX = "条件："              # before a condition's question in its box
COLOURS = {          # fill, stroke; the words carry the meaning, colour only helps
    "question": ("#ffffff", "#00695c"),
    "start": ("#e0f2f1", "#00695c"),
    "cash-yes": ("#e6f4ea", "#0b6e2f"),
    "cash-maybe": ("#fff8e1", "#8a6d00"),
    "cash-no": ("#f3f3f3", "#555555"),
    "cash-unknown": ("#ffffff", "#555555"),
}


@dataclass(frozen=True)
class Box:
    node: str        # node id, or "start"
    x: float
    y: float
    w: float
    lines: tuple[tuple[str, bool], ...]   # (text, bold)
    kind: str        # key of COLOURS
    href: str | None = None

    @property
    def h(self) -> float:
        return 2 * PAD + LINE * len(self.lines)


def _box(node: str, x: float, y: float, w: float, parts: list[tuple[str, bool]], kind: str,
         href: str | None = None) -> Box:
    lines = tuple((line, bold) for text, bold in parts for line in wrap(text, w - 2 * PAD, bold))
    return Box(node, x, y, w, lines, kind, href)


def _end_parts(end: End) -> list[tuple[str, bool]]:
    parts = [(end.via, False)] if end.via else []
    parts.append((end.name, True))
    if end.effective:
        parts.append((end.grade_label, False))
    return parts


def layout(flow: Flow) -> tuple[list[Box], list[tuple[tuple[float, float], tuple[float, float], str]], float]:
    """Boxes, arrows ((x1, y1), (x2, y2), label) and the total height."""
    boxes: list[Box] = []
    arrows = []
    y = 4.0
    start = _box("start", 4, y, WIDTH - 8, [(START_TEXT, False)], "start")
    boxes.append(start)
    y += start.h
    for q in flow.questions:
        question = _box(q.id, 4, y + GAP, WIDTH - 8, [(q.label, True)], "question")
        arrows.append(((SPINE, y), (SPINE, question.y), ""))
        end = flow.ends[q.end]
        above = question
        boxes.append(question)
        if q.condition:       # asked next, right of the spine: 是 goes on down, 否 goes back to the spine
            condition = _box(q.condition.id, END_X, question.y + question.h + GAP, WIDTH - END_X - 4,
                             [(CONDITION_BOX + q.condition.label, True)], "question")
            arrows.append(((YES_X, question.y + question.h), (YES_X, condition.y), "是"))
            middle = condition.y + condition.h / 2
            arrows.append(((END_X, middle), (SPINE, middle), "否"))
            boxes.append(condition)
            above = condition
        outcome = _box(end.id, END_X, above.y + above.h + GAP, WIDTH - END_X - 4, _end_parts(end),
                       CASH[end.cash]["kind"], _rule_href(flow, end.effective.rule.id))
        arrows.append(((YES_X, above.y + above.h), (YES_X, outcome.y), "是"))
        boxes.append(outcome)
        y = outcome.y + outcome.h
        arrows.append(((SPINE, question.y + question.h), (SPINE, y), "否"))   # continues below
    final = flow.final
    last = _box(final.id, 4, y + GAP, WIDTH - 8, _end_parts(final), CASH[final.cash]["kind"],
                _rule_href(flow, final.effective.rule.id) if final.effective else f"#{FLOW_TEXT}")
    arrows.append(((SPINE, y), (SPINE, last.y), ""))
    boxes.append(last)
    return boxes, arrows, last.y + last.h + 4


def _rule_href(flow: Flow, rule_id: str) -> str:
    """The flow is shown on the jurisdiction's check page; its outcomes link to the rules on the main page."""
    j = flow.jurisdiction
    return urls.href(urls.check(j), urls.page(j), urls.rule_anchor(rule_id))


def svg(flow: Flow) -> str:
    """The flowchart as one line of inline SVG (one line: Markdown leaves a raw HTML block alone)."""
    boxes, arrows, height = layout(flow)
    name = flow.jurisdiction.name
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-svg" width="{WIDTH}" height="{height:g}" '
           f'viewBox="0 0 {WIDTH} {height:g}" role="group" aria-labelledby="flow-title" aria-describedby="flow-desc" '
           f'style="font-size:{FONT}px">',
           f'<title id="flow-title">{attr(name)}：医保个人账户的钱能不能取出来（流程图）</title>',
           '<desc id="flow-desc">从上往下逐个判断是否属于某种情形：是，就看右下方的结果（有条件的，先看条件：'
           '符合就看它下方的结果，不符合回到左边的线）；否，沿左边的线往下。'
           '同样内容的文字版在图的下方。</desc>',
           '<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto"><path d="M0,0L10,5L0,10z" fill="#444"/></marker></defs>']
    # Arrows are drawing only: a screen reader reads the boxes in order, and each outcome link says
    # which answer leads to it (aria-label, which keeps the visible words: WCAG 2.5.3).
    out.append('<g aria-hidden="true">')
    for (x1, y1), (x2, y2), label in arrows:
        marker = ' marker-end="url(#flow-arrow)"' if label != "否" else ""
        out.append(f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="#444" stroke-width="1.5"{marker}/>')
        if label and y1 == y2:        # a condition's 否, back to the spine: its word above the line
            out.append(f'<text x="{min(x1, x2) + 4:g}" y="{y1 - 4:g}" fill="#222" font-weight="700">{label}</text>')
        elif label:
            out.append(f'<text x="{x1 + 6:g}" y="{y1 + 19:g}" fill="#222" font-weight="700">{label}</text>')
    out.append('</g>')
    for box in boxes:
        fill, stroke = COLOURS[box.kind]
        dash = ' stroke-dasharray="5 3"' if box.kind == "cash-unknown" else ""
        rx = 14 if box.kind == "start" else 4
        shape = (f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}" rx="{rx}" '
                 f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>')
        spans = "".join(
            f'<tspan x="{box.x + PAD:g}" y="{box.y + PAD + 15 + i * LINE:g}"{BOLD if bold else ""}>'
            f'{attr(line)}</tspan>' for i, (line, bold) in enumerate(box.lines))
        text = f'<text fill="#222" data-node="{attr(box.node)}">{spans}</text>'
        group = f'<g class="flow-{attr(box.kind)}">{shape}{text}</g>'
        if box.href:
            end = flow.ends[box.node]
            # the box's lines exactly as drawn, run together as axe reads them: the visible words are always
            # part of the name (a line break drops a space; a "，" between parts made 2 boxes fail WCAG 2.5.3)
            words = "".join(line for line, _ in box.lines)
            name = words if end.final else f"是：{words}"
            group = f'<a href="{attr(box.href)}" aria-label="{attr(name)}">{group}</a>'
        out.append(group)
    out.append("</svg>")
    return "".join(out)


# -- the checker's outcomes ----------------------------------------------------------------------------
def question_terms(flow: Flow) -> dict[str, list]:
    """Question or condition id → the glossary terms its label (and a situation's question) use, as (the words
    used, term): the checker explains them where the question is asked."""
    def found(text: str) -> list:
        return [(match.group(), term) for match, term in terms.find(flow.glossary, text)]

    return {**{q.id: found(q.label + q.situation.question) for q in flow.questions},
            **{c.id: found(c.label) for c in flow.conditions}}
