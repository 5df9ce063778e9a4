"""The printed 办事清单: one page per place (urls.checklist), one checklist per situation whose answer there
lets money out (能 / 视情况), each fitting one A4 sheet, to take to the window.

Every fact on it is the errand's (model.errand: materials, where, contacts, arrangements, what is 未查明)
and the rule's (its one-line answer, grade, status word, the date it was checked): the place page shows the
same from the same home. Paper has no footnotes: each checklist names the address of the rule's section on
the place page (absolute when mkdocs.yml sets site_url, as 引用本条 does), where its sources are, and
carries it as a QR code drawn here at build time (segno, inline SVG: no request to any other host).

The page's styles (site_overrides/assets/checklist.css) print each checklist on a page of its own and hide
the site around it; site_overrides/assets/checklist.js (which holds no text) shows only the checklist the
address names (#<situation id> or ?s=<situation id>), so printing gives that one, and wires its 打印 button.
"""
from __future__ import annotations

from dataclasses import dataclass

import segno

from ..model import Jurisdiction, KnowledgeBase, urls
from ..model.entities import Situation
from ..model.errand import Errand, errand
from ..model.vocabulary import GRADE_TEXT, STATUS_TEXT
from .markup import Render, attr

CURRENT_WORD = "现行"          # the status word of a rule nobody marked (as model.grid.Cell.status_name)


@dataclass(frozen=True)
class Checklist:
    """One situation's checklist at one place, decided here (the template only shows it)."""
    situation: Situation
    errand: Errand
    answer: str                  # the rule's one-line answer
    grade: str                   # A / B / C
    grade_words: str             # the grade in words (GRADE_TEXT; C says 待核实)
    status: str                  # 现行 / 可能已过时 / 说法矛盾 / 日期不明 / …
    checked: str                 # the rule's last_verified: 核对日期
    inherited_from: Jurisdiction | None
    address: str                 # the rule's section on the place page: absolute under site_url when set
    qr: str                      # that address as a QR code, inline SVG with its text alternative

    @property
    def places(self):
        """Where to apply: the rule's own places, else the office's channels."""
        return self.errand.where + self.errand.channels


def qr_svg(address: str) -> str:
    """The address as a QR code (regular, not Micro: every phone reads it), inline SVG scaled by CSS,
    with the address as its text alternative. Same address, same bytes."""
    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="checklist-qr-code", lineclass=None)
    assert svg.startswith("<svg "), svg[:20]
    return f'<svg role="img" aria-label="{attr("二维码：" + address)}" ' + svg[len("<svg "):]


def checklists(kb: KnowledgeBase, j: Jurisdiction, site_url: str = "") -> list[Checklist]:
    """The checklists of place j, in vocabulary order: one per situation whose answer there lets money out."""
    order = {s.id: n for n, s in enumerate(kb.situations)}
    found = []
    for effective in sorted(kb.effective_rules(j), key=lambda e: order.get(e.rule.situation.id, len(order))):
        e = errand(kb, j, effective)
        if e is None:
            continue
        r = effective.rule
        address = urls.absolute(site_url, urls.url(urls.page(j), urls.rule_anchor(r.situation.id)))
        found.append(Checklist(
            situation=r.situation, errand=e, answer=effective.answer_line().text, grade=r.evidence,
            grade_words=GRADE_TEXT[r.evidence], status=STATUS_TEXT.get(r.status, CURRENT_WORD),
            checked=r.last_verified, inherited_from=effective.inherited_from, address=address,
            qr=qr_svg(address)))
    return found


def checklist_page(kb: KnowledgeBase, render: Render, j: Jurisdiction, unit: Jurisdiction | None) -> str:
    """unit: the provincial unit the page's menu keeps open (jurisdiction.menu_unit), as on the place page."""
    here = urls.checklist(j)
    return render.page("checklist.md.j2", here, j=j, unit=unit,
                       checklists=checklists(kb, j, render.site_url), query=urls.CHECKLIST_QUERY)
