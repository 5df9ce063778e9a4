"""new-city: a maintainer who follows the guide gets a valid file and a page."""
from __future__ import annotations

import re
from pathlib import Path

from helpers import page_html, rendered_site, run_generator, section

CITY = "policies/hunan/zhuzhou.yaml"
ZHUZHOU = "hunan/zhuzhou/"


def new_city(root: Path, *args: str):
    return run_generator(root, "new-city", *args)


def follow_the_guide(path: Path) -> None:
    """What CONTRIBUTING.md tells: uncomment the sources and rules blocks and last_verified, fill the placeholders."""
    out, block = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line in ("# rules:", "# sources:") or line.startswith("# last_verified:"):
            block = True
        if block and not line.strip():
            block = False
        if block:
            line = line[2:]
        out.append(line)
    text = "\n".join(out) + "\n"
    text = text.replace("https://……", "https://example.org/zhuzhou").replace("……", "测试内容")
    path.write_text(text.replace("YYYY-MM-DD", "2026-01-01"), encoding="utf-8")
    # …and archive what was read: a source with a URL needs its excerpt, holding every quote.
    excerpt = path.parents[1] / "excerpts" / f"{path.stem}-ybj-example.txt"
    excerpt.write_text("测试内容\n2026-01-01\n第十条 测试内容。\n", encoding="utf-8")


def test_skeleton_is_valid_and_builds_a_page(data_copy):
    result = new_city(data_copy, "--name", "株洲市", "--province", "hunan", "--id", "zhuzhou")
    assert result.returncode == 0, result.stderr
    text = (data_copy / CITY).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n")
    assert "id: zhuzhou" in text and "name: 株洲市" in text and "parent: hunan" in text
    result = run_generator(data_copy, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_html(rendered_site(data_copy, pages=(ZHUZHOU,)), ZHUZHOU)
    assert "株洲市" in page and "未核对" in page
    assert "本条沿用" in page                       # a city with no rules yet shows its province's and the state's


def test_guide_steps_give_a_page_with_the_new_rule(data_copy):
    assert new_city(data_copy, "--name", "株洲市", "--province", "hunan", "--id", "zhuzhou").returncode == 0
    follow_the_guide(data_copy / CITY)
    result = run_generator(data_copy, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_html(rendered_site(data_copy, pages=(ZHUZHOU,)), ZHUZHOU)
    death = section(page, "death")
    assert "本条沿用" not in death and "grade-A" in death and "测试内容" in death


def test_refuses_to_overwrite(data_copy):
    path = data_copy / "policies/hunan/changsha.yaml"
    before = path.read_bytes()
    result = new_city(data_copy, "--name", "长沙市", "--province", "hunan", "--id", "changsha")
    assert result.returncode == 1
    assert "已经存在" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_bad_options_are_all_reported(data_copy):
    result = new_city(data_copy, "--name", "株洲市", "--province", "hunnan", "--id", "Zhu Zhou")
    assert result.returncode == 1
    assert "--id" in result.stderr and "--province" in result.stderr and "hunan" in result.stderr
    assert not list((data_copy / "policies").rglob("*hunnan*"))


def test_missing_options_without_a_terminal_are_named(data_copy):
    result = new_city(data_copy, "--name", "株洲市")
    assert result.returncode == 1
    assert re.search(r"--province.*--id", result.stderr)
    assert not (data_copy / CITY).exists()


def test_awkward_name_is_quoted(data_copy):
    assert new_city(data_copy, "--name", "某地: 新区", "--province", "hunan", "--id", "mouxin").returncode == 0
    result = run_generator(data_copy, "validate")
    assert result.returncode == 0, result.stdout
