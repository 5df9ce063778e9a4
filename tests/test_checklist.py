"""The printed 办事清单 (pages/checklist.py) on the built site: one checklist per situation whose answer
lets money out at the place, in vocabulary order; each shows every material as a tick box and every
unknown once; its QR code decodes (zxing-cpp, as a phone reads it) to the address of the rule's section
on the place page, absolute when mkdocs.yml sets site_url; the page loads nothing from another host.
Printing them: test_checklist_browser.py."""
from __future__ import annotations

import dataclasses
import html
import re

import pytest
import zxingcpp

from generator.model import Statement
from helpers import SITE_NAME, errand, markdown_to_html, page_file, page_html, parse, render_place_pages, urls, with_text

SECTION = re.compile(r'<section class="checklist" id="([^"]+)">(.*?)</section>', re.S)
BOX = re.compile(r'<li><label><input type="checkbox">\s*(.*?)</label></li>', re.S)
UNKNOWN_LINE = re.compile(r'<p class="checklist-unknown"><strong>未查明</strong>：(.*?)</p>', re.S)
QR = re.compile(r'<svg role="img"[^>]*class="checklist-qr-code".*?</svg>', re.S)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def sections(page: str) -> dict[str, str]:
    found = SECTION.findall(page)
    assert len({sid for sid, _ in found}) == len(found), "a situation has two checklists"
    return dict(found)


def decode_qr(svg: str) -> str:
    """The text of an SVG QR code as segno draws it (one path of 1-module-high horizontal runs:
    M/m moves, h draws), rasterised 4 px a module with a white margin and read by zxing-cpp."""
    width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    dark = [[False] * width for _ in range(height)]
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([^MmHh]*)", re.search(r' d="([^"]+)"', svg).group(1)):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            for i in range(round(numbers[0])):
                dark[int(y)][int(x) + i] = True
            x += numbers[0]
        else:
            raise AssertionError(f"unexpected path command {command}")
    scale, margin = 4, 4
    rows = []
    for row in [[False] * width] * margin + dark + [[False] * width] * margin:
        line = bytes(0 if v else 255 for v in [False] * margin + row + [False] * margin for _ in range(scale))
        rows += [line] * scale
    image = memoryview(b"".join(rows)).cast("B", (len(rows), len(rows[0])))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, f"{len(found)} codes read"
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    return found[0].text


def claimable(kb, j) -> list:
    """(situation id, errand) of the rules that let money out at j, in vocabulary order."""
    order = [s.id for s in kb.situations]
    rules = sorted(kb.effective_rules(j), key=lambda e: order.index(e.rule.situation.id))
    return [(e.rule.situation.id, found) for e in rules if (found := errand(kb, j, e)) is not None]


def checklist_url(j) -> str:
    return urls.url(urls.checklist(j))


def test_every_place_has_a_checklist_page_with_one_section_per_claimable_situation(built, kb):
    """In vocabulary order, at the situation's anchor, titled 办事清单：<place> · <situation>; the page
    is off the menu (the check pages' way) and links back to its place."""
    for j in kb.jurisdictions.values():
        page = page_html(built, checklist_url(j))
        expected = claimable(kb, j)
        assert list(sections(page)) == [sid for sid, _ in expected], j.id
        names = {s.id: s.name for s in kb.situations}
        for sid, body in sections(page).items():
            assert f"<h2>办事清单：{j.name} · {names[sid]}</h2>" in body, (j.id, sid)
        assert f'<p class="checklist-screen"><a href="../">← {j.name}各情形的规定</a></p>' in page, j.id
    assert "changsha" in {j.id for j in kb.jurisdictions.values()}


def test_changsha_relocated_retiree_and_xuchang_death_say_what_the_rule_says(built, kb):
    changsha = sections(page_html(built, checklist_url(kb.jurisdictions["changsha"])))["relocated-retiree"]
    assert "参保人身份证复印件" in text(changsha)
    assert "参保归属地政务中心医保窗口" in text(changsha)
    assert "证据等级 C（仅有第三方说法，待核实）" in text(changsha)
    assert "核对日期 2026-11-23" in text(changsha)
    xuchang = sections(page_html(built, checklist_url(kb.jurisdictions["xuchang"])))["death"]
    assert "要带的材料" in UNKNOWN_LINE.search(xuchang).group(1)       # nobody found what to bring
    assert "checkbox" not in xuchang
    assert "沿用全国的规定" in text(xuchang)


def test_every_material_is_a_tick_box_and_every_unknown_is_named_once(built, kb):
    """From model.errand, the one home of these facts: the materials in order as tick boxes, nothing
    else ticked; one 未查明 line naming each unknown once (none when nothing is unknown); the answer,
    grade, status and date checked of the rule; no footnote numbers (paper): the address instead."""
    checked = 0
    for j in kb.jurisdictions.values():
        found = sections(page_html(built, checklist_url(j)))
        for sid, e in claimable(kb, j):
            body = found[sid]
            assert [text(b) for b in BOX.findall(body)] == [" ".join(m.text.split()) for m in e.materials], (j.id, sid)
            assert body.count('type="checkbox"') == len(e.materials)
            lines = UNKNOWN_LINE.findall(body)
            if e.unknown:
                assert len(lines) == 1, (j.id, sid, lines)
                assert text(lines[0]).split("、") == list(e.unknown), (j.id, sid)
            else:
                assert not lines
            assert body.count("未查明</strong>") == len(lines)
            shown = text(body)
            r = e.rule
            assert " ".join(e.effective.answer_line().text.split()) in shown
            assert f"证据等级 {r.evidence}" in shown and f"核对日期 {r.last_verified}" in shown
            for fact in e.contacts + e.arrangements:
                assert f"{fact.title}：{' '.join(fact.statement.text.split())}" in shown, (j.id, sid, fact.title)
            for p in e.where + e.channels:
                assert f"{p.type}：{' '.join(p.name.split())}" in shown
            assert 'class="cite"' not in body and "<sup" not in body
            assert "依据见网页：" + urls.url(urls.page(j), urls.rule_anchor(sid)) in shown
            checked += 1
    assert checked >= 50, checked


def test_each_qr_code_decodes_to_the_rule_on_the_place_page(built, kb):
    """Read as a phone reads it; the address leads to the rule's section, which the place page has."""
    decoded = 0
    for j in kb.jurisdictions.values():
        place_ids = parse(page_file(built, urls.url(urls.page(j)))).ids
        for sid, body in sections(page_html(built, checklist_url(j))).items():
            codes = QR.findall(body)
            assert len(codes) == 1, (j.id, sid)
            address = decode_qr(codes[0])
            assert address == urls.url(urls.page(j), urls.rule_anchor(sid)), (j.id, sid, address)
            assert sid in place_ids
            decoded += 1
    assert decoded >= 50, decoded


def test_with_site_url_the_address_and_qr_code_are_absolute(kb):
    """As 引用本条 (Cell.cite_as): mkdocs.yml's site_url makes the printed address absolute."""
    site = "https://example.org/yibao/"
    page = markdown_to_html(render_place_pages(kb, SITE_NAME, {"changsha"}, site_url=site)["hunan/changsha/checklist/index.md"])
    body = sections(page)["relocated-retiree"]
    assert decode_qr(QR.search(body).group(0)) == site + "hunan/changsha/#relocated-retiree"
    assert "依据见网页：" + site + "hunan/changsha/#relocated-retiree" in text(body)


def test_nothing_to_apply_for_says_so_and_links_back(kb):
    """A place where no situation lets money out: no checklist, a sentence saying why, the way back."""
    no = next(o for o in kb.outcomes if o.cash == "不能")
    jurisdictions = {jid: dataclasses.replace(j, rules=tuple(dataclasses.replace(r, outcome=no) for r in j.rules))
                     for jid, j in kb.jurisdictions.items()}
    closed = dataclasses.replace(kb, jurisdictions=jurisdictions)
    page = render_place_pages(closed, SITE_NAME, {"changsha"})["hunan/changsha/checklist/index.md"]
    assert "<section" not in page and "checklist.js" not in page
    assert "没有哪种情形可以申请领取" in page
    assert "](../index.md)" in page


RESOURCE_ATTRIBUTES = {"src", "href", "srcset", "data", "poster", "xlink:href", "action"}


def test_a_checklist_page_loads_nothing_from_another_host(built, kb):
    """Every resource (stylesheet, script, image, icon …) is the site's own; the checklists themselves link
    nowhere else (the sources are on the place page, not on paper)."""
    from html.parser import HTMLParser

    class Resources(HTMLParser):
        def __init__(self):
            super().__init__()
            self.foreign: list[str] = []

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if tag == "a" and name == "href":       # a link is followed by the reader, not loaded
                    continue
                if name in RESOURCE_ATTRIBUTES and value and re.match(r"(?i)\s*(https?:)?//", value):
                    self.foreign.append(f"<{tag} {name}={value}>")

    for j in kb.jurisdictions.values():
        page = page_html(built, checklist_url(j))
        parser = Resources()
        parser.feed(page)
        assert not parser.foreign, (j.id, parser.foreign)
        assert not re.search(r"(?i)url\(\s*['\"]?(https?:)?//", page), j.id
        assert not any(re.search(r"(?i)(https?:)?//", body) for body in sections(page).values()), j.id


def test_data_text_stays_text_on_the_checklist(kb):
    """Raw HTML on the page (the checklists are not Markdown): data text is escaped, never markup."""
    hostile = '<b>粗</b> *星* [链](https://example.org/) </section><script>alert(1)</script> & “引号”'
    changed = with_text(kb, "changsha", "relocated-retiree",
                        lambda r: dataclasses.replace(r, materials=(Statement(hostile, (1,)),),
                                                      where=(dataclasses.replace(r.where[0], name=hostile),)))
    page = markdown_to_html(render_place_pages(changed, SITE_NAME, {"changsha"})["hunan/changsha/checklist/index.md"])
    body = sections(page)["relocated-retiree"]
    assert [text(b) for b in BOX.findall(body)] == [hostile]
    assert f"窗口：{hostile}" in text(body)
    assert "<b>" not in page and "<script>alert" not in page and 'href="https://example.org/"' not in page
