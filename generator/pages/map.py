"""The map page (map/): a tile-grid map of the 31 provincial-level units, one view per situation.

Each unit is one square, placed roughly where it lies (GRID, written by hand: no boundary data).
A tile says how the unit's places (the unit itself and its cities with a file: the rows of its comparison
table) answer in the view's situation — "能取出 3 个 · C" per answer, with the grades of those rules —
counted from the grid the comparison tables use (model.grid via compare.units and compare.label_key), so
the map cannot disagree with the tables. Its colour is the best answer some place gives (CASH order: 能
first, then 视情况 …, 查过，未找到, 未整理). Units without a file say 未整理. Every view is a section of its
own with the SVG drawn at build time, a download of the same SVG, and a table listing the places behind
each count, so the page reads without JavaScript and colour never carries meaning alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import KnowledgeBase, Situation, urls
from ..model.places import MUNICIPALITY_KIND, covered_count
from ..model.grid import grid
from ..model.vocabulary import CASH, MISSING, RESEARCHED, STATUS_TEXT
from .compare import LABELS, label_key, situations_used, units
from .markup import Render, attr

MAP_TITLE = "地图"

# Column, row and label of each provincial-level unit, west→east and north→south.
GRID = {
    "heilongjiang": (7, 0, "黑龙江"),
    "xinjiang": (0, 1, "新疆"), "neimenggu": (3, 1, "内蒙古"), "beijing": (4, 1, "北京"),
    "tianjin": (5, 1, "天津"), "liaoning": (6, 1, "辽宁"), "jilin": (7, 1, "吉林"),
    "gansu": (1, 2, "甘肃"), "ningxia": (2, 2, "宁夏"), "shanxi": (3, 2, "山西"), "hebei": (4, 2, "河北"),
    "shandong": (5, 2, "山东"),
    "qinghai": (1, 3, "青海"), "shaanxi": (2, 3, "陕西"), "henan": (3, 3, "河南"), "anhui": (4, 3, "安徽"),
    "jiangsu": (5, 3, "江苏"), "shanghai": (6, 3, "上海"),
    "xizang": (0, 4, "西藏"), "sichuan": (1, 4, "四川"), "chongqing": (2, 4, "重庆"), "hubei": (3, 4, "湖北"),
    "jiangxi": (4, 4, "江西"), "zhejiang": (5, 4, "浙江"),
    "yunnan": (1, 5, "云南"), "guizhou": (2, 5, "贵州"), "hunan": (3, 5, "湖南"), "fujian": (4, 5, "福建"),
    "guangxi": (2, 6, "广西"), "guangdong": (3, 6, "广东"),
    "hainan": (3, 7, "海南"),
}

# Fill of each answer; text on every tile is #1a1a1a, at least 10:1 against each fill (≥ 4.5:1 required).
# Tiles without a rule are white with a dashed (查过) or dotted (未整理) border: the word says which.
FILL = {"能": "#a8dab5", "视情况": "#fde293", "不能": "#f6aea9", "未查明": "#d9d9d9",
        RESEARCHED: "#ffffff", MISSING: "#ffffff"}
DASH = {RESEARCHED: "6 3", MISSING: "2 3"}
INK = "#1a1a1a"
TILE, GAP, PAD = 120, 4, 8
COUNT_FONT = 10         # px: "不能取现 3 个 · A/C" fits a tile
LINE = 17               # px between a tile's lines: its name and up to three answers, then its cities
LEGEND_HEIGHT = 90      # under the grid: the legend, three words a line
BOLD = ' font-weight="700"'


@dataclass(frozen=True)
class Placed:
    """One place of a unit in the view's situation, as the unit's comparison table has it (model.grid)."""
    name: str            # short name
    page: str            # page file: the rule, the research log or the place
    anchor: str | None
    grade: str | None
    inherited: str | None    # short name of the level the rule is inherited from
    status: str | None = None   # the status word of a rule that is not current (never shown as settled)


@dataclass(frozen=True)
class Count:
    """How many of a unit's places give one answer, and the grades of their rules."""
    answer: str          # a CASH word, RESEARCHED or MISSING (compare.LABELS' keys)
    places: tuple[Placed, ...]

    @property
    def label(self) -> str:
        return LABELS[self.answer]

    @property
    def grades(self) -> tuple[str, ...]:
        return tuple(sorted({p.grade for p in self.places if p.grade}))

    @property
    def line(self) -> str:
        """能取出 3 个 · B/C (A~C for all three): the tile's line for this answer."""
        g = self.grades
        grades = f" · {'/'.join(g) if len(g) < 3 else g[0] + '~' + g[-1]}" if g else ""
        return f"{self.label} {len(self.places)} 个{grades}"


@dataclass(frozen=True)
class Tile:
    id: str
    name: str            # official name (四川省) or the grid label when unknown
    short: str
    col: int
    row: int
    counts: tuple[Count, ...]   # the unit's places (itself and its cities) by answer, most money first
    # “已整理 2 市” / “直辖市”: it starts with a character, not a digit, so that axe's reading of the visible
    # text ("· C" then "2") keeps its words apart as the accessible name does (label-content-name-mismatch)
    cities: str
    page: str            # page file the tile links to

    @property
    def answer(self) -> str:
        """The colour's answer: the first in CASH order that some place of the unit gives (MISSING for none)."""
        return self.counts[0].answer if self.counts else MISSING

    def lines(self) -> list[tuple[str, int, bool]]:
        """What the tile shows, line by line: (text, font size, bold)."""
        answers = [(c.line, COUNT_FONT, False) for c in self.counts] or [(MISSING, COUNT_FONT, False)]
        return [(self.short, 14, True), *answers, (self.cities, 11, False)]

    def sentence(self) -> str:
        """The tile as one sentence, for screen readers and the SVG title. It starts with the tile's visible
        lines, in their order, so a speech-input user who says what she sees activates it (WCAG 2.5.3
        Label in Name); the official name follows when it is longer than the short one on the tile."""
        shown = "；".join(text for text, _, _ in self.lines())
        return shown if self.name == self.short else f"{shown}（{self.name}）"


def default_situation(kb: KnowledgeBase, situations: list[Situation]) -> Situation:
    """The view shown first: the general case (vocabulary fallback, 日常). Readers ask most whether the money
    can be taken out in an ordinary situation — the home page's own question — before any special case."""
    return next((s for s in situations if s.fallback), situations[0])


def unit_counts(kb: KnowledgeBase, situation: Situation) -> dict[str, tuple[Count, ...]]:
    """Unit id → its places' answers in the situation, counted from the grid the comparison tables use
    (model.grid, compare.units, compare.label_key): a tile says what the unit's table says."""
    cells = {c.place.id: c for c in grid(kb, [situation])}
    found = {}
    for unit, places in units(kb):
        by_answer: dict[str, list[Placed]] = {key: [] for key in LABELS}
        for j in places:
            c = cells[j.id]
            e = c.effective
            anchor = urls.rule_anchor(situation.id) if e else urls.RESEARCH_ANCHOR if c.researched else None
            by_answer[label_key(c)].append(Placed(j.short_name, urls.page(j), anchor, c.grade,
                                                  e.inherited_from.short_name if e and e.inherited_from else None,
                                                  STATUS_TEXT.get(c.status)))
        found[unit.id] = tuple(Count(key, tuple(listed)) for key, listed in by_answer.items() if listed)
    return found


def tiles(kb: KnowledgeBase, situation: Situation) -> list[Tile]:
    counts = covered_count(kb)
    municipal = {d.province for d in kb.places if d.kind == MUNICIPALITY_KIND}
    national = next(j for j in kb.jurisdictions.values() if j.parent_id is None)
    answers = unit_counts(kb, situation)
    result = []
    for pid, (col, row, label) in GRID.items():
        j = kb.jurisdictions.get(pid)
        name = kb.provincial_names.get(pid, label)
        cities = "直辖市" if pid in municipal else f"已整理 {counts.get(pid, 0)} 市"
        if j is None:          # no file: no place of it is in the comparison either
            result.append(Tile(pid, name, label, col, row, (), cities, urls.page(national)))
            continue
        result.append(Tile(pid, j.name, j.short_name, col, row, answers.get(pid, ()), cities, urls.page(j)))
    return result


def svg(situation: Situation, tile_list: list[Tile], here: str) -> str:
    """One view as a standalone SVG (also inlined): one line, so Markdown leaves the raw HTML alone.
    Links are relative to `here`'s folder (map/), where the page and the downloadable file both live."""
    cols = 1 + max(t.col for t in tile_list)
    rows = 1 + max(t.row for t in tile_list)
    width = cols * (TILE + GAP) + GAP
    height = GAP + rows * (TILE + GAP) + LEGEND_HEIGHT
    ident = f"map-{situation.id}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tile-map" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="group" aria-labelledby="{ident}-title {ident}-desc" '
           f'font-family="sans-serif" font-size="12">',
           f'<title id="{ident}-title">各省份{attr(situation.name)}时医保个人账户能否取现（方块地图）</title>',
           f'<desc id="{ident}-desc">每个方块是一个省级行政区，大致按地理位置排列。方块上写着：名称、'
           '省内各地区（省本身和已整理的城市）各种回答的个数和证据等级、已整理的城市数；颜色是省内至少一个地区'
           '给出的最有利的回答。同样内容和各地区名单见图下方的表格。</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for t in tile_list:
        x, y = GAP + t.col * (TILE + GAP), GAP + t.row * (TILE + GAP)
        dash = f' stroke-dasharray="{DASH[t.answer]}"' if t.answer in DASH else ""
        text = "".join(f'<text x="{x + PAD}" y="{y + 18 + i * LINE}" font-size="{size}"{BOLD if bold else ""} '
                       f'fill="{INK}">{attr(line)}</text>' for i, (line, size, bold) in enumerate(t.lines()))
        href = urls.href(here, t.page)
        out.append(f'<a href="{attr(href)}" aria-label="{attr(t.sentence())}"><title>{attr(t.sentence())}</title>'
                   f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{FILL[t.answer]}" '
                   f'stroke="#555555" stroke-width="1.5"{dash}/>{text}</a>')
    # Legend: every colour with its word.
    legend_y = GAP + rows * (TILE + GAP) + 6
    out.append(f'<text x="{GAP}" y="{legend_y + 12}" font-weight="700" fill="{INK}">图例（方块上的文字与颜色同义）</text>')
    words = [(cash, CASH[cash]["label"]) for cash in CASH] + [(RESEARCHED, RESEARCHED), (MISSING, MISSING)]
    for i, (key, word) in enumerate(words):
        lx, ly = GAP + (i % 3) * 200, legend_y + 24 + (i // 3) * 26
        dash = f' stroke-dasharray="{DASH[key]}"' if key in DASH else ""
        out.append(f'<rect x="{lx}" y="{ly}" width="22" height="18" fill="{FILL[key]}" stroke="#555555"{dash}/>'
                   f'<text x="{lx + 30}" y="{ly + 14}" fill="{INK}">{attr(word)}</text>')
    out.append("</svg>")
    return "".join(out)


def view_order(kb: KnowledgeBase) -> list:
    """The situations with a view, the default first."""
    situations = situations_used(kb)
    if not situations:
        return []
    first = default_situation(kb, situations)
    return [first] + [s for s in situations if s is not first]


def map_nav(kb: KnowledgeBase) -> dict:
    ordered = view_order(kb)
    return {"地图": [urls.MAP] + [{s.name: urls.map_view(s.id)} for s in ordered[1:]]}


def map_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    """The map page and one downloadable SVG per view."""
    ordered = view_order(kb)
    if not ordered:
        return {}
    first = ordered[0]
    # One page per view (the default view is map/ itself): nine maps with their tables on one page
    # came to 4,500 elements, three times what a phone should be given at once.
    pages = {s.id: urls.MAP if s is first else urls.map_view(s.id) for s in ordered}
    files: dict[str, str] = {}
    for s in ordered:
        tile_list = tiles(kb, s)
        drawing = svg(s, tile_list, pages[s.id])
        files[urls.map_svg(s.id)] = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg(s, tile_list, urls.MAP) + "\n"
        view = {"s": s, "tiles": sorted(tile_list, key=lambda t: (t.row, t.col)), "svg": drawing}
        files[pages[s.id]] = render.page("map.md.j2", pages[s.id], views=[view], default=first, fill=FILL,
                                         others=[(other, pages[other.id]) for other in ordered])
    return files
