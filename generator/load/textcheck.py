"""Text in the data must be plain text: no HTML, and names safe for headings, links and diagrams.

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

    walk(loaded.data, ())
    return problems

