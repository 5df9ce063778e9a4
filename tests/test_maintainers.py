"""Help for maintainers: the schema explains every field, and is published with the guide."""
from __future__ import annotations

import json

from conftest import ROOT


def _properties(node, path=""):
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield f"{path}.{key}", value
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value, path)


def test_every_schema_field_has_a_chinese_title_and_description():
    schema = json.loads((ROOT / "policies/schema.json").read_text(encoding="utf-8"))
    fields = list(_properties(schema))
    assert len(fields) > 40
    for where, spec in fields:
        for key in ("title", "description"):
            assert spec.get(key), f"{where} has no {key}"
            assert any("\u4e00" <= ch <= "\u9fff" for ch in spec[key]), f"{where}.{key} is not Chinese"


def test_schema_and_guide_are_published(built):
    assert (built / "api/v1/schema.json").read_bytes() == (ROOT / "policies/schema.json").read_bytes()
    guide = (built / "contributing/index.html").read_text(encoding="utf-8")
    for heading in ("新增一个城市", "怎么引用来源", "证据等级", "规定变了怎么记", "检查数据"):
        assert heading in guide
    assert "python -m generator new-city" in guide
    assert 'href="contributing/"' in (built / "index.html").read_text(encoding="utf-8")   # in the navigation
