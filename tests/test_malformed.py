"""The malformed corpus: every broken file gives exit 1, a FILE:LINE: field: message naming it, no traceback.

Each folder in tests/malformed/ holds files to drop into a copy of the real
project (paths relative to the project root) and expect.txt, a fragment the
message about that file must contain.
"""
from __future__ import annotations

import copy
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import cli_main, edit, line_of, problems, rejected

CORPUS = Path(__file__).resolve().parent / "malformed"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def _run_in_process(root: Path, capsys) -> tuple[int, str, str]:
    """The command line's main(), in this process (a subprocess per case is ~1 s each)."""
    capsys.readouterr()
    code = cli_main(["--root", str(root), "validate"])     # an uncaught exception fails the test
    out = capsys.readouterr()
    return code, out.out, out.err


def check_rejected(root: Path, broken: set[str], expect: str, capsys=None) -> list[dict]:
    found = problems(root) if capsys is None else rejected(*_run_in_process(root, capsys))
    about_broken = [p for p in found if p["file"] in broken]
    assert about_broken, f"no problem names {broken}: {found}"
    assert any(expect in p["field"] + ": " + p["message"] for p in about_broken), (expect, about_broken)
    return found


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_malformed_file_is_rejected_clearly(case, data_copy, capsys):
    folder = CORPUS / case
    broken = set()
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "expect.txt":
            relative = path.relative_to(folder)
            (data_copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, data_copy / relative)
            broken.add(relative.as_posix())
    check_rejected(data_copy, broken, (folder / "expect.txt").read_text(encoding="utf-8").strip(), capsys)


def test_huge_file_is_rejected(data_copy):
    """5 MB of valid-looking YAML: refused by size before parsing (generated here, not committed).

    Run as a real command, like the nesting case below, to show no traceback escapes the CLI."""
    city = CORPUS / "empty-quote/policies/hunan/zhuzhou.yaml"
    text = city.read_text(encoding="utf-8").replace("quote:", "quote: 个人账户余额可以继承")
    filler = "".join(f"  - 第 {i} 条说明，用来把文件撑大。\n" for i in range(120_000))
    text = text.replace("notes:\n", "notes:\n" + filler)
    assert len(text.encode("utf-8")) > 5_000_000
    (data_copy / "policies/hunan/zhuzhou.yaml").write_text(text, encoding="utf-8")
    check_rejected(data_copy, {"policies/hunan/zhuzhou.yaml"}, "文件太大")


def test_broken_file_leaves_other_files_checked(data_copy):
    """One broken file does not hide the problems of another: all are reported in one run."""
    shutil.copy(CORPUS / "tab-indent/policies/hunan/zhuzhou.yaml", data_copy / "policies/hunan/zhuzhou.yaml")
    changsha = data_copy / "policies/hunan/changsha.yaml"
    changsha.write_text(changsha.read_text(encoding="utf-8").replace("parent: hunan", "parent: hunnan"),
                        encoding="utf-8")
    found = check_rejected(data_copy, {"policies/hunan/zhuzhou.yaml"}, "Tab")
    assert any(p["file"] == "policies/hunan/changsha.yaml" and p["field"] == "parent" for p in found)


def test_deep_nesting_through_the_command_line(data_copy):
    shutil.copy(CORPUS / "deep-nesting/policies/hunan/zhuzhou.yaml", data_copy / "policies/hunan/zhuzhou.yaml")
    check_rejected(data_copy, {"policies/hunan/zhuzhou.yaml"}, "嵌套太深")


def test_status_cite_out_of_range_is_reported_at_status_cite(data_copy, capsys):
    """A `status_cite` number with no such citation is reported at status_cite[i], on its own line
    (it was reported as `rules[n].s.cite[0]` on the rule's first line)."""
    xiamen = edit(data_copy, "policies/fujian/xiamen.yaml", "status_cite: [4]", "status_cite: [9]")
    found = check_rejected(data_copy, {"policies/fujian/xiamen.yaml"}, "依据编号 9 超出范围", capsys)
    about = [p for p in found if "依据编号 9" in p["message"]]
    assert len(about) == 1, about
    assert about[0]["field"].endswith(".status_cite[0]"), about
    assert about[0]["field"].startswith("rules["), about
    assert int(about[0]["line"]) == line_of(xiamen, "status_cite: [9]"), about


@pytest.mark.parametrize("reserved", ["answer", "rules", "service", "checker"])
def test_situation_id_that_is_a_page_anchor_is_refused(data_copy, capsys, reserved):
    """A situation's id names its rule's anchors on every place page: one that is also a fixed section
    of the page (urls.PLACE_ANCHORS) is refused at that id, with file, line and field."""
    for path in (data_copy / "policies").rglob("*.yaml"):          # renamed everywhere it is named
        path.write_text(re.sub(r"\bdaily\b", reserved, path.read_text(encoding="utf-8")), encoding="utf-8")
    vocabulary = data_copy / "policies/vocabulary.yaml"
    found = check_rejected(data_copy, {"policies/vocabulary.yaml"}, f"#{reserved}", capsys)
    about = [p for p in found if p["file"] == "policies/vocabulary.yaml"]
    assert about == [p for p in about if p["field"] == "situations[0].id"], about
    assert int(about[0]["line"]) == line_of(vocabulary, f"- id: {reserved}", whole=True)
    assert "冲突" in about[0]["message"] and len(found) == 1, found


# -- a file that parses is checked whole --------------------------------------------------------------

CHANGSHA = "policies/hunan/changsha.yaml"


def _validate(root: Path, capsys) -> list[dict]:
    return rejected(*_run_in_process(root, capsys))


def _at(found: list[dict], file: str, line: int, field: str, fragment: str) -> dict:
    for p in found:
        if p["file"] == file and int(p["line"]) == line and p["field"] == field and fragment in p["message"]:
            return p
    pytest.fail(f"expected {file}:{line}: {field}: …{fragment}… in {found}")


def test_schema_problem_does_not_hide_the_files_other_problems(data_copy, capsys):
    """One run shows a schema problem (first rule without a summary), a text problem and the cross-file
    problems of the same file: the second rule's unknown source, at its own line and field name even
    though the first rule is left out of the cross-file checks."""
    path = edit(data_copy, CHANGSHA, "    summary: 第三方网站（2023 年）说，办理了异地安置的退休人员，可以申请把医保个人账户余额提现。\n", "")
    edit(data_copy, CHANGSHA, "name: 长沙市", "name: 长沙市<b>")
    text = path.read_text(encoding="utf-8")
    second_rule = text.index("  - situation: transfer-out")
    source = text.index("    - source: ", second_rule)
    source_id = text[source:].split("\n", 1)[0].split("source: ")[1]
    path.write_text(text[:source] + text[source:].replace(f"source: {source_id}", "source: no-such-source", 1),
                    encoding="utf-8")
    found = _validate(data_copy, capsys)
    _at(found, CHANGSHA, line_of(path, "  - situation: relocated-retiree"), "rules[0].summary", "缺少必填字段")
    _at(found, CHANGSHA, line_of(path, "name: 长沙市<b>"), "name", "HTML")
    _at(found, CHANGSHA, line_of(path, "source: no-such-source"), "rules[1].citations[0].source", "找不到来源")


def test_misplaced_field_and_rule_problem_in_one_run(data_copy, capsys):
    """An unknown field (schema) and an unknown situation in a later rule: both reported."""
    path = edit(data_copy, CHANGSHA, "short_name: 长沙", "short_name: 长沙\nshortname: 长沙")
    edit(data_copy, CHANGSHA, "  - situation: death", "  - situation: deth")
    found = _validate(data_copy, capsys)
    _at(found, CHANGSHA, line_of(path, "shortname: 长沙"), "shortname", "不认识的字段")
    _at(found, CHANGSHA, line_of(path, "  - situation: deth"), "rules[3].situation", "是不是想写")


def test_rules_without_last_verified_are_still_checked(data_copy, capsys):
    """A new city's usual slip (rules written, last_verified still commented out) does not hide the rules' problems."""
    path = edit(data_copy, CHANGSHA, "last_verified: 2026-11-23\n", "")
    edit(data_copy, CHANGSHA, "  - situation: death", "  - situation: deth")
    found = _validate(data_copy, capsys)
    _at(found, CHANGSHA, line_of(path, "rules:", whole=True), "last_verified", "写了 `rules` 就必须写 `last_verified`")
    _at(found, CHANGSHA, line_of(path, "  - situation: deth"), "rules[3].situation", "词表里没有情形")


def test_bad_list_item_left_out_keeps_later_items_numbered_as_in_the_file(data_copy, capsys):
    """A source with a wrong class is left out, without its citations being reported as pointing nowhere;
    a duplicate id further down is named by its own index."""
    path = edit(data_copy, CHANGSHA, "    class: 第三方", "    class: 三方")
    text = path.read_text(encoding="utf-8")
    sources = text.index("\nsources:\n")
    ids = [line.split("id: ")[1] for line in text[sources:].splitlines() if line.startswith("  - id: ")]
    path.write_text(text.replace(f"  - id: {ids[2]}\n", f"  - id: {ids[1]}\n", 1), encoding="utf-8")
    found = _validate(data_copy, capsys)
    _at(found, CHANGSHA, line_of(path, "    class: 三方"), "sources[0].class", "只能填")
    _at(found, CHANGSHA, line_of(path, f"  - id: {ids[1]}", occurrence=2), "sources[2].id", "重复")
    assert any(f"source: {ids[0]}" in line for line in text.splitlines()), "test setup: the source is cited"
    assert not [p for p in found if f"`{ids[0]}`" in p["message"]], found


# -- messages a newcomer can act on -------------------------------------------------------------------

@pytest.mark.parametrize("old, new, field, fragments", [
    pytest.param("last_verified: 2026-11-23", "last_verified: 2026-02-30", "last_verified",
                 ["没有这一天", "YYYY-MM-DD"], id="impossible-day"),
    pytest.param("last_verified: 2026-11-23", "last_verified: 2026/11/23", "last_verified",
                 ["格式不对", "YYYY-MM-DD"], id="slashes"),
    pytest.param("last_verified: 2026-11-23", "last_verified: 2026", "last_verified",
                 ["应为文字，这里写成了数字 2026", "YYYY-MM-DD", '"2018"'], id="year-as-number"),
    pytest.param("  - situation: death", "  - situation: deth", "rules[3].situation",
                 ["是不是想写 `death`", "policies/vocabulary.yaml 的 situations"], id="unknown-situation"),
    pytest.param("    outcome: pay-heirs", "    outcome: pay-heir", "rules[3].outcome",
                 ["是不是想写 `pay-heirs`", "policies/vocabulary.yaml 的 outcomes"], id="unknown-outcome"),
    pytest.param("name: 长沙市", "name: 2024", "name",
                 ["应为文字，这里写成了数字 2024", '加上引号，例如 "2024"'], id="number-as-text"),
    pytest.param("      cite: [1]\n    - type: 窗口", '      cite: ["1"]\n    - type: 窗口', "service.channels[0].cite[0]",
                 ["应为整数", "不加引号"], id="cite-quoted"),
    pytest.param("      cite: [1]\n    - type: 窗口", "      cite: [0]\n    - type: 窗口", "service.channels[0].cite[0]",
                 ["不加引号的整数"], id="cite-zero"),
])
def test_message_says_what_to_write(data_copy, capsys, old, new, field, fragments):
    path = edit(data_copy, CHANGSHA, old, new)
    found = _validate(data_copy, capsys)
    line = line_of(path, new.split("\n")[0])
    for fragment in fragments:
        _at(found, CHANGSHA, line, field, fragment)


def test_editorial_written_as_a_word(data_copy, capsys):
    path = edit(data_copy, "policies/glossary.yaml", "    editorial: true", "    editorial: yes")
    found = _validate(data_copy, capsys)
    line = line_of(path, "    editorial: yes")
    field = next(p["field"] for p in found if p["file"] == "policies/glossary.yaml" and int(p["line"]) == line)
    _at(found, "policies/glossary.yaml", line, field, "应为是/否，这里写成了文字 “yes”：写 true 或 false，不加引号")


def test_broken_vocabulary_word_is_reported_once(data_copy, capsys):
    """A situation the schema refuses stops the checks at the vocabulary: the rules naming it are not
    each reported as naming an unknown situation."""
    path = edit(data_copy, "policies/vocabulary.yaml", "  - id: death\n", "  - id: Death\n")
    found = _validate(data_copy, capsys)
    _at(found, "policies/vocabulary.yaml", line_of(path, "  - id: Death"), "situations[7].id", "格式不对")
    assert not [p for p in found if "词表里没有" in p["message"]], found


def _node_paths(node, path=()):
    yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from _node_paths(child, path + (key,))


def test_any_value_of_the_wrong_shape_is_reported_not_a_crash(data_copy, capsys):
    """A file that parses is checked whole whatever part of it is wrong: 24 seeded edits of real files (a
    field deleted, or a value replaced by one of the wrong shape) each give a clean report (exit 0 or 1)."""
    rng = random.Random(19)
    wrong = [None, 7, True, "", "x", [], {}, ["x"], {"x": 1}, "2024-02-30", [7]]
    files = ["policies/hunan/changsha.yaml", "policies/national.yaml", "policies/glossary.yaml",
             "policies/faq.yaml", "policies/claims.yaml", "policies/vocabulary.yaml"]
    original = {f: (data_copy / f).read_text(encoding="utf-8") for f in files}
    for _ in range(24):
        target = rng.choice(files)
        data = yaml.safe_load(original[target])
        for _ in range(rng.randint(1, 3)):
            path = rng.choice([p for p in _node_paths(data) if p] or [None])
            if path is None:
                break
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            if rng.random() < 0.4:
                del parent[path[-1]]
            else:
                parent[path[-1]] = copy.deepcopy(rng.choice(wrong))
        (data_copy / target).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        code, out, err = _run_in_process(data_copy, capsys)       # an exception fails the test
        assert code in (0, 1) and "Traceback" not in out + err, (target, out, err)
        if code == 1:
            rejected(code, out, err)
        (data_copy / target).write_text(original[target], encoding="utf-8")


def test_general_questions_and_glossary_are_checked_despite_other_files_problems(data_copy, capsys):
    """faq.yaml and glossary.yaml are checked after the model is built; with a problem elsewhere their
    own problems (here a source that does not exist) are still reported in the same run."""
    city = edit(data_copy, CHANGSHA, "  - situation: death", "  - situation: deth")
    faq = edit(data_copy, "policies/faq.yaml", "      - source: social-insurance-law", "      - source: social-insurance-lw")
    glossary = data_copy / "policies/glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    cited = text[text.index("\n      - source: ") + 1:].split("\n", 1)[0]
    edit(data_copy, "policies/glossary.yaml", cited, cited + "-typo")
    found = _validate(data_copy, capsys)
    _at(found, CHANGSHA, line_of(city, "  - situation: deth"), "rules[3].situation", "词表里没有情形")
    _at(found, "policies/faq.yaml", line_of(faq, "source: social-insurance-lw"), "questions[0].citations[0].source",
        "找不到来源")
    assert any(p["file"] == "policies/glossary.yaml" and int(p["line"]) == line_of(glossary, cited + "-typo")
               and "找不到来源" in p["message"] for p in found), found
