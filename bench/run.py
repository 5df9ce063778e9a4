"""Benchmark: build the whole country from synthetic data and print the figures that matter.

    .venv/bin/python bench/run.py            # N=400 and N/4=100   (or: make bench)
    .venv/bin/python bench/run.py --n 40 --json

For N and N/4 it writes a synthetic project (bench/synth.py) into a temporary
folder, runs the real pipeline in fresh child processes — generator.site.build.generate
(validation + Markdown + JSON), then the same `mkdocs build --strict` and finish_site
(search refinement, compaction) that generator.site.build.build runs — and measures time, peak memory (ru_maxrss of each
child) and the built site: total size, largest and median city page (raw and
gzip -9), what the median city page loads (its HTML + the CSS/JS it references,
not the search index, which is fetched by the search worker), and the search
index. Targets are checked here, never in timed tests.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.synth import synthesise  # noqa: E402
from generator.site import PAGE_BUDGET_KB  # noqa: E402

# Figure names, in print order: (key, label, unit).
FIGURES = [
    ("jurisdictions", "jurisdictions (cities + provinces + national)", ""),
    ("rules", "rules written", ""),
    ("sources", "sources", ""),
    ("validate_s", "validation, CPU seconds", "s"),
    ("generate_s", "generation (validate + render + write), CPU seconds", "s"),
    ("engine_s", "site engine (mkdocs build --strict), CPU seconds", "s"),
    ("finish_s", "after the engine: search refinement + HTML compaction (finish_site), CPU seconds", "s"),
    ("total_s", "total build, CPU seconds", "s"),
    ("total_wall_s", "total build, wall seconds", "s"),
    ("generation_share", "generation / total build (CPU)", "%"),
    ("generator_peak_mb", "peak memory, generator", "MB"),
    ("engine_peak_mb", "peak memory, site engine", "MB"),
    ("site_files", "site files", ""),
    ("site_mb", "site size", "MB"),
    ("html_pages", "HTML pages", ""),
    ("largest_page", "largest page", "path"),
    ("largest_page_kb", "largest page HTML", "KB"),
    ("largest_page_gz_kb", "largest page HTML gzipped", "KB"),
    ("median_city_page_kb", "median city page HTML", "KB"),
    ("median_city_page_gz_kb", "median city page HTML gzipped", "KB"),
    ("median_city_before_article_kb", "median city page HTML before its article (head, header, menu)", "KB"),
    ("median_city_loads_kb", "median city page + CSS/JS it loads", "KB"),
    ("median_city_loads_gz_kb", "median city page + CSS/JS it loads, gzipped", "KB"),
    ("home_page_kb", "home page HTML", "KB"),
    ("home_page_gz_kb", "home page HTML gzipped", "KB"),
    ("search_index_kb", "search index", "KB"),
    ("search_index_gz_kb", "search index gzipped", "KB"),
    ("max_page_elements", "most HTML elements on one page", ""),
    ("max_page_elements_page", "page with the most HTML elements", "path"),
    ("max_situation_page_elements", "most HTML elements on a situation's national list (compare/<situation>/)", ""),
    ("max_situation_page_kb", "largest situation national list HTML (compare/<situation>/)", "KB"),
    ("stock_engine_s", "stock MkDocs + Material build of the same pages' text, CPU seconds", "s"),
    ("engine_vs_stock", "site engine CPU / stock engine CPU", ""),
    ("preview_s", "preview: one city file saved → its page and comparison page updated, wall seconds", "s"),
]

MAX_PAGE_ELEMENTS = 1400     # Lighthouse's "excessive DOM size" threshold

# (description, check on the figures at N and N/4)
TARGETS = [
    ("generation ≤ 10 % of the whole build at N (CPU)", lambda big, small: big["generation_share"] <= 10),
    ("build time grows no faster than linearly: total CPU(N) / total CPU(N/4) ≤ 4.4",
     lambda big, small: big["total_s"] / small["total_s"] <= 4.4),
    ("median city page HTML < 40 KB", lambda big, small: big["median_city_page_kb"] < 40),
    (f"median city page + everything it loads < {PAGE_BUDGET_KB} KB gzipped",
     lambda big, small: big["median_city_loads_gz_kb"] < PAGE_BUDGET_KB),
    ("search index < 1.5 MB gzipped at N", lambda big, small: big["search_index_gz_kb"] < 1536),
    (f"no page above {MAX_PAGE_ELEMENTS} HTML elements at N",
     lambda big, small: big["max_page_elements"] <= MAX_PAGE_ELEMENTS),
    (f"each situation's national list (every place named) within {MAX_PAGE_ELEMENTS} HTML elements at N",
     lambda big, small: 0 < big["max_situation_page_elements"] <= MAX_PAGE_ELEMENTS),
    ("site engine CPU ≤ 1.25 × a stock build of the same pages at N", lambda big, small: big["engine_vs_stock"] <= 1.25),
    ("preview updates within 5 s (wall) after one city file is saved at N", lambda big, small: big["preview_s"] <= 5),
]

# Each phase runs in a fresh interpreter, like `python -m generator build` does. CPU seconds
# (process_time, or the rusage of the MkDocs process) are reported beside wall time because a
# shared machine's load inflates wall time but hardly CPU time; the targets use CPU time.
_GENERATE = """
import json, sys, time
from pathlib import Path
from generator.site.build import generate
from generator.load import load_knowledge_base
root, out = Path(sys.argv[1]), Path(sys.argv[2])
wall, cpu = time.perf_counter(), time.process_time()
config = generate(root, out)           # cold, as in a real build: validate + render + write
generated = time.perf_counter() - wall, time.process_time() - cpu
cpu = time.process_time()
load_knowledge_base(root)              # again, alone, to show validation's share
print(json.dumps({"config": str(config), "generate_wall": generated[0], "generate_s": generated[1],
                  "validate_s": time.process_time() - cpu}))
"""

_ENGINE = """
import json, resource, sys, time
from pathlib import Path
from generator.load import load_knowledge_base
from generator.site.build import finish_site, run_engine
config, site, root = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
kb = load_knowledge_base(root)         # build() has it from generate(): not timed
wall = time.perf_counter()
run_engine(config, site)
engine_wall = time.perf_counter() - wall
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
wall, cpu = time.perf_counter(), time.process_time()
finish_site(site, kb)
print(json.dumps({"engine_wall": engine_wall, "engine_s": usage.ru_utime + usage.ru_stime,
                  "finish_wall": time.perf_counter() - wall, "finish_s": time.process_time() - cpu}))
"""


def _child(command: list[str], cwd: Path) -> tuple[str, float, float]:
    """Run a child; return its stdout, wall seconds and peak resident memory in MB (its own rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{err.read().decode('utf-8', 'replace')}")
        return out.read().decode("utf-8"), wall, usage.ru_maxrss / 1024


class _Assets(HTMLParser):
    """Stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_loads(page: Path) -> list[bytes]:
    """A built page and every stylesheet and script it references, search index aside.

    The search index is fetched by the search worker when a reader searches; it is
    measured on its own.
    """
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    loaded = [html]
    for url in parser.urls:
        if "://" in url or url.startswith("//"):
            raise SystemExit(f"{page}: loads from another host: {url}")
        target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        if "search" not in target.name:
            loaded.append(target.read_bytes())
    return loaded


class _Elements(HTMLParser):
    """Counts elements (start tags) and collects the visible text of the page's article, block by block."""
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "dt", "dd", "figcaption", "summary"}

    def __init__(self):
        super().__init__()
        self.count = 0
        self.depth = 0            # inside <article>
        self.skip = 0             # inside <script>/<style>/<svg>
        self.blocks: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.count += 1
        if tag == "article":
            self.depth += 1
        elif tag in ("script", "style", "svg"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        self.count += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._flush()
            self.depth -= 1
        elif tag in ("script", "style", "svg"):
            self.skip -= 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)

    def _flush(self):
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(text)
        self.text = []


def page_elements(html: bytes) -> _Elements:
    parser = _Elements()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def _kb(size: int) -> float:
    return round(size / 1024, 1)


def measure_site(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = {p: p.read_bytes() for p in files if p.suffix == ".html"}
    largest = max(pages, key=lambda p: len(pages[p]))
    export = json.loads((site / "api/v1/policies.json").read_text(encoding="utf-8"))
    city_pages = sorted((site / j["url"] / "index.html" for j in export["jurisdictions"] if j["level"] == "city"),
                        key=lambda p: len(pages[p]))
    median = city_pages[len(city_pages) // 2]
    loaded = page_loads(median)
    index = (site / "search/search_index.json").read_bytes()
    home = pages[site / "index.html"]
    elements = {p: page_elements(html).count for p, html in pages.items()}
    heaviest = max(elements, key=elements.get)
    # compare/<situation>/ names every place: its own figure (compare/in/ holds the unit tables)
    situation_pages = [p for p in pages if p.parent.parent == site / "compare" and p.parent.name != "in"]
    return {
        "max_situation_page_elements": max((elements[p] for p in situation_pages), default=0),
        "max_situation_page_kb": _kb(max((len(pages[p]) for p in situation_pages), default=0)),
        "max_page_elements": elements[heaviest],
        "max_page_elements_page": heaviest.relative_to(site).as_posix(),
        "site_files": len(files),
        "site_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1),
        "html_pages": len(pages),
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_kb": _kb(len(pages[largest])),
        "largest_page_gz_kb": _kb(_gz(pages[largest])),
        "median_city_page_kb": _kb(len(pages[median])),
        "median_city_page_gz_kb": _kb(_gz(pages[median])),
        # What a phone downloads and parses before the first line of the answer: the menu sits in a
        # drawer there, but it comes first in the HTML.
        "median_city_before_article_kb": _kb(pages[median].find(b"<article")),
        "median_city_loads_kb": _kb(sum(len(d) for d in loaded)),
        "median_city_loads_gz_kb": _kb(sum(_gz(d) for d in loaded)),
        "home_page_kb": _kb(len(home)),
        "home_page_gz_kb": _kb(_gz(home)),
        "search_index_kb": _kb(len(index)),
        "search_index_gz_kb": _kb(_gz(index)),
    }


_STOCK = """
import json, resource, subprocess, sys, time
config, site = sys.argv[1], sys.argv[2]
subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site], check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"stock_engine_s": usage.ru_utime + usage.ru_stime}))
"""


def stock_project(config_path: Path, site: Path, out: Path) -> Path:
    """A stock site with our navigation and page count: each page's visible text (from the built page's
    article) as plain paragraphs, stock Material (no overrides, CSS or JS of ours), the same search settings."""
    import yaml
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    docs = Path(config["docs_dir"])
    stock_docs = out / "docs"
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs).as_posix()
        stem = relative[:-len(".md")]
        url = stem[:-len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
        built = site / url / "index.html"
        blocks = page_elements(built.read_bytes()).blocks if built.exists() else []
        escaped = [_stock_escape(b) for b in blocks]
        title = blocks[0] if blocks else stem
        target = stock_docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n" + "\n\n".join(escaped) + "\n",
                          encoding="utf-8")
    stock = {"site_name": config["site_name"], "use_directory_urls": True, "docs_dir": str(stock_docs.resolve()),
             "theme": {"name": "material", "language": config["theme"].get("language", "zh"),
                       "features": config["theme"].get("features", [])},
             "plugins": config["plugins"], "nav": config["nav"]}
    path = out / "mkdocs.yml"
    path.write_text(yaml.safe_dump(stock, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _stock_escape(text: str) -> str:
    import html
    import re
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>])", r"\\\1", html.escape(text, quote=False))


def measure_preview(root: Path, timeout: float = 120.0) -> float:
    """Start `python -m generator serve` on the project, save one city file with a changed rule summary,
    and time (wall) until the city's page and the comparison page showing that rule are both updated."""
    import socket
    import yaml
    export = json.loads((root / "site/api/v1/policies.json").read_text(encoding="utf-8"))
    city = sorted((j for j in export["jurisdictions"] if j["level"] == "city"), key=lambda j: j["id"])[0]
    path = next(p for p in (root / "policies").rglob(f"{city['id']}.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = data["rules"][0]
    marker = "预览计时标记"
    rule["summary"] = rule["summary"].rstrip("。") + marker + "。"
    province = city["url"].strip("/").split("/")[0]
    preview = root / "build/preview"
    watched = [preview / city["url"] / "index.html", preview / "compare" / rule["situation"] / province / "index.html"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve",
                               "--address", f"127.0.0.1:{port}"], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout * 3
        # Ready when the server answers: it watches the files from then on (LiveReloadServer.serve starts
        # its file watcher before it serves), after the first build and its finish_site.
        while not _answers(f"http://127.0.0.1:{port}/"):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("preview did not start")
            time.sleep(0.2)
        if not all(p.exists() for p in watched):
            raise SystemExit(f"the preview has no {' or '.join(str(p) for p in watched if not p.exists())}")
        time.sleep(2)                      # let the watcher settle after the first build
        start = time.perf_counter()
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        while not all(marker in p.read_text(encoding="utf-8") for p in watched):
            if time.perf_counter() - start > timeout:
                raise SystemExit("preview did not update")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()


def _answers(url: str) -> bool:
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def measure(n: int, work: Path) -> dict:
    root = work / f"n{n}"
    counts = synthesise(root, n)
    output, _, generator_peak = _child([sys.executable, "-c", _GENERATE, str(root), str(root / "build")], REPO)
    phases = json.loads(output.strip().splitlines()[-1])
    site = root / "site"
    # The same two steps generator.site.build.build runs after generate(), in one child.
    output, _, engine_peak = _child([sys.executable, "-c", _ENGINE, phases["config"], str(site), str(root)], REPO)
    phases.update(json.loads(output.strip().splitlines()[-1]))
    total = phases["generate_s"] + phases["engine_s"] + phases["finish_s"]
    figures = {
        "n": n,
        "jurisdictions": counts["cities"] + counts["provinces"] + 1,
        "rules": counts["rules"],
        "sources": counts["sources"],
        "history": counts["history"],
        "validate_s": round(phases["validate_s"], 2),
        "generate_s": round(phases["generate_s"], 2),
        "engine_s": round(phases["engine_s"], 2),
        "finish_s": round(phases["finish_s"], 2),
        "total_s": round(total, 2),
        "total_wall_s": round(phases["generate_wall"] + phases["engine_wall"] + phases["finish_wall"], 2),
        "generation_share": round(100 * phases["generate_s"] / total, 1),
        "generator_peak_mb": round(generator_peak, 1),
        "engine_peak_mb": round(engine_peak, 1),
    }
    figures.update(measure_site(site))
    stock = stock_project(Path(phases["config"]), site, root / "stock")
    output, _, _ = _child([sys.executable, "-c", _STOCK, str(stock), str(root / "stock" / "site")], REPO)
    figures["stock_engine_s"] = round(json.loads(output.strip().splitlines()[-1])["stock_engine_s"], 2)
    figures["engine_vs_stock"] = round(figures["engine_s"] / figures["stock_engine_s"], 2)
    figures["preview_s"] = round(measure_preview(root), 2)
    return figures


def machine() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": platform.platform(), "date": time.strftime("%Y-%m-%d")}


def report(results: list[dict], info: dict) -> str:
    small, big = results
    lines = [f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, {info['system']}, {info['date']}",
             f"History entries generated: {'yes' if big['history'] else 'no (schema has no rule history field)'}",
             "",
             f"| figure | N={small['n']} | N={big['n']} | ratio |",
             "| --- | ---: | ---: | ---: |"]
    for key, label, unit in FIGURES:
        a, b = small[key], big[key]
        ratio = f"{b / a:.2f}" if isinstance(a, (int, float)) and a else ""
        suffix = f" {unit}" if unit and unit != "path" else ""
        lines.append(f"| {label} | {a}{suffix} | {b}{suffix} | {ratio} |")
    lines += ["", "Targets:"]
    for text, check in TARGETS:
        lines.append(f"- [{'ok' if check(big, small) else 'MISSED'}] {text}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=400, help="pooling regions (cities); N/4 is run too")
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [max(1, args.n // 4), args.n]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = [measure(n, args.keep) for n in sizes]
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            results = [measure(n, Path(work)) for n in sizes]
    info = machine()
    if args.json:
        print(json.dumps({"machine": info, "results": results,
                          "targets": {text: check(results[1], results[0]) for text, check in TARGETS}},
                         ensure_ascii=False, indent=2))
    else:
        print(report(results, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
