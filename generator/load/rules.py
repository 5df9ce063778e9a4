"""The rules of one jurisdiction file: a known situation and outcome (one rule per situation), cited
statements whose `cite` numbers exist, the answer's citations (answer_cite), a short key condition, a status
with its cited contradiction, dated records saying a practice still applies (current_cite), a practice's
window, dates in order, and the earlier versions (history) newest first without overlap."""
from __future__ import annotations

from ..model import KeyCondition, Place, Rule, RuleVersion, Statement, Window
from ..model.dates import date_range
from ..model.vocabulary import ASKED_KIND, CURRENT, KEY_CONDITION_KINDS, STATUS_CODES
from . import sources as cited
from .problems import unknown_word
from .vocabulary import Vocabulary
from .yamlfile import LoadedFile

# What a rule (or a service block) says, statement by statement; each carries `cite` numbers.
RULE_STATEMENTS = {"conditions": "list", "materials": "list", "steps": "list", "where": "places",
                   "time_limit": "one", "proxy": "one", "payout": "one", "fees": "one", "key_condition": "one"}
KEY_CONDITION_MAX = 40          # characters: it is printed in a flowchart box and a comparison cell
# A key condition the checker asks is one yes/no question: a "；" or "并且" in it makes two (or describes the
# result: kind 说明)
NOT_ONE_QUESTION = ("；", ";", "并且")


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
        said["key_condition"] = key_condition(checker, loaded, path, item, said["key_condition"])
        rules.append(Rule(
            jurisdiction_id=data["id"], situation=situation, outcome=outcome,
            summary=item["summary"], notes=tuple(item.get("notes", ())),
            effective_from=item.get("effective_from"), last_verified=verified_text,
            citations=tuple(citations), history=versions,
            status=STATUS_CODES.get(item.get("status"), CURRENT), status_reason=item.get("status_reason"),
            status_cites=cite_numbers(checker, loaded, path + ("status_cite",), item.get("status_cite", ()), count),
            answer_cites=cite_numbers(checker, loaded, path + ("answer_cite",), item.get("answer_cite", ()), count),
            current_cites=current_cites(checker, loaded, path, item, citations),
            window=window(checker, loaded, path, item), **said))
    return rules


def key_condition(checker, loaded, path, item, said: Statement | None) -> KeyCondition | None:
    """key_condition: short; kind 条件 (the default: the checker asks it as one yes/no question) or 说明."""
    if said is None:
        return None
    where = path + ("key_condition",)
    if len(said.text) > KEY_CONDITION_MAX:
        checker.report(loaded, where + ("text",), f"关键条件太长（{len(said.text)} 个字）："
                       f"它要写进流程图的方框和对比表的格子，不超过 {KEY_CONDITION_MAX} 个字；细节写在 conditions 里")
    # the schema reports another word; the rule is still checked as a condition
    kind = KEY_CONDITION_KINDS.get(item["key_condition"].get("kind", "条件"), ASKED_KIND)
    found = next((w for w in NOT_ONE_QUESTION if w in said.text), None)
    if kind == "condition" and found:
        checker.report(loaded, where + ("text",), f"关键条件里有“{found}”：问答工具把条件照原文问成一个“是/否”问题，"
                       "一个问题只能问一件事。如果这段话说的是结果怎么发生（例如“省内随关系即时到账；跨省……”），"
                       "写 kind: 说明，它就只写在结果旁边、不提问；如果是两个条件，合成一句（用“，”或“并”）")
    return KeyCondition(said.text, said.cites, kind)


def current_cites(checker, loaded, path, item, citations) -> tuple[int, ...]:
    """current_cite: citations of dated records saying the practice still applies; each must be dated."""
    numbers = cite_numbers(checker, loaded, path + ("current_cite",), item.get("current_cite", ()),
                           len(item["citations"]))
    for index, number in enumerate(numbers):
        if number <= len(citations) and not citations[number - 1].source.issued:
            checker.report(loaded, path + ("current_cite", index),
                           f"第 {number} 条引用的来源 {citations[number - 1].source.id} 没有发布日期（issued）："
                           "只有写明日期的记录才能说明这种做法现在仍然适用")
    return numbers


def window(checker, loaded, path, item) -> Window | None:
    """window: the dates a source gives for a practice bounded in time. It may end in the future:
    only a real day, in order, is required."""
    block = item.get("window")
    if not block:
        return None
    where = path + ("window",)
    dates = {}
    for key in ("from", "until"):
        if key in block:
            dates[key] = date_range(block[key])
            if dates[key] is None:
                checker.report(loaded, where + (key,), f"没有这一天：“{block[key]}”")
    checker.check_order(loaded, where + ("until",), "开始日期", dates.get("from"), "结束日期",
                        dates.get("until"), block["until"])
    numbers = cite_numbers(checker, loaded, where + ("cite",), block["cite"], len(item["citations"]))
    return Window(block.get("from"), block["until"], numbers) if dates.get("until") else None


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
                notes=tuple(version.get("notes", ())), citations=tuple(citations),
                answer_cites=cite_numbers(checker, loaded, v_path + ("answer_cite",), version.get("answer_cite", ()),
                                          len(version["citations"]))))
        newer_from, newer_until, newer_name = start, until, f"早期版本 {loaded.field(path + ('history', index))}"
    return tuple(versions)
