"""make serve: after one city file is saved, only the pages whose content changed are rebuilt, the menu
and the search index stay whole, and a broken edit keeps the last good preview."""
from __future__ import annotations

import json

import pytest

from helpers import DataError, Preview, build, compact_html, edit

SUMMARY = "    summary: 第三方网站（2023 年）说，办理了异地安置的退休人员，可以申请把医保个人账户余额提现。"


def _search_text(preview: Preview) -> dict[str, str]:
    """Search index: page URL → its indexed text (jieba's zero-width spaces removed)."""
    index = json.loads((preview.site / "search/search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + doc["title"] + doc["text"].replace("\u200b", "")
    return pages


def _index(site) -> dict:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))


def _as_in_a_copy(built, relative: str) -> str:
    """A file of the published site as a build of a copy of the data (no git checkout, so its data
    version is the date alone, without the commit) writes it."""
    version = json.loads((built / "api/v1/policies.json").read_text(encoding="utf-8"))["data_version"]
    return (built / relative).read_text(encoding="utf-8").replace(version["label"], version["date"])


def test_preview_follows_a_maintainers_edits(data_copy, built):
    """One preview through a maintainer's session (each full build of the real data costs ~20 s): the first
    build is the published site; an edit rebuilds only what changed; a broken edit keeps the last good
    preview."""
    preview = Preview(data_copy)
    assert preview.rebuild() == ["*"]                   # the first build is whole
    # Preview is production: the same search index as `make site` (refined: place names, boosts,
    # inherited rules' entries, synonym fields) and the same compacted pages.
    assert _index(preview.site) == json.loads(_as_in_a_copy(built, "search/search_index.json"))
    for page in ("hunan/changsha/index.html", "national/index.html", "index.html"):
        assert (preview.site / page).read_text(encoding="utf-8") == _as_in_a_copy(built, page), page
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
    # The merged index is refined once: the edited section is named after its place (not twice) and
    # carries the site's word for the reader's word it uses (提现 → 取现), like every other entry.
    edited = [d for d in _index(preview.site)["docs"] if "预览测试" in d["text"].replace("\u200b", "")]
    assert edited and all(d["title"].startswith("长沙 · ") and not d["title"].startswith("长沙 · 长沙")
                          for d in edited)
    assert all("取现" in d.get("text_syn", "").split("\u200b") for d in edited)
    # Every other page's entries are as published, and in the published order; the rebuilt page is compacted.
    merged, published = _index(preview.site)["docs"], json.loads(_as_in_a_copy(built, "search/search_index.json"))["docs"]
    assert [d["location"] for d in merged] == [d["location"] for d in published]
    assert [d for d in merged if not d["location"].startswith("hunan/changsha/#")] == \
        [d for d in published if not d["location"].startswith("hunan/changsha/#")]
    assert compact_html(city.read_text(encoding="utf-8")) == city.read_text(encoding="utf-8")
    # ...and its menu still folds the other provincial units into one entry, as on the published page
    # (the dirty build does not read the other pages' front matter).
    assert "其他省份与直辖市" in city.read_text(encoding="utf-8")
    assert ">安徽省<" in (built / "national/index.html").read_text(encoding="utf-8")
    assert ">安徽省<" not in city.read_text(encoding="utf-8")

    # A broken edit keeps the last good preview.
    good = city.read_text(encoding="utf-8")
    edit(data_copy, "policies/hunan/changsha.yaml", SUMMARY.replace("提现。", "提现（预览测试）。"), "    summary: [")
    with pytest.raises(DataError):
        preview.rebuild()
    assert city.read_text(encoding="utf-8") == good


@pytest.mark.exhaustive
def test_a_renamed_place_rebuilds_every_menu(data_copy):
    """A renamed place changes every page's menu: every page is rebuilt (two full builds)."""
    preview = Preview(data_copy)
    preview.rebuild()
    elsewhere = preview.site / "national/index.html"      # its content does not change with the city
    stamp = elsewhere.stat().st_mtime_ns
    edit(data_copy, "policies/hunan/changsha.yaml", "name: 长沙市", "name: 长沙市（改名测试）")
    assert preview.rebuild() == ["*"]
    assert elsewhere.stat().st_mtime_ns != stamp
    assert "长沙市（改名测试）" in (preview.site / "hunan/changsha/index.html").read_text(encoding="utf-8")


@pytest.mark.exhaustive
def test_an_updated_preview_is_the_site_make_site_builds(data_copy):
    """After an edit, the preview (a dirty build merged into the last one, then finished like `make site`)
    has the pages and search index that a full `make site` of the edited data has."""
    preview = Preview(data_copy)
    preview.rebuild()
    edit(data_copy, "policies/hunan/changsha.yaml", SUMMARY, SUMMARY.replace("提现。", "提现（预览测试）。"))
    assert preview.rebuild() != ["*"]
    published = build(data_copy, site=data_copy / "published", out=data_copy / "published-build")
    assert _index(preview.site) == _index(published)
    files = sorted(p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(preview.site).as_posix() for p in preview.site.rglob("*") if p.is_file())
    # every page (with its menu), the sitemap, the exports: byte for byte
    assert [f for f in files if (preview.site / f).read_bytes() != (published / f).read_bytes()] == []
