"""The malformed corpus: every broken file gives exit 1, a FILE:LINE: field: message naming it, no traceback.

Each folder in tests/malformed/ holds files to drop into a copy of the real
project (paths relative to the project root) and expect.txt, a fragment the
message about that file must contain.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

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
