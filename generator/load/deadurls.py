"""data/known-dead-urls.yaml: source URLs known to be dead, each with an archived copy.

Read with the rest of the data (generator.load), so the copy shown next to a dead
link always comes from the root being built; never cached between builds.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import KnowledgeBase
from ..model.dates import date_range
from .problems import Problem, display_path
from .yamlfile import load

DEAD_URLS_FILE = Path("data") / "known-dead-urls.yaml"
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read(root: Path) -> tuple[dict[str, dict], list[Problem]]:
    """{url: {"archived", "checked"}} and the problems of the file's own shape."""
    path = root / DEAD_URLS_FILE
    if not path.exists():
        return {}, []
    loaded, problems = load(path, display_path(path, root))
    if loaded is None:
        return {}, problems
    shown = loaded.shown
    entries = loaded.data.get("dead") if isinstance(loaded.data, dict) else None
    if not isinstance(entries, list):
        return {}, [Problem(shown, 1, "dead", "应为列表（没有失效网址时写 dead: []）")]
    dead: dict[str, dict] = {}
    for index, item in enumerate(entries):
        where = ("dead", index)
        if not isinstance(item, dict) or set(item) - {"url", "archived", "checked"}:
            problems.append(Problem(shown, loaded.line_of(where), f"dead[{index}]", "每项只写 url、archived、checked"))
            continue
        for key in ("url", "archived"):
            if not isinstance(item.get(key), str) or not _URL.match(item[key]):
                problems.append(Problem(shown, loaded.line_of(where + (key,)), f"dead[{index}].{key}",
                                        "缺少网址或格式不对：要以 http:// 或 https:// 开头，不能有空格"))
        checked = item.get("checked")
        if not (isinstance(checked, str) and _DATE.match(checked) and date_range(checked)):
            problems.append(Problem(shown, loaded.line_of(where + ("checked",)), f"dead[{index}].checked",
                                    "缺少日期或日期不对：写确认失效的日期 YYYY-MM-DD"))
        if item.get("url") == item.get("archived"):
            problems.append(Problem(shown, loaded.line_of(where + ("archived",)), f"dead[{index}].archived",
                                    "存档网址与原网址相同"))
        if item.get("url") in dead:
            problems.append(Problem(shown, loaded.line_of(where + ("url",)), f"dead[{index}].url", "网址重复"))
        dead[item.get("url")] = {"archived": item.get("archived"), "checked": item.get("checked"),
                                 "line": loaded.line_of(where + ("url",)), "index": index}
    return dead, problems


def check_used(dead: dict[str, dict], kb: KnowledgeBase, root: Path) -> list[Problem]:
    """Every listed URL is the url of some source."""
    problems = []
    path = root / DEAD_URLS_FILE
    used = {s.url for s in kb.sources.values() if s.url}
    for url, entry in dead.items():
        if url not in used:
            problems.append(Problem(display_path(path, root), entry["line"], f"dead[{entry['index']}].url",
                                    f"没有哪个来源的 url 是 {url}：删掉这一项，或照抄来源里的网址"))
    return problems
