"""The rules of one jurisdiction file: a known situation and outcome (one rule per situation), cited
statements whose `cite` numbers exist, a short key condition, a status with its cited contradiction,
dates in order, and the earlier versions (history) newest first without overlap."""
from __future__ import annotations

from ..model import Place, Rule, RuleVersion, Statement
from ..model.dates import date_range
from ..model.vocabulary import CURRENT, STATUS_CODES
from . import sources as cited
from .problems import unknown_word
from .vocabulary import Vocabulary
from .yamlfile import LoadedFile

# What a rule (or a service block) says, statement by statement; each carries `cite` numbers.
RULE_STATEMENTS = {"conditions": "list", "materials": "list", "steps": "list", "where": "places",
                   "time_limit": "one", "proxy": "one", "payout": "one", "fees": "one", "key_condition": "one"}
KEY_CONDITION_MAX = 40          # characters: it is printed in a flowchart box and a comparison cell


def collect(checker, loaded: LoadedFile, words: Vocabulary, sources: dict) -> list[Rule]:
    """The file's rules that are whole enough to build; every problem of every rule is reported."""
    data = loaded.data
    rules = []
    used: dict[str, int] = {}
    for index, item in enumerate(data.get("rules", [])):
        path = ("rules", index)
        situation = checker.word(loaded, path + ("situation",), item["situation"], words.situations)
        outcome = checker.word(loaded, path + ("outcome",), item["outcome"], words.outcomes)
        if situation is not None and situation.id in used:
            checker.report(loaded, path + ("situation",), f"情形 “{situation.name}” 已有一条规则"
                           f"（{loaded.field(('rules', used[situation.id]))}）：每种情形只写一条，把两条合并")
            continue
        rule_dates = checker.check_dates(loaded, item, path, ("effective_from", "last_verified"))
        verified_text = item.get("last_verified") or data.get("last_verified")    # the schema requires it
        verified = rule_dates.get("last_verified") or (date_range(verified_text) if verified_text else None)
        verified_path = path + ("last_verified",) if "last_verified" in item else ("last_verified",)
        citations = cited.citations(checker, loaded, path, item["citations"], sources,
                                    (verified, verified_text), verified_path)
        versions = history(checker, loaded, item, path, rule_dates, words, sources)
        if situation is None or outcome is None:
            continue
        used[situation.id] = index
        count = len(item["citations"])
        said = statements(checker, loaded, path, item, count)
        if said["key_condition"] and len(said["key_condition"].text) > KEY_CONDITION_MAX:
            checker.report(loaded, path + ("key_condition", "text"), f"关键条件太长（{len(said['key_condition'].text)} 个字）："
                           f"它要写进流程图的方框和对比表的格子，不超过 {KEY_CONDITION_MAX} 个字；细节写在 conditions 里")
        rules.append(Rule(
            jurisdiction_id=data["id"], situation=situation, outcome=outcome,
            summary=item["summary"], notes=tuple(item.get("notes", ())),
            effective_from=item.get("effective_from"), last_verified=verified_text,
            citations=tuple(citations), history=versions,
            status=STATUS_CODES.get(item.get("status"), CURRENT), status_reason=item.get("status_reason"),
            status_cites=cite_numbers(checker, loaded, path + ("status_cite",), item.get("status_cite", ()), count),
            **said))
    return rules


def cite_numbers(checker, loaded, where: tuple, numbers, count: int) -> tuple[int, ...]:
    """`cite` numbers (at where + (i,)) must each name one of the item's `count` citations, 1-based as
    the footnotes read; the schema allowed digits only."""
    numbers = tuple(int(number) for number in numbers)
    for index, number in enumerate(numbers):
        if number > count:
            checker.report(loaded, where + (index,), f"依据编号 {number} 超出范围：这里只有 {count} 条引用"
                           f"（citations），编号从 1 数到 {count}")
    return numbers


def statements(checker, loaded, path, item, count: int, fields=RULE_STATEMENTS) -> dict:
    """The cited statements of a rule (or service block) as model objects; the schema already refused
    a statement without `cite`."""
    def cites(node, where) -> tuple[int, ...]:
        return cite_numbers(checker, loaded, where + ("cite",), node["cite"], count)

    said: dict = {}
    for key, kind in fields.items():
        value = item.get(key)
        if kind == "list":
            said[key] = tuple(Statement(s["text"], cites(s, path + (key, i))) for i, s in enumerate(value or ()))
        elif kind == "places":
            said[key] = tuple(Place(p["type"], p["name"], p.get("note"), cites(p, path + (key, i)))
                              for i, p in enumerate(value or ()))
        else:
            said[key] = Statement(value["text"], cites(value, path + (key,))) if value else None
    return said


def history(checker, loaded, item, path, rule_dates, words: Vocabulary, sources) -> tuple[RuleVersion, ...]:
    """Earlier versions of a rule, newest first; each ends before the next one begins."""
    outcome_by_name = words.outcomes.by_name
    versions: list[RuleVersion] = []
    newer_from, newer_until = rule_dates.get("effective_from"), None
    newer_name = "现行版本"
    for index, version in enumerate(item.get("history", ())):
        v_path = path + ("history", index)
        outcome = outcome_by_name.get(version["outcome"])
        if outcome is None:
            checker.report(loaded, v_path + ("outcome",),
                           unknown_word("结果", f"“{version['outcome']}”", version["outcome"], outcome_by_name))
        dates = checker.check_dates(loaded, version, v_path, ("effective_from", "effective_until"))
        start, until = dates.get("effective_from"), dates.get("effective_until")
        checker.check_order(loaded, v_path + ("effective_until",), "这一版本的生效日期", start,
                            "停止适用日期", until, version["effective_until"])
        if until and newer_until and until[0] > newer_until[1]:
            checker.report(loaded, v_path + ("effective_until",), f"顺序不对：早期版本要从新到旧排列，"
                           f"这一版本（停止于 {version['effective_until']}）比上面的{newer_name}还新")
        elif until and newer_from and until[0] > newer_from[1]:
            checker.report(loaded, v_path + ("effective_until",), f"与{newer_name}重叠：这一版本停止于 "
                           f"{version['effective_until']}，晚于{newer_name}的生效日期")
        citations = cited.citations(checker, loaded, v_path, version["citations"], sources)
        if outcome is not None and citations:
            versions.append(RuleVersion(
                outcome=outcome, summary=version["summary"], effective_from=version.get("effective_from"),
                effective_until=version["effective_until"], conditions=tuple(version.get("conditions", ())),
                notes=tuple(version.get("notes", ())), citations=tuple(citations)))
        newer_from, newer_until, newer_name = start, until, f"早期版本 {loaded.field(path + ('history', index))}"
    return tuple(versions)
