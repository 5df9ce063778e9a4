"""Help for maintainers: the schema explains every field, and is published with the guide."""
from __future__ import annotations

import json

import pytest

from helpers import ROOT, BuildError, build, previous_site


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


def broken_engine(root, how: str) -> None:
    """Data that validates, with something the site engine refuses."""
    if how == "broken-link":        # --strict turns a link to no page into an error, after every page is built
        (root / "content/broken.md").write_text("---\ntitle: 坏链接\n---\n\n[不存在](nowhere.md)\n", encoding="utf-8")
    else:                           # refused as MkDocs reads its configuration, before any page
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: 不是布尔值\n", encoding="utf-8")


@pytest.mark.parametrize("how", [pytest.param("bad-config"), pytest.param("broken-link", marks=pytest.mark.exhaustive)])
def test_failed_mkdocs_build_leaves_previous_site_intact(data_copy, how):
    """Validation passes but MkDocs --strict fails: site/ is untouched, no staging left."""
    site = data_copy / "site"
    before = previous_site(site)
    broken_engine(data_copy, how)
    with pytest.raises(BuildError):
        build(data_copy, site=site, out=data_copy / "build")
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not [p for p in data_copy.iterdir() if p.name.startswith(".site")]
