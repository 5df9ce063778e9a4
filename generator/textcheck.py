"""Text in the data must be plain text: no HTML, and names safe for headings, links and diagrams.

The renderer escapes everything anyway (render.md); this check tells the
maintainer early, with the line, instead of showing "<script>" on a page.
It is a lint run by the `validate` and `build` commands, not part of
load_knowledge_base, so tests can still push hostile text through the renderers.
"""
from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem, display_path, field_name
from .yamlfile import LoadedFile, load

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
            line, shown = loaded.line_of(path), field_name(path)
            if path and path[-1] == "url":
                return
            if _HTML.search(value):
                problems.append(Problem(loaded.shown, line, shown,
                                        f"不能写 HTML 标签或字符实体（“{_HTML.search(value).group(0)}”）：只写纯文字"))
            elif _is_name(path) and _NAME_FORBIDDEN.search(value):
                problems.append(Problem(loaded.shown, line, shown,
                                        f"名称里不能有符号 “{_NAME_FORBIDDEN.search(value).group(0)}”"
                                        "：名称会用在标题、链接和流程图里，只写文字（括号请用全角（ ））"))

    walk(loaded.data, ())
    return problems


def check_tree(root: Path) -> list[Problem]:
    """The text rules for every data file under policies/ (unreadable files are left to validate)."""
    problems: list[Problem] = []
    for path in sorted((root / "policies").rglob("*.y*ml")):
        loaded, _ = load(path, display_path(path, root))
        if loaded is not None:
            problems += check(loaded)
    return problems
