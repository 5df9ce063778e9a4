"""Each kind of bad input is caught, with the right file, line and field, and no traceback."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_generator

CHANGSHA = "policies/hunan/changsha.yaml"
NATIONAL = "policies/national.yaml"
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def edit(root: Path, relative: str, old: str, new: str, count: int = 1) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems(root: Path) -> list[dict]:
    result = run_generator(root, "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [LINE.match(l) for l in result.stdout.splitlines()]
    assert lines and all(lines), result.stdout
    return [m.groupdict() for m in lines]


def assert_reported(root, file, line, field_part, message_part):
    found = problems(root)
    for p in found:
        if p["file"] == file and int(p["line"]) == line and field_part in p["field"] and message_part in p["message"]:
            return p
    pytest.fail(f"expected {file}:{line} {field_part} «{message_part}» in {found}")


def test_unknown_key_with_suggestion(data_copy):
    path = edit(data_copy, CHANGSHA, "\nsources:\n", "\nsoruces:\n")
    p = assert_reported(data_copy, CHANGSHA, line_of(path, "soruces:"), "soruces", "不认识的字段")
    assert "`sources`" in p["message"]


def test_misplaced_key(data_copy):
    path = edit(data_copy, CHANGSHA, "last_verified: 2026-11-23\n", "last_verified: 2026-11-23\nmaterials:\n  - 身份证\n")
    p = assert_reported(data_copy, CHANGSHA, line_of(path, "materials:"), "materials", "不认识的字段")
    assert "规则" in p["message"]


def test_duplicate_key(data_copy):
    path = edit(data_copy, CHANGSHA, "short_name: 长沙\n", "short_name: 长沙\nshort_name: 长沙市区\n")
    assert_reported(data_copy, CHANGSHA, line_of(path, "short_name:", 2), "short_name", "重复")


def test_wrong_type(data_copy):
    path = edit(data_copy, CHANGSHA, "    conditions:\n      - 退休人员已办理异地安置\n",
                "    conditions: 退休人员已办理异地安置\n")
    assert_reported(data_copy, CHANGSHA, line_of(path, "conditions: 退休"), "rules[0].conditions", "应为列表")


def test_missing_citations(data_copy):
    path = edit(data_copy, NATIONAL, "    citations:\n      - source: social-insurance-law\n        locator: 第二章 第十四条\n        quote: 个人账户不得提前支取",
                "    effective_from: 2011-07-01\n    old_citations:\n      - source: social-insurance-law\n        locator: 第二章 第十四条\n        quote: 个人账户不得提前支取")
    assert_reported(data_copy, NATIONAL, line_of(path, "situation: daily"), "rules[0].citations", "缺少必填字段")


def test_empty_quote(data_copy):
    path = edit(data_copy, CHANGSHA, "quote: 长沙医保卡余额提现有4种情况可以提", "quote:")
    number = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if l.strip() == "quote:")
    assert_reported(data_copy, CHANGSHA, number, "quote", "不能为空")


def test_dangling_source_reference(data_copy):
    path = edit(data_copy, CHANGSHA, "- source: jiusong-changsha-death", "- source: jiusong-changsha-deaht")
    p = assert_reported(data_copy, CHANGSHA, line_of(path, "jiusong-changsha-deaht"), "source", "找不到来源")
    assert "jiusong-changsha-death" in p["message"]


def test_dangling_parent(data_copy):
    path = edit(data_copy, CHANGSHA, "parent: hunan", "parent: hunnan")
    assert_reported(data_copy, CHANGSHA, line_of(path, "parent: hunnan"), "parent", "找不到上级地区")


def test_duplicate_jurisdiction_id(data_copy):
    copy = data_copy / "policies/hunan/changsha2.yaml"
    copy.write_text((data_copy / CHANGSHA).read_text(encoding="utf-8").replace(
        "  - id: bendibao-changsha-2023-03-28", "  - id: bendibao-changsha-copy").replace(
        "  - id: jiusong-changsha-death", "  - id: jiusong-copy"), encoding="utf-8")
    assert_reported(data_copy, "policies/hunan/changsha2.yaml", line_of(copy, "id: changsha"), "id", "重复")


def test_duplicate_source_id(data_copy):
    path = edit(data_copy, CHANGSHA, "  - id: jiusong-changsha-death", "  - id: bendibao-changsha-2023-03-28")
    assert_reported(data_copy, CHANGSHA, line_of(path, "id: bendibao-changsha-2023-03-28", 2), "sources[1].id", "重复")


def test_duplicate_situation_in_one_file(data_copy):
    path = edit(data_copy, CHANGSHA, "situation: transfer-out", "situation: relocated-retiree")
    assert_reported(data_copy, CHANGSHA, line_of(path, "situation: relocated-retiree", 2), "rules[1].situation", "已有一条规则")


def test_unknown_outcome_suggests(data_copy):
    path = edit(data_copy, CHANGSHA, "outcome: pay-heirs", "outcome: pay-heir")
    p = assert_reported(data_copy, CHANGSHA, line_of(path, "outcome: pay-heir"), "outcome", "词表里没有结果")
    assert "pay-heirs" in p["message"]


def test_dates_out_of_order(data_copy):
    path = edit(data_copy, NATIONAL, "    issued: 2011-09-06\n    effective_from: 2011-10-15",
                "    issued: 2011-09-06\n    effective_from: 2010-10-15")
    assert_reported(data_copy, NATIONAL, line_of(path, "effective_from: 2010-10-15"), "effective_from", "日期顺序不对")


def test_verified_before_source_was_issued(data_copy):
    path = edit(data_copy, CHANGSHA, "last_verified: 2026-11-23", "last_verified: 2020-01-01")
    assert_reported(data_copy, CHANGSHA, line_of(path, "last_verified: 2020-01-01"), "last_verified", "日期顺序不对")


def test_future_date(data_copy):
    path = edit(data_copy, CHANGSHA, "last_verified: 2026-11-23", "last_verified: 2999-01-01")
    assert_reported(data_copy, CHANGSHA, line_of(path, "2999-01-01"), "last_verified", "未来")


def test_impossible_date(data_copy):
    path = edit(data_copy, CHANGSHA, "issued: 2023-03-28", "issued: 2023-02-30")
    assert_reported(data_copy, CHANGSHA, line_of(path, "2023-02-30"), "issued", "没有这一天")


def test_broken_yaml(data_copy):
    path = edit(data_copy, CHANGSHA, "short_name: 长沙\n", "short_name: [长沙\n")
    assert_reported(data_copy, CHANGSHA, line_of(path, "short_name: [长沙") + 1, "(文件)", "YAML 格式错误")


def test_tab_indentation(data_copy):
    edit(data_copy, CHANGSHA, "\n  - 委托他人办理的", "\n\t- 委托他人办理的")
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
