"""The jurisdiction files themselves: unique ids that match the file names, the file's rules (rules.py),
its service block, its research log, the hierarchy (parents of a higher level, no cycles), and the
display order."""
from __future__ import annotations

import re

from ..model import Jurisdiction, ResearchEntry, Service, Situation
from ..model.dates import date_range
from ..model.vocabulary import LEVEL_ORDER, LEVELS
from . import rules as rule_checks
from . import sources as cited
from .problems import suggest
from .vocabulary import Vocabulary, unknown_situation
from .yamlfile import LoadedFile

SERVICE_STATEMENTS = {"channels": "places", "address": "one", "hours": "one", "phone": "one"}


def collect(checker, files: list[LoadedFile], words: Vocabulary, sources: dict) -> list[tuple[Jurisdiction, LoadedFile]]:
    result: list[tuple[Jurisdiction, LoadedFile]] = []
    seen: dict[str, LoadedFile] = {}
    for loaded in files:
        data = loaded.data
        if data["id"] in seen:
            checker.report(loaded, ("id",), f"地区标识 `{data['id']}` 重复（{seen[data['id']].shown} 已经用过）")
            continue
        seen[data["id"]] = loaded
        if loaded.path.stem != data["id"]:
            checker.report(loaded, ("id",), f"标识 `{data['id']}` 与文件名 {loaded.path.name} 不一致：两者要相同")
        checker.check_dates(loaded, data, (), ("last_verified",))
        rules = rule_checks.collect(checker, loaded, words, sources)
        jurisdiction = Jurisdiction(
            id=data["id"], name=data["name"], short_name=data.get("short_name", data["name"]),
            level=LEVELS[data["level"]], parent_id=data.get("parent"),
            last_verified=data.get("last_verified"), notes=tuple(data.get("notes", ())),
            rules=tuple(rules), file=loaded.shown, research=research(checker, loaded, words),
            service=service(checker, loaded, sources))
        result.append((jurisdiction, loaded))
    return result


def service(checker, loaded: LoadedFile, sources: dict) -> Service | None:
    """The place's 怎么办理 block (channels and contacts), cited like a rule."""
    if "service" not in loaded.data:
        return None
    block = loaded.data["service"]
    said = rule_checks.statements(checker, loaded, ("service",), block, len(block["citations"]), SERVICE_STATEMENTS)
    return Service(notes=tuple(block.get("notes", ())), citations=tuple(cited.citations(
        checker, loaded, ("service",), block["citations"], sources)), **said)


def research(checker, loaded: LoadedFile, words: Vocabulary) -> tuple[ResearchEntry, ...]:
    """The research log (research:): real past dates, known situation ids, each named once per entry.
    An entry naming no situation covers those in the vocabulary on its date (their `added`), never one
    added later: that one reads 未整理 until someone looks for it."""
    entries = []
    for index, item in enumerate(loaded.data.get("research", ())):
        path = ("research", index)
        day = checker.check_dates(loaded, item, path, ("date",)).get("date")
        named: list[Situation] = []
        for position, situation_id in enumerate(item.get("situations", ())):
            situation = words.situations.by_id.get(situation_id)
            if situation is None:
                unknown_situation(checker, loaded, path + ("situations", position), situation_id, words.situations)
            elif situation in named:
                checker.report(loaded, path + ("situations", position), f"情形 `{situation_id}` 写了两次")
            else:
                named.append(situation)
        covered = tuple(named) or tuple(s for s in words.situations.by_id.values()
                                        if day and s.added and (added := date_range(s.added)) and added[0] <= day[1])
        entries.append(ResearchEntry(item["date"], item["searched"], item["result"], tuple(named), covered))
    return tuple(entries)


def check_hierarchy(checker, pairs: list[tuple[Jurisdiction, LoadedFile]]) -> None:
    known = {j.id: j for j, _ in pairs}
    for jurisdiction, loaded in pairs:
        parent_id = jurisdiction.parent_id
        if jurisdiction.level == "national":
            if parent_id:
                checker.report(loaded, ("parent",), "国家级不能有上级：删掉 parent")
            continue
        if not parent_id:
            checker.report(loaded, ("parent",), "缺少上级地区 `parent`（省和直辖市写 national，市写所在省的标识）")
            continue
        parent = known.get(parent_id)
        if parent is None:
            checker.report(loaded, ("parent",), f"找不到上级地区 `{parent_id}`" + suggest(parent_id, known))
            continue
        if LEVEL_ORDER[parent.level] >= LEVEL_ORDER[jurisdiction.level]:
            checker.report(loaded, ("parent",), f"上级 `{parent_id}` 的级别不高于本地区：省的上级是国家，市的上级是省（直辖市的上级是国家）")
        # A cycle can only pass through levels that are out of order; walk to be sure.
        seen, current = {jurisdiction.id}, parent
        while current is not None and current.parent_id:
            if current.id in seen:
                checker.report(loaded, ("parent",), "上级关系形成了循环")
                break
            seen.add(current.id)
            current = known.get(current.parent_id)


INHERITS = "沿用"      # the word a note or research result uses to say a situation follows a level above


def check_inheritance_claims(checker, pairs: list[tuple[Jurisdiction, LoadedFile]], words: Vocabulary) -> None:
    """A note or research result saying a situation 沿用 a level above must name a situation that some level
    above has a rule for: otherwise the page says "沿用国家规定" where the nation says nothing (四川's
    出国定居). Checked sentence by sentence, by the situations' names (with and without their bracketed part)."""
    known = {j.id: j for j, _ in pairs}
    names = [(s, {s.name, re.sub(r"（[^）]*）", "", s.name)}) for s in words.situations.by_id.values()]
    for j, loaded in pairs:
        above, current = [], known.get(j.parent_id) if j.parent_id else None
        while current is not None and current not in above:
            above.append(current)
            current = known.get(current.parent_id) if current.parent_id else None
        texts = [(("notes", i), note) for i, note in enumerate(j.notes)]
        texts += [(("research", i, "result"), entry.result) for i, entry in enumerate(j.research)]
        for path, text in texts:
            for sentence in re.split(r"[。；;\n]", text):
                if INHERITS not in sentence:
                    continue
                for situation, spelled in names:
                    said = next((name for name in spelled if name in sentence), None)
                    if said and not any(r.id == situation.id for a in above for r in a.rules):
                        where = "、".join(a.name for a in above) or "（没有上级）"
                        checker.report(loaded, path, f"这里说“{said}”{INHERITS}上级的规定，但上级（{where}）没有这一情形"
                                       f"（`{situation.id}`）的规定：请改写这句话，或先给上级写上这条规定")


def display_order(jurisdictions: list[Jurisdiction]) -> dict[str, Jurisdiction]:
    """National first, then each province followed by its cities, by id."""
    by_parent: dict[str | None, list[Jurisdiction]] = {}
    for j in jurisdictions:
        by_parent.setdefault(j.parent_id, []).append(j)
    ordered: dict[str, Jurisdiction] = {}

    def visit(j: Jurisdiction) -> None:
        ordered[j.id] = j
        for child in sorted(by_parent.get(j.id, []), key=lambda c: (LEVEL_ORDER[c.level] == 2, c.id)):
            visit(child)

    for root in sorted(by_parent.get(None, []), key=lambda j: j.id):
        visit(root)
    return ordered
