"""The single shape of a data problem shown to maintainers."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """Paths relative to the project, as a maintainer would type them."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def field_name(path: tuple) -> str:
    """('rules', 0, 'citations', 1, 'quote') → rules[0].citations[1].quote"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(文件)"


def suggest(word: str, choices) -> str:
    """A hint for a misspelt name: ：是不是想写 `x`？ (empty when nothing is close)."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"：是不是想写 `{close[0]}`？" if close else ""


VOCABULARY_LISTS = {"情形": "situations", "结果": "outcomes"}


def unknown_word(label: str, shown: str, word: str, choices, listed=None) -> str:
    """An id or name that is not in the vocabulary: the nearest one, and where the vocabulary is kept.

    label is 情形 or 结果; shown is how the message quotes the word (`deth` or “支付给继承人”); choices are
    the words it may be (ids, or ids and names), listed the ones named when none is near (default: choices)."""
    hint = suggest(word, choices) or f"：可用的有 {', '.join(choices if listed is None else listed)}"
    return (f"词表里没有{label} {shown}{hint}（{label}都列在 policies/vocabulary.yaml 的 {VOCABULARY_LISTS[label]} 里；"
            f"确是一种新的{label}，先加在那里，见 CONTRIBUTING.md 的“新增一种情形或结果”）")
