"""The one YAML loader: plain data plus the line of every field.

Scalars are typed as YAML 1.2 types them (its core schema), which is what editors
with the YAML extension use to check a file against policies/schema.json: `true` is a
boolean, `1` a number, `~`/`null`/empty None, and everything else text — `no` stays
the word, `2024-05-20` stays text (PyYAML alone would read both as YAML 1.1:
False and a date). Quoted values are always text. Duplicate keys are refused here
because PyYAML would silently keep the last one.
"""
from __future__ import annotations

import re
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
    # Non-text scalars as written (`1e3`, `TRUE`), for messages that suggest quoting them.
    written: dict[tuple, str] = field(default_factory=dict)
    # When data is the part of the file the schema accepts (schema.usable): its path → the path in the file.
    origin: dict[tuple, tuple] = field(default_factory=dict)
    # ... and what the schema refused, by its path in the file: it is reported already.
    left_out: dict[tuple, object] = field(default_factory=dict)

    def left_out_ids(self, key: str) -> set[str]:
        """The ids of the items of a top-level list (sources, rules…) that were left out."""
        return {item["id"] for path, item in self.left_out.items() if len(path) == 2 and path[0] == key
                and isinstance(item, dict) and isinstance(item.get("id"), str)}

    def original(self, path: tuple) -> tuple:
        """The path in the file of a path into data (they differ once a list item was left out)."""
        path = tuple(path)
        if not self.origin:
            return path
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.origin:
                return self.origin[path[:cut]] + path[cut:]
        return path

    def field(self, path: tuple) -> str:
        """The field's name as the maintainer sees it in the file: rules[0].citations[1].quote"""
        return field_name(self.original(path))

    def line_of(self, path: tuple) -> int:
        """Line of the field at path, or of its nearest enclosing field."""
        path = self.original(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


MAX_BYTES = 1_000_000     # real files are ~10 KB; a bigger one is a paste gone wrong, and slow to parse


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser (same nodes and marks as PyYAML's, several times faster: it dominates validation
    at 400 regions) with YAML 1.2's core-schema tags for plain scalars instead of YAML 1.1's."""
    yaml_implicit_resolvers: dict = {}


_CORE = "tag:yaml.org,2002:"
# YAML 1.2.2, 10.3.2 "Tag Resolution" (core schema), in the spec's order.
for _tag, _pattern, _first in (
        ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                  r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
):
    yaml.add_implicit_resolver(_CORE + _tag, re.compile(_pattern), list(_first) + ([""] if _tag == "null" else []),
                               Loader=_Loader)


def _number(tag: str, text: str):
    """The value of a core-schema int or float; the text itself when an explicit tag does not fit it."""
    try:
        if tag == "int":
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text)
        lowered = text.lower()
        return float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        return text


def _scalar(node: yaml.ScalarNode):
    tag = node.tag[len(_CORE):] if node.tag.startswith(_CORE) else None
    if tag == "null":
        return None
    if tag == "bool" and node.value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return node.value.lower() == "true"
    if tag in ("int", "float"):
        return _number(tag, node.value)
    return node.value


MAX_NODES = 100_000       # a real file has ~500 values


class _TooBig(Exception):
    pass


class _Converter:
    def __init__(self, shown: str):
        self.shown = shown
        self.lines: dict[tuple, int] = {}
        self.problems: list[Problem] = []
        self.written: dict[tuple, str] = {}
        self.nodes = 0

    def convert(self, node: yaml.Node, path: tuple) -> object:
        self.lines.setdefault(path, node.start_mark.line + 1)
        # Aliases (*name) may repeat a node; cap the expanded size so a "billion laughs" file stops here.
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig
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
        value = _scalar(node)
        if value is not None and not isinstance(value, str):
            self.written[path] = node.value
        return value


def load(path: Path, shown: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Read one file. Returns (file, problems); file is None when unreadable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, "(文件)", f"无法读取文件：{exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown, 1, "(文件)", f"文件太大（{len(raw) / 1e6:.1f} MB，上限 {MAX_BYTES / 1e6:.0f} MB）："
                                                  "一个地区文件不需要这么大，请检查是否粘贴了整篇原文")]
    if b"\0" in raw:
        return None, [Problem(shown, raw[: raw.index(b"\0")].count(b"\n") + 1, "(文件)",
                              "文件里有空字节（NUL）：可能是 UTF-16 编码或不是文本文件，请用 UTF-8 保存")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "(文件)", "文件不是 UTF-8 编码：请用 UTF-8 保存")]
    if not text.strip():
        return None, [Problem(shown, 1, "(文件)", "文件是空的")]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        hint = "（用空格缩进，不要用 Tab）" if "\t" in text else ""
        return None, [Problem(shown, line, "(文件)", f"YAML 格式错误：{exc.problem}{hint}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, "(文件)", f"YAML 格式错误：{exc}")]
    except RecursionError:
        return None, [Problem(shown, 1, "(文件)", "YAML 嵌套太深：请检查括号 [ ] { } 是否成对")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Problem(shown, 1, "(文件)", "文件里没有数据")]
    if len(nodes) > 1:
        return None, [Problem(shown, nodes[1].start_mark.line + 1, "(文件)",
                              "一个文件只能有一份数据（删掉多余的 --- 分隔线）")]
    converter = _Converter(shown)
    try:
        data = converter.convert(nodes[0], ())
    except RecursionError:
        return None, [Problem(shown, 1, "(文件)", "YAML 嵌套太深：请检查缩进和括号是否成对")]
    except _TooBig:
        return None, [Problem(shown, 1, "(文件)", f"展开 YAML 引用（&锚点 / *别名）后超过 {MAX_NODES} 项："
                                                  "请把内容直接写出来，不要层层引用")]
    if converter.problems:
        return None, converter.problems
    return LoadedFile(path, shown, data, converter.lines, converter.written), []
