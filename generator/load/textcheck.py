"""Text in the data must be plain text: no HTML, names safe for headings, links and diagrams, and nothing
a reader should not see (edit history, internal wording, file paths, an undated 今天).

The renderer escapes everything anyway (pages.markup.md); this check tells the
maintainer early, with the line, instead of showing "<script>" on a page. It runs on
every file as it is read (checker.Checker.read); tests that push hostile text through
the renderers change the loaded model instead.
"""
from __future__ import annotations

import re

from .problems import Problem, field_name
from .yamlfile import LoadedFile

_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#?[A-Za-z0-9]+;")
# Characters that mean something in Markdown links/emphasis, HTML, Jinja or Mermaid/graph syntax.
_NAME_FORBIDDEN = re.compile(r"[\[\]{}()<>|\"#*_`;\\]|-->|--|==")
_NAME_FIELDS = {("name",), ("short_name",)}                  # jurisdiction files
_VOCAB_NAME_KEYS = {"name", "short"}                            # vocabulary: situations[i].name, outcomes[i].short


# Words of edit history and of the project's internals, refused in every field a reader sees (notes, note,
# result, status_reason, research logs, glossary, summaries, conditions …): what changed belongs in the commit
# message, a remark for maintainers in a YAML comment (# …). 改为 alone is common in policy sentences
# ("省内转移改为即时到账"): only its edit-history uses are refused (a class changed, "可改为官方").
_INTERNAL = re.compile(
    r"已删去|已删除|删去了这个|已换掉|原数据|旧数据|旧版本|旧版数据|此前的数据|调查表|城市调查|NOTES\.md|助手|可合并"
    r"|检索工具"
    r"|(?:由[^，。；]{0,12})?改为[“\"「]?(?:第三方|媒体|官方)"
    r"|改用(?:这个|该|此)?(?:网址|来源|页面)"
    r"|/work/|/tmp/|policies/|\.ya?ml\b")
_TODAY = re.compile(r"今天|昨天|今日")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_NEAR = 30                     # characters: a date this close to 今天 says which day it was
_VERBATIM = {"quote", "claim"}    # copied from the source as it is: its words are not ours
# One-line answers are composed from a rule's parts (model.answer) and must not nest brackets: the words they
# take from the data (a rule's summary, its key condition) may hold brackets, but none inside another.
# Round brackets, full- or half-width (a 文号's 〔〕 is part of a name, not a bracket).
_OPENING_BRACKETS, _CLOSING_BRACKETS = "（(", "）)"


def nested_bracket(text: str) -> str | None:
    """The first bracketed part that holds another bracket (（…（…）…）, (…(…)…), mixed), else None."""
    depth, start, nested = 0, 0, False
    for i, c in enumerate(text):
        if c in _OPENING_BRACKETS:
            start = i if depth == 0 else start
            depth += 1
            nested = nested or depth > 1
        elif c in _CLOSING_BRACKETS and depth:
            depth -= 1
            if depth == 0 and nested:
                return text[start:i + 1]
    return text[start:] if nested else None


def _answer_words(path: tuple) -> bool:
    """A field a one-line answer or its sentence is made of: a rule's (or an earlier version's) summary, or
    its key condition."""
    return bool(path) and path[0] == "rules" and (path[-1] == "summary" or path[-2:] == ("key_condition", "text"))


def reads_as_a_maintainers_note(text: str) -> bool:
    """Whether the lint refuses this reader text as edit history, internal wording or an undated 今天
    (ignoring a date nearby: for text that must not come close, such as the benchmark's synthetic data)."""
    return bool(_INTERNAL.search(text) or _TODAY.search(text))


def _internal(value: str) -> str | None:
    """The first edit-history or internal wording in a reader-facing text, or an undated 今天/昨天."""
    found = _INTERNAL.search(value)
    if found:
        return f"读者会看到这段文字，不能写编辑记录或内部说明（“{found.group(0)}”）：改了什么写在提交说明里，" \
               "给维护者的话写成 YAML 注释（# …）；文件路径读者打不开，不要写"
    for today in _TODAY.finditer(value):
        window = value[max(0, today.start() - _NEAR):today.end() + _NEAR]
        if not _DATE.search(window):
            return f"“{today.group(0)}”没有日期：读者不知道是哪一天，写成带日期的说法，例如“2026-11-23 查找时……”"
    return None


def _is_name(path: tuple) -> bool:
    return path in _NAME_FIELDS or (len(path) == 3 and path[0] in ("situations", "outcomes")
                                    and path[2] in _VOCAB_NAME_KEYS)


def check(loaded: LoadedFile) -> list[Problem]:
    problems: list[Problem] = []

    def walk(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str):
            if path and path[-1] == "url":
                return
            # line and field name only for a problem: this runs on every string of every file
            if _HTML.search(value):
                problems.append(Problem(loaded.shown, loaded.line_of(path), field_name(path),
                                        f"不能写 HTML 标签或字符实体（“{_HTML.search(value).group(0)}”）：只写纯文字"))
            elif _is_name(path) and _NAME_FORBIDDEN.search(value):
                problems.append(Problem(loaded.shown, loaded.line_of(path), field_name(path),
                                        f"名称里不能有符号 “{_NAME_FORBIDDEN.search(value).group(0)}”"
                                        "：名称会用在标题、链接和流程图里，只写文字（括号请用全角（ ））"))
            elif not (path and path[-1] in _VERBATIM) and (message := _internal(value)):
                problems.append(Problem(loaded.shown, loaded.line_of(path), field_name(path), message))
            if _answer_words(path) and (inner := nested_bracket(value)):
                problems.append(Problem(loaded.shown, loaded.line_of(path), field_name(path),
                                        f"括号里又套了括号（“{inner}”）：这段文字会写进一句话的回答，"
                                        "括号最多一层；把括号里的说明改写成单独的一句或一个分句，例如把日期写成“……，"
                                        "2023 年为 2 月 6 日至 3 月 31 日”"))

    walk(loaded.data, ())
    return problems

