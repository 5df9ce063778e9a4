"""The map agrees with the tables (issue 21 item 6): on every situation's map each provincial tile counts its
places' answers (能取出 3 个 · C …) exactly as the unit's comparison table does, on the real built site; its
accessible name starts with its visible lines in order (issue 23); the table under the map lists the places."""
from __future__ import annotations

import html as htmllib
import re
from collections import Counter, defaultdict

import pytest

from generator.model import urls
from generator.model.grid import situations_used
from generator.pages.flowchart import text_width
from generator.pages.map import FILL, PAD, TILE
from generator.model.vocabulary import CASH, MISSING, RESEARCHED

LABELS = [words["label"] for words in CASH.values()] + [RESEARCHED, MISSING]
KEY = {**{words["label"]: cash for cash, words in CASH.items()}, RESEARCHED: RESEARCHED, MISSING: MISSING}
TILE_LINK = re.compile(r'<a href="([^"]+)" aria-label="([^"]*)"><title>[^<]*</title><rect[^>]*fill="([^"]+)"[^>]*/>(.*?)</a>', re.S)
TEXT = re.compile(r'<text x="[^"]*" y="[^"]*" font-size="(\d+)"( font-weight="700")?[^>]*>([^<]*)</text>')
COUNT = re.compile(r"^(?P<label>.+?) (?P<n>\d+) 个(?: · (?P<grades>[ABC/~]+))?$")
CELL = re.compile(r'<span class="cmp-cell[^"]*" id="cell-(?P<place>[a-z0-9-]+?)-(?P<situation>[a-z-]+)" [^>]*>(?P<words>.*?)</span>'
                  r'(?: <span class="grade grade-(?P<grade>[ABC])")?')


def table_counts(built, situation: str) -> dict[str, Counter]:
    """Unit folder → Counter of (answer label, grade) over the unit's comparison table (all its pages)."""
    found: dict[str, Counter] = defaultdict(Counter)
    for page in (built / "compare/in").rglob("index.html"):
        unit = page.relative_to(built / "compare/in").parts[0]
        for m in CELL.finditer(page.read_text(encoding="utf-8")):
            if m["situation"] != situation:
                continue
            words = htmllib.unescape(re.sub(r"<[^>]+>", "", m["words"]))
            label = words.split(" · ", 1)[0]
            assert label in LABELS, (page, words)
            found[unit][(label, m["grade"])] += 1
    return found


@pytest.fixture(scope="module")
def views(built, kb):
    """Situation id → its map page's HTML."""
    pages = {}
    for path in (built / "map").rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        for s in situations_used(kb):
            if f'id="{urls.map_view_anchor(s.id)}"' in text:
                pages[s.id] = text
    assert set(pages) == {s.id for s in situations_used(kb)}
    return pages


def tiles_of(page: str) -> list[dict]:
    drawing = re.search(r'<svg[^>]*class="tile-map".*?</svg>', page, re.S).group(0)
    tiles = []
    for href, name, fill, body in TILE_LINK.findall(drawing):
        lines = [(htmllib.unescape(text), int(size), bool(bold)) for size, bold, text in TEXT.findall(body)]
        tiles.append({"href": href, "name": htmllib.unescape(name), "fill": fill, "lines": lines})
    assert len(tiles) == 31
    return tiles


def test_every_tile_counts_its_places_as_the_comparison_table_does(built, kb, views):
    relocated_payouts = 0
    for situation, page in views.items():
        tables = table_counts(built, situation)
        assert tables, situation
        for tile in tiles_of(page):
            unit = tile["href"].strip("./").split("/")[0]
            shown = Counter()
            grades = {}
            for text, _, _ in tile["lines"][1:-1]:          # the name first, the cities last
                m = COUNT.match(text)
                if m is None:
                    assert text == MISSING and unit not in tables, (situation, unit, text)
                    continue
                shown[m["label"]] += int(m["n"])
                grades[m["label"]] = m["grades"]
            expected = Counter()
            for (label, _), n in tables.get(unit, Counter()).items():
                expected[label] += n
            assert shown == expected, (situation, unit, shown, expected)
            for label, listed in grades.items():
                present = sorted({g for (l, g) in tables[unit] if l == label and g})
                words = ("/".join(present) if len(present) < 3 else present[0] + "~" + present[-1]) if present else None
                assert listed == words, (situation, unit, label)
            if situation == "relocated-retiree":
                relocated_payouts += shown[CASH["能"]["label"]]
            # the colour is the first answer in order that some place gives
            first = next((label for label in LABELS if shown[label]), MISSING)
            assert tile["fill"] == FILL[KEY[first]], (situation, unit)
    assert relocated_payouts >= 5          # 长沙, 深圳, 肇庆 … the provinces that hold them now say so


def test_tile_names_start_with_their_visible_lines_and_lines_fit(views):
    for situation, page in views.items():
        for tile in tiles_of(page):
            visible = "；".join(text for text, _, _ in tile["lines"])
            assert tile["name"].startswith(visible), (situation, tile["name"], visible)
            assert len(tile["lines"]) <= 5
            for text, size, bold in tile["lines"]:
                assert text_width(text, bold, size) <= TILE - 2 * PAD, (situation, text)


def test_the_table_lists_the_places_behind_each_count(views, kb):
    page = views["relocated-retiree"]
    start = page.index('id="' + urls.map_view_anchor("relocated-retiree") + '"')
    table = page[page.index("<table", start): page.index("</table>", start)]
    row = next(r for r in table.split("<tr>") if ">广东省</a>" in r)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", row))
    assert re.search(r"能取出 2 个：深圳（C(，日期不明)?）、肇庆（C(，[^）]+)?）", text), text
    assert 'href="../../guangdong/shenzhen/#relocated-retiree"' in row
