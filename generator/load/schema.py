"""Check one loaded file against policies/schema.json, in plain words.

The JSON Schema file is the single description of the data's shape: editors
read it for hints (through the file's `# yaml-language-server: $schema=` line), and
this module reads it for validation. Both see the same values: the loader types them
as YAML 1.2 does, like the editors' YAML extension (yamlfile). The schema is the
project's (Paths.schema, under --root), passed as its text: the compiled checks
are cached by that text, so a changed schema is a different key, never stale.

`usable` gives the part of a file the schema accepts, so that a file with a schema
problem is still checked across files everywhere else (every problem in one run).
"""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import cache

import jsonschema

from .problems import Problem, field_name
from .yamlfile import LoadedFile

MISSING_CITE = "没有引用：写 cite: [1] 指明哪条引用支持这一项（数字是本条 citations 里的第几条，从 1 开始）"
_TYPE_WORDS = {"string": "文字", "array": "列表（每项以 - 开头）", "object": "字段集合（key: value）",
               "boolean": "是/否", "integer": "整数", "number": "数字"}


@cache
def schema(text: str) -> dict:
    """The schema document; text: the content of policies/schema.json."""
    return json.loads(text)


def _inline(node, defs: dict):
    """The schema with every local $ref replaced by its definition: resolving refs per value
    was most of validation's time at 400 regions. Same checks, same error paths."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return _inline({**defs[ref.split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}, defs)
    return {key: value if key == "enum" else _inline(value, defs) for key, value in node.items()}


def date_format(text: str) -> str:
    """How a date is written, in the words of the schema `text` (the editor shows the same)."""
    return schema(text)["$defs"]["date"]["errorMessage"]


@cache
def _validator(text: str, kind: str) -> jsonschema.protocols.Validator:
    document = schema(text)
    root = _inline(document["$defs"][kind], document["$defs"])
    root["$schema"] = document["$schema"]
    return jsonschema.Draft202012Validator(root)


# errorMessage: what the editor shows instead of its English message (the VS Code JSON/YAML extensions read it);
# the messages below use it too, so the editor and `validate` say the same thing.
_ANNOTATIONS = {"title", "description", "$schema", "$id", "$comment", "default", "examples", "$defs", "errorMessage"}
_TYPES = {"string": lambda v: isinstance(v, str), "object": lambda v: isinstance(v, dict),
          "array": lambda v: isinstance(v, list), "boolean": lambda v: isinstance(v, bool),
          "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
          "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "null": lambda v: v is None}


def _never(value) -> bool:
    return False


def _compile(node) -> Callable[[object], bool]:
    """A yes/no check of the keywords this schema uses, as closures: several times faster than
    jsonschema, which then runs only on a file this check refuses, to say what is wrong in words.
    It is never more lenient than jsonschema: a keyword it does not know refuses every value."""
    if node is True or node == {}:
        return lambda value: True
    if not isinstance(node, dict) or set(node) - _ANNOTATIONS - {
            "type", "enum", "pattern", "minLength", "maxLength", "minimum", "items", "minItems", "properties",
            "additionalProperties", "required", "dependentRequired"}:
        return _never
    checks: list[Callable[[object], bool]] = []
    if "type" in node:
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if any(k not in _TYPES for k in kinds):
            return _never
        tests = [_TYPES[k] for k in kinds]
        checks.append(lambda v: any(t(v) for t in tests))
    if "enum" in node:
        allowed = node["enum"]
        checks.append(lambda v: any(type(v) is type(a) and v == a for a in allowed))
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    if "minLength" in node:
        low = node["minLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) >= low)
    if "maxLength" in node:
        high = node["maxLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) <= high)
    if "minimum" in node:
        least = node["minimum"]
        checks.append(lambda v: not _TYPES["number"](v) or v >= least)
    if "minItems" in node:
        fewest = node["minItems"]
        checks.append(lambda v: not isinstance(v, list) or len(v) >= fewest)
    if "items" in node:
        item = _compile(node["items"])
        checks.append(lambda v: not isinstance(v, list) or all(item(x) for x in v))
    if "required" in node:
        required = node["required"]
        checks.append(lambda v: not isinstance(v, dict) or all(k in v for k in required))
    if "dependentRequired" in node:
        depends = node["dependentRequired"]
        checks.append(lambda v: not isinstance(v, dict) or all(n in v for have, needs in depends.items() if have in v
                                                                 for n in needs))
    properties = {key: _compile(sub) for key, sub in node.get("properties", {}).items()}
    extra = node.get("additionalProperties", True)
    if extra is not True:
        if extra is not False:
            return _never
        checks.append(lambda v: not isinstance(v, dict) or all(k in properties for k in v))
    if properties:
        checks.append(lambda v: not isinstance(v, dict) or all(check(v[k]) for k, check in properties.items() if k in v))
    return lambda value: all(check(value) for check in checks)


@cache
def _fast(text: str, kind: str) -> Callable[[object], bool]:
    defs = schema(text)["$defs"]
    return _compile(_inline(defs[kind], defs))


@cache
def _where_keys_belong(text: str) -> dict[str, list[str]]:
    """Property name → titles of the objects that allow it (for 'misplaced key' hints)."""
    found: dict[str, list[str]] = {}
    for definition in schema(text)["$defs"].values():
        for key in definition.get("properties", {}):
            found.setdefault(key, []).append(definition.get("title", ""))
    return found


def _describe(value, written: str | None) -> str:
    if value is None:
        return "空值"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "字段集合"
    if isinstance(value, bool):
        return f"是/否 {written or str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {written or value}"
    return f"文字 “{value}”"


def _resolve(text: str, subschema: dict) -> dict:
    ref = subschema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        merged = dict(schema(text)["$defs"][ref.split("/")[-1]])
        merged.update({k: v for k, v in subschema.items() if k != "$ref"})
        return merged
    return subschema


def _unknown_key_message(text: str, key: str, allowed: list[str]) -> str:
    message = f"不认识的字段 `{key}`"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"{message}：是不是想写 `{close[0]}`？"
    homes = _where_keys_belong(text).get(key)
    if homes:
        return f"{message}：它不应该写在这里，应写在「{'」或「'.join(homes)}」里"
    return f"{message}：这里可以写的字段有 {', '.join(allowed)}"


def check(loaded: LoadedFile, kind: str, text: str) -> list[Problem]:
    """All schema problems of one file; kind is a name under $defs of the schema `text`."""
    problems: list[Problem] = []
    if _fast(text, kind)(loaded.data):
        return problems
    for error in _validator(text, kind).iter_errors(loaded.data):
        path = tuple(error.absolute_path)
        keyword = error.validator
        if keyword == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    problems.append(Problem(loaded.shown, loaded.line_of(path + (key,)),
                                            field_name(path + (key,)), _unknown_key_message(text, key, allowed)))
            continue
        if keyword == "required":
            props = error.schema.get("properties", {})
            for key in error.validator_value:
                if key not in error.instance:
                    if key == "cite":     # a statement without support: say what to write, not "missing field"
                        problems.append(Problem(loaded.shown, loaded.line_of(path), field_name(path),
                                                MISSING_CITE))
                        continue
                    title = _resolve(text, props.get(key, {})).get("title", "")
                    label = f"（{title}）" if title else ""
                    problems.append(Problem(loaded.shown, loaded.line_of(path), field_name(path + (key,)),
                                            f"缺少必填字段 `{key}`{label}"))
            continue
        if keyword == "dependentRequired":
            props = error.schema.get("properties", {})
            for have, needs in error.validator_value.items():
                for need in needs:
                    if have in error.instance and need not in error.instance:
                        title = _resolve(text, props.get(need, {})).get("title", "")
                        problems.append(Problem(loaded.shown, loaded.line_of(path + (have,)),
                                                field_name(path + (need,)),
                                                f"写了 `{have}` 就必须写 `{need}`" + (f"（{title}）" if title else "")))
            continue
        line = loaded.line_of(path)
        shown_field = field_name(path)
        custom = error.schema.get("errorMessage")
        if keyword == "type":
            wanted = _TYPE_WORDS.get(error.validator_value, error.validator_value)
            if error.instance is None:
                message = f"不能为空：应填{wanted}；不知道就删掉这个字段"
            else:
                written = loaded.written.get(loaded.original(path))
                message = f"应为{wanted}，这里写成了{_describe(error.instance, written)}"
                if custom:
                    message += f"：{custom}"
                elif error.validator_value == "string" and written is not None:
                    message += f"：要写成文字就加上引号，例如 \"{written}\""
        elif keyword == "minimum":
            message = custom or f"不能小于 {error.validator_value}"
        elif keyword == "enum":
            message = f"只能填 {' / '.join(map(str, error.validator_value))} 之一，这里写的是 “{error.instance}”"
        elif keyword == "minLength" or (keyword == "pattern" and error.validator_value == "\\S"):
            message = "不能为空，也不能只有空格"
        elif keyword == "pattern":
            description = custom or error.schema.get("description", "")
            if error.validator_value.startswith("^https?"):
                description = "网址要以 http:// 或 https:// 开头，不能有空格"
            message = f"格式不对（“{error.instance}”）：{description}"
        elif keyword == "maxLength":
            message = f"太长了（{len(error.instance)} 个字）：最多 {error.validator_value} 个字"
        elif keyword == "minItems":
            message = "至少要有一项"
        else:
            message = error.message
        problems.append(Problem(loaded.shown, line, shown_field, message))
    return problems


# Left in place when they fail: the checks downstream read the dependent field with .get, and leaving
# out `rules` because `last_verified` is missing would hide every problem of the rules.
_TOLERATED = {"dependentRequired"}


def _without(value, dropped: dict[tuple, str | None], old: tuple, new: tuple, origin: dict[tuple, tuple]):
    """value without the nodes at the paths in dropped (or with the text given there instead);
    origin maps each kept node's new path to its old one."""
    origin[new] = old
    if old in dropped:
        return dropped[old]
    if isinstance(value, dict):
        return {key: _without(item, dropped, old + (key,), new + (key,), origin)
                for key, item in value.items() if dropped.get(old + (key,), "") is not None}
    if isinstance(value, list):
        kept: list = []
        for index, item in enumerate(value):
            if dropped.get(old + (index,), "") is not None:
                kept.append(_without(item, dropped, old + (index,), new + (len(kept),), origin))
        return kept
    return value


def _at(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def usable(loaded: LoadedFile, kind: str, text: str) -> LoadedFile | None:
    """The part of the file the schema accepts, for the checks across files; None when nothing is.

    A number or yes/no written where text belongs is read as the text it was written as (`name: 2024`
    as "2024", as before the values were typed), so nothing that depends on it goes missing. Any
    other value the schema refuses is left out (an unknown field; a wrong value; an object missing a
    required field, or a list item that is wrong as a whole), until what remains is accepted: a rule
    with a bad date loses that date, a rule without citations is left out, the file's other rules are
    still checked. The result keeps the file's lines and field names (LoadedFile.origin) and says
    what was left out (LoadedFile.left_out), so that a broken source is not also reported as missing."""
    if _fast(text, kind)(loaded.data):
        return loaded
    validator = _validator(text, kind)
    dropped: dict[tuple, str | None] = {}         # path in the file → None (left out) or the text read instead
    while True:
        origin: dict[tuple, tuple] = {}
        data = _without(loaded.data, dropped, (), (), origin)
        more: dict[tuple, str | None] = {}
        for error in validator.iter_errors(data):
            if error.validator in _TOLERATED:
                continue
            path = origin[tuple(error.absolute_path)]
            if error.validator == "additionalProperties":
                allowed = error.schema.get("properties", {})
                more.update({path + (key,): None for key in error.instance if key not in allowed})
            elif (error.validator == "type" and error.validator_value == "string" and path in loaded.written
                  and path not in dropped):
                more[path] = loaded.written[path]
            elif not path:
                return None         # the file as a whole is wrong (not a mapping, or a required field missing)
            else:
                more[path] = None
        more = {path: value for path, value in more.items() if path not in dropped or dropped[path] != value}
        if not more:
            left_out = {path: _at(loaded.data, path) for path, value in dropped.items() if value is None}
            return LoadedFile(loaded.path, loaded.shown, data, loaded.lines, loaded.written, origin, left_out)
        dropped.update(more)
