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


MAX_BYTES = 1_000_000     # real files are ~10 KB; a bigger one is a paste gone wrong, and slow to parse
# libyaml's parser gives the same nodes and marks, several times faster (it dominates validation at 400 regions).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_NODES = 100_000       # a real file has ~500 values


class _TooBig(Exception):
    pass


class _Converter:
    def __init__(self, shown: str):
        self.shown = shown
        self.lines: dict[tuple, int] = {}
        self.problems: list[Problem] = []
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
        if node.tag.endswith(":null"):
            return None
        return node.value


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
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
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
    return LoadedFile(path, shown, data, converter.lines), []
