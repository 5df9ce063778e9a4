"""`python -m generator check-links`: the opt-in live check of every source URL.

Tries every URL over the network (short timeout, small pool) and prints a report;
it is never part of the default tests or the build. Known-dead URLs and their
archived copies come from generator.load.deadurls.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..load import deadurls
from ..load.problems import DataError
from ..model import KnowledgeBase


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
    dead, problems = deadurls.read(root)
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
