"""The one YAML loader: plain data plus the line of every field.

Scalars stay text (no YAML 1.1 surprises such as `no` → False or dates turning
into objects); `~`/`null`/empty become None. Duplicate keys are refused here
because PyYAML would silently keep the last one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, field_name


@dataclass
class LoadedFile:
    path: Path
    shown: str                      # path as shown in messages
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int:
        """Line of the field at path, or of its nearest enclosing field."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


# libyaml's parser gives the same nodes and marks, several times faster (it dominates validation at 400 regions).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Converter:
    def __init__(self, shown: str):
        self.shown = shown
        self.lines: dict[tuple, int] = {}
        self.problems: list[Problem] = []

    def convert(self, node: yaml.Node, path: tuple) -> object:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(Problem(self.shown, key_node.start_mark.line + 1,
                                                 field_name(path), "字段名必须是文字"))
                    continue
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in result:
                    first = self.lines[path + (key,)]
                    self.problems.append(Problem(self.shown, line, field_name(path + (key,)),
                                                 f"字段重复（第 {first} 行已经写过）：删掉其中一个"))
                    continue
                self.lines[path + (key,)] = line
                result[key] = self.convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag.endswith(":null"):
            return None
        return node.value


def load(path: Path, shown: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Read one file. Returns (file, problems); file is None when unreadable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, "(文件)", f"无法读取文件：{exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "(文件)", "文件不是 UTF-8 编码：请用 UTF-8 保存")]
    if not text.strip():
        return None, [Problem(shown, 1, "(文件)", "文件是空的")]
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        hint = "（用空格缩进，不要用 Tab）" if "\t" in text else ""
        return None, [Problem(shown, line, "(文件)", f"YAML 格式错误：{exc.problem}{hint}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, "(文件)", f"YAML 格式错误：{exc}")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Problem(shown, 1, "(文件)", "文件里没有数据")]
    if len(nodes) > 1:
        return None, [Problem(shown, nodes[1].start_mark.line + 1, "(文件)",
                              "一个文件只能有一份数据（删掉多余的 --- 分隔线）")]
    converter = _Converter(shown)
    data = converter.convert(nodes[0], ())
    if converter.problems:
        return None, converter.problems
    return LoadedFile(path, shown, data, converter.lines), []
