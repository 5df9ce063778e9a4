"""make serve: after one city file is saved, only the pages whose content changed are rebuilt, the menu
and the search index stay whole, and a broken edit keeps the last good preview."""
from __future__ import annotations

import json

import pytest

from helpers import DataError, Preview, edit

SUMMARY = "    summary: 第三方网站（2023 年）说，办理了异地安置的退休人员，可以申请把医保个人账户余额提现。"


def _search_text(preview: Preview) -> dict[str, str]:
    """Search index: page URL → its indexed text (jieba's zero-width spaces removed)."""
    index = json.loads((preview.site / "search/search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + doc["title"] + doc["text"].replace("\u200b", "")
    return pages


def test_preview_rebuilds_only_what_changed(data_copy):
    preview = Preview(data_copy)
    assert preview.rebuild() == ["*"]                   # the first build is whole
    city = preview.site / "hunan/changsha/index.html"
    untouched = preview.site / "national/index.html"
    before_search = _search_text(preview)
    stamp = untouched.stat().st_mtime_ns
    assert preview.rebuild() == []                      # nothing saved, nothing rebuilt

    edit(data_copy, "policies/hunan/changsha.yaml", SUMMARY, SUMMARY.replace("提现。", "提现（预览测试）。"))
    rebuilt = preview.rebuild()
    assert "hunan/changsha/index.md" in rebuilt
    assert len(rebuilt) < 10 and "national/index.md" not in rebuilt
    assert "预览测试" in city.read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == stamp        # an unchanged page is not rebuilt
    after_search = _search_text(preview)
    assert set(after_search) == set(before_search)     # every page still in the index, none twice
    assert "预览测试" in after_search["hunan/changsha/"]
    assert "预览测试" not in "".join(t for page, t in after_search.items() if page != "hunan/changsha/")


def test_broken_edit_keeps_the_last_good_preview(data_copy):
    preview = Preview(data_copy)
    preview.rebuild()
    city = preview.site / "hunan/changsha/index.html"
    good = city.read_text(encoding="utf-8")
    edit(data_copy, "policies/hunan/changsha.yaml", SUMMARY, "    summary: [")
    with pytest.raises(DataError):
        preview.rebuild()
    assert city.read_text(encoding="utf-8") == good


def test_a_renamed_place_rebuilds_every_menu(data_copy):
    preview = Preview(data_copy)
    preview.rebuild()
    elsewhere = preview.site / "national/index.html"      # its content does not change with the city
    stamp = elsewhere.stat().st_mtime_ns
    edit(data_copy, "policies/hunan/changsha.yaml", "name: 长沙市", "name: 长沙市（改名测试）")
    assert preview.rebuild() == ["*"]                   # the menu changed: every page is rebuilt
    assert elsewhere.stat().st_mtime_ns != stamp
    assert "长沙市（改名测试）" in (preview.site / "hunan/changsha/index.html").read_text(encoding="utf-8")
