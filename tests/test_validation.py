"""Each kind of bad input is caught, with the right file, line and field, and no traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import Reported, assert_edit_reported, assert_reported, edit, line_of, problems

CHANGSHA = "policies/hunan/changsha.yaml"
NATIONAL = "policies/national.yaml"


@pytest.mark.parametrize("file, old, new, expected", [
    pytest.param(CHANGSHA, "\nsources:\n", "\nsoruces:\n",
                 Reported("soruces:", "soruces", "不认识的字段", names="`sources`"), id="unknown_key_with_suggestion"),
    pytest.param(CHANGSHA, "last_verified: 2026-11-23\n", "last_verified: 2026-11-23\nmaterials:\n  - 身份证\n",
                 Reported("materials:", "materials", "不认识的字段", names="规则"), id="misplaced_key"),
    pytest.param(CHANGSHA, "short_name: 长沙\n", "short_name: 长沙\nshort_name: 长沙市区\n",
                 Reported("short_name:", "short_name", "重复", occurrence=2), id="duplicate_key"),
    pytest.param(CHANGSHA, "    conditions:\n      - text: 退休人员已办理异地安置\n        cite: [1, 2]\n",
                 "    conditions: 退休人员已办理异地安置\n",
                 Reported("conditions: 退休", "rules[0].conditions", "应为列表"), id="wrong_type"),
    pytest.param(NATIONAL, "    citations:\n      - source: social-insurance-law\n        locator: 第十四条\n"
                           "        quote: 个人账户不得提前支取",
                 "    effective_from: 2011-07-01\n    old_citations:\n      - source: social-insurance-law\n"
                 "        locator: 第十四条\n        quote: 个人账户不得提前支取",
                 Reported("situation: daily", "rules[0].citations", "缺少必填字段"), id="missing_citations"),
    pytest.param(CHANGSHA, "quote: 参保人员有以下情况的,可以申报医保个人账户提现:1、办理了异地安置的退休人员。", "quote:",
                 Reported("quote:", "quote", "不能为空", whole=True), id="empty_quote"),
    pytest.param(CHANGSHA, "- source: jiusong-changsha-death", "- source: jiusong-changsha-deaht",
                 Reported("jiusong-changsha-deaht", "source", "找不到来源", names="jiusong-changsha-death"),
                 id="dangling_source_reference"),
    pytest.param(CHANGSHA, "parent: hunan", "parent: hunnan",
                 Reported("parent: hunnan", "parent", "找不到上级地区"), id="dangling_parent"),
    pytest.param(CHANGSHA, "  - id: jiusong-changsha-death", "  - id: bendibao-changsha-2023-03-28",
                 Reported("id: bendibao-changsha-2023-03-28", "sources[1].id", "重复", occurrence=2),
                 id="duplicate_source_id"),
    pytest.param(CHANGSHA, "situation: transfer-out", "situation: relocated-retiree",
                 Reported("situation: relocated-retiree", "rules[1].situation", "已有一条规则", occurrence=2),
                 id="duplicate_situation_in_one_file"),
    pytest.param(CHANGSHA, "outcome: pay-heirs", "outcome: pay-heir",
                 Reported("outcome: pay-heir", "outcome", "词表里没有结果", names="pay-heirs"), id="unknown_outcome_suggests"),
    pytest.param(NATIONAL, "    issued: 2011-09-06\n    effective_from: 2011-10-15",
                 "    issued: 2011-09-06\n    effective_from: 2010-10-15",
                 Reported("effective_from: 2010-10-15", "effective_from", "日期顺序不对"), id="dates_out_of_order"),
    pytest.param(CHANGSHA, "last_verified: 2026-11-23", "last_verified: 2020-01-01",
                 Reported("last_verified: 2020-01-01", "last_verified", "日期顺序不对"),
                 id="verified_before_source_was_issued"),
    pytest.param(CHANGSHA, "last_verified: 2026-11-23", "last_verified: 2999-01-01",
                 Reported("2999-01-01", "last_verified", "未来"), id="future_date"),
    pytest.param(CHANGSHA, "issued: 2023-03-28", "issued: 2023-02-30",
                 Reported("2023-02-30", "issued", "没有这一天"), id="impossible_date"),
    pytest.param(CHANGSHA, "short_name: 长沙\n", "short_name: [长沙\n",
                 Reported("short_name: [长沙", "(文件)", "YAML 格式错误", offset=1), id="broken_yaml"),
])
def test_edit_is_reported(data_copy, file, old, new, expected):
    assert_edit_reported(data_copy, file, old, new, expected)


def test_duplicate_jurisdiction_id(data_copy):
    copy = data_copy / "policies/hunan/changsha2.yaml"
    copy.write_text((data_copy / CHANGSHA).read_text(encoding="utf-8").replace(
        "  - id: bendibao-changsha-2023-03-28", "  - id: bendibao-changsha-copy").replace(
        "  - id: jiusong-changsha-death", "  - id: jiusong-copy"), encoding="utf-8")
    assert_reported(data_copy, "policies/hunan/changsha2.yaml", line_of(copy, "id: changsha"), "id", "重复")


def test_tab_indentation(data_copy):
    edit(data_copy, CHANGSHA, "\n      - 这是 2023 年网络文章的说法", "\n\t- 这是 2023 年网络文章的说法")
    found = problems(data_copy)
    assert any(p["file"] == CHANGSHA and "Tab" in p["message"] for p in found), found


def test_not_utf8(data_copy):
    path = data_copy / CHANGSHA
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    assert_reported(data_copy, CHANGSHA, line_of_bytes(path), "(文件)", "UTF-8")


def line_of_bytes(path: Path) -> int:
    raw = path.read_bytes()
    for index in range(len(raw)):
        try:
            raw[: index + 1].decode("utf-8")
        except UnicodeDecodeError as error:
            if error.reason != "unexpected end of data":
                return raw[: error.start].count(b"\n") + 1
    raise AssertionError("file decodes as UTF-8")


def test_empty_file(data_copy):
    (data_copy / CHANGSHA).write_text("", encoding="utf-8")
    assert_reported(data_copy, CHANGSHA, 1, "(文件)", "空")


def test_all_problems_reported_in_one_run(data_copy):
    edit(data_copy, CHANGSHA, "parent: hunan", "parent: hunnan")
    edit(data_copy, NATIONAL, "last_verified: 2026-11-23", "last_verified: 2999-01-01")
    files = {p["file"] for p in problems(data_copy)}
    assert files == {CHANGSHA, NATIONAL}
