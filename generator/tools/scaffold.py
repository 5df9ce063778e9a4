"""`python -m generator new-city`: write a commented YAML skeleton for a new city.

The skeleton is valid as written (a city with no rules yet inherits its
province's and the national rules), so the maintainer gets a page at once and
fills it in from the comments and CONTRIBUTING.md.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

from ..load.schema import schema
from ..paths import Paths

TEMPLATES = Path(__file__).resolve().parent / "templates"

TEMPLATE = "new_city.yaml.j2"


class ScaffoldError(Exception):
    pass


def _yaml_scalar(value: str) -> str:
    """Plain when YAML reads it back unchanged, else double-quoted (JSON strings are YAML)."""
    try:
        if yaml.safe_load(value) == value and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _short_name(name: str) -> str:
    """长沙市 → 长沙; names of two characters or without 市 stay whole."""
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


def check(root: Paths | Path, name: str, province: str, city_id: str) -> Path:
    """Every reason the city cannot be created, in one message; returns the target path."""
    paths = Paths.of(root)
    root, policies = paths.root, paths.policies
    problems = []
    slug = re.compile(schema(paths.schema.read_text(encoding="utf-8"))["$defs"]["slug"]["pattern"])
    if not name.strip() or "\n" in name:
        problems.append("--name：城市全称不能为空，也不能换行，例如 株洲市")
    if not slug.match(city_id):
        problems.append(f"--id：“{city_id}” 不是合格的标识：只用英文小写字母、数字和连字符，例如 zhuzhou")
    if not slug.match(province) or not (policies / province / f"{province}.yaml").is_file():
        known = sorted(p.parent.name for p in policies.glob("*/*.yaml") if p.stem == p.parent.name)
        problems.append(f"--province：找不到省文件 policies/{province}/{province}.yaml。"
                        f"已有的省：{', '.join(known) or '无'}；新的省要先建省文件（level: 省，parent: national）")
    target = policies / province / f"{city_id}.yaml"
    if slug.match(city_id):
        taken = [p for p in policies.rglob("*.yaml") if p.stem == city_id]
        if target.exists():
            problems.append(f"policies/{province}/{city_id}.yaml 已经存在：不会覆盖，请直接编辑它")
        elif taken:
            problems.append(f"--id：标识 {city_id} 已被 {taken[0].relative_to(root).as_posix()} 使用，地区标识全站唯一")
    if problems:
        raise ScaffoldError("\n".join(problems))
    return target


def render(name: str, province: str, city_id: str) -> str:
    import jinja2       # here, not at the top: `validate` imports this module and must not need Jinja
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = _yaml_scalar
    return env.get_template(TEMPLATE).render(name=name.strip(), short_name=_short_name(name.strip()),
                                             province=province, id=city_id)


def ask_missing(values: dict[str, str | None]) -> dict[str, str]:
    """Prompt for missing options at a terminal; elsewhere name them and stop."""
    prompts = {"name": "城市全称（例如 株洲市）", "province": "所在省的标识（例如 hunan）",
               "id": "城市标识，英文小写（例如 zhuzhou）"}
    missing = [key for key, value in values.items() if not value]
    if missing and not sys.stdin.isatty():
        raise ScaffoldError("缺少选项：" + "、".join(f"--{key}（{prompts[key]}）" for key in missing))
    for key in missing:
        values[key] = input(f"{prompts[key]}：").strip()
    return values  # type: ignore[return-value]


def new_city(root: Paths | Path, name: str, province: str, city_id: str) -> Path:
    """Write policies/<province>/<id>.yaml; never overwrites."""
    target = check(root, name, province, city_id)
    text = render(name, province, city_id)
    with open(target, "x", encoding="utf-8") as handle:     # "x": fail rather than overwrite
        handle.write(text)
    return target
