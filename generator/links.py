"""Source links: the offline list of known-dead URLs, and the opt-in live check.

data/known-dead-urls.yaml maps a dead source URL to an archived copy; pages
show the copy next to the dead link. `python -m generator check-links` tries
every URL over the network (short timeout, small pool) and prints a report;
it is never part of the default tests or the build.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from .model import KnowledgeBase
from .problems import DataError, Problem, display_path
from .dates import date_range
from .yamlfile import load

ROOT = Path(__file__).resolve().parent.parent
DEAD_URLS_PATH = ROOT / "data" / "known-dead-urls.yaml"
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_dead(path: Path = DEAD_URLS_PATH, root: Path = ROOT) -> tuple[dict[str, dict], list[Problem]]:
    """{url: {"archived", "checked"}} and the problems of the file's own shape."""
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


def check_dead_list(kb: KnowledgeBase, path: Path = DEAD_URLS_PATH, root: Path = ROOT) -> list[Problem]:
    """The list's shape, plus: every listed URL is the url of some source."""
    dead, problems = read_dead(path, root)
    used = {s.url for s in kb.sources.values() if s.url}
    for url, entry in dead.items():
        if url not in used:
            problems.append(Problem(display_path(path, root), entry["line"], f"dead[{entry['index']}].url",
                                    f"没有哪个来源的 url 是 {url}：删掉这一项，或照抄来源里的网址"))
    return problems


@cache
def archived_url(url: str | None) -> str | None:
    """The archived copy of a known-dead URL, for the pages."""
    return read_dead(DEAD_URLS_PATH)[0].get(url, {}).get("archived") if url else None


def _probe(url: str, timeout: float) -> str:
    """'ok' or a short reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "policy-link-check/1"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return "ok" if response.status < 400 else f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue                         # some servers refuse HEAD: try GET once
            return f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return f"打不开（{reason}）"
    return "打不开"


def check_links(root: Path, kb: KnowledgeBase, timeout: float = 5.0, workers: int = 8) -> int:
    """Try every source URL (and every archived copy); print a report; 0 if all open, else 1."""
    dead, problems = read_dead(root / "data" / "known-dead-urls.yaml", root)
    if problems:
        raise DataError(problems)
    targets = sorted({(s.url, s.id) for s in kb.sources.values() if s.url}
                     | {(e["archived"], f"存档：{u}") for u, e in dead.items()})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda t: _probe(t[0], timeout), targets))
    print("| 结果 | 网址 | 来源 | 已知失效 |")
    print("| --- | --- | --- | --- |")
    failed = 0
    for (url, owner), result in zip(targets, results):
        failed += result != "ok"
        known = "是，已有存档" if url in dead else ""
        print(f"| {'能打开' if result == 'ok' else result} | {url} | {owner} | {known} |")
    print(f"\n共 {len(targets)} 个网址，{len(targets) - failed} 个能打开，{failed} 个打不开。")
    if failed:
        print("打不开的网址：先在浏览器里确认；确实失效的，找到存档后加进 data/known-dead-urls.yaml。")
    return 1 if failed else 0
