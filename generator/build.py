"""Generate the Markdown tree, hand it to MkDocs, and put the site in place whole.

generate() writes build/docs (generated pages + content/ + the JSON export) and
build/mkdocs.yml (the root mkdocs.yml plus paths and the navigation derived
from the data). build() runs MkDocs into a temporary folder and swaps it in, so
a failed build never leaves a half-written site/.
"""
from __future__ import annotations

import calendar
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from .claims import render_claims
from .compare import compare_nav, compare_pages
from .contributing import PAGE as CONTRIBUTING_PAGE, contributing_page
from .compact import compact_site
from .export import EXPORT_PATH, export_files
from .faq import FAQ_PAGE, faq_pages
from .feed import feed_files
from .model import KnowledgeBase
from .markup import CLAIMS_PAGE, HOME_PAGE, SOURCES_PAGE, md_path
from .render import render_pages
from .report_pages import CHANGES_PAGE, QUALITY_PAGE, report_pages
from .dates import date_range
from .validate import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent

# Everything generated from the data: each producer returns {path inside docs/: content}.
PRODUCERS = [render_pages, export_files, faq_pages, compare_pages, report_pages, feed_files, render_claims,
             contributing_page]

# Generated pages that get their own top-level navigation entry, after the jurisdictions.
# An entry may be a function of the data, for sections whose pages depend on it.
EXTRA_NAV: list = [compare_nav, {"常见问题": FAQ_PAGE}, {"最近变化": CHANGES_PAGE}, {"数据质量": QUALITY_PAGE}, {"网传说法核查": CLAIMS_PAGE},
                   {"参与维护": CONTRIBUTING_PAGE}]


class BuildError(Exception):
    pass


def navigation(kb: KnowledgeBase, content_pages: list[str]) -> list:
    """Home, national, one section per province (its page first, then its cities), then the rest."""
    nav: list = [{"首页": HOME_PAGE}]
    for j in kb.jurisdictions.values():
        if j.level == "national":
            nav.append({j.name: md_path(j)})
        elif j.level == "province":
            nav.append({j.name: [md_path(j)] + [{c.name: md_path(c)} for c in kb.children(j)]})
        elif kb.parent(j) and kb.parent(j).level == "national":
            nav.append({j.name: md_path(j)})          # 直辖市: a city directly under the state
    nav += [entry(kb) if callable(entry) else entry for entry in EXTRA_NAV]
    nav.append({"来源清单": SOURCES_PAGE})
    nav += content_pages
    return nav


def _content_title(path: Path) -> str:
    """Title from a hand-written page's front matter, so nav labels are Chinese."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        if meta.get("title"):
            return str(meta["title"])
    return path.stem


def _sync(files: dict[str, str | bytes], target: Path) -> None:
    """Make target hold exactly these files; unchanged files are left untouched (quiet live preview)."""
    target.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = target / relative
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    wanted = {(target / r).resolve() for r in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def search_dictionary(kb: KnowledgeBase) -> str:
    """jieba user dictionary: domain words and place names stay whole in the search index.

    Short names only (长沙, not 长沙市), so a reader typing 长沙 matches 长沙市 too.
    """
    words = list(kb.search_terms) + [s.name for s in kb.situations] + [o.name for o in kb.outcomes]
    words += [j.short_name for j in kb.jurisdictions.values()]
    unique = dict.fromkeys(w for w in words if w and " " not in w)
    return "".join(f"{word} 100000\n" for word in unique)


def generate(root: Path = ROOT, out: Path | None = None, kb: KnowledgeBase | None = None) -> Path:
    """Validate the data and write the docs tree and MkDocs config. Returns the config path.

    Raises DataError (from validation) before anything is written.
    """
    out = out or root / "build"
    if kb is None:                           # the CLI passes the data it has already checked
        kb = load_knowledge_base(root)
    files: dict[str, str | bytes] = {}
    for producer in PRODUCERS:
        files.update(producer(kb))
    content_nav = []
    for path in sorted((root / "content").rglob("*")):
        if path.is_file():
            relative = path.relative_to(root / "content").as_posix()
            if relative in files:
                raise BuildError(f"content/{relative}: 与生成的页面同名，请改名")
            files[relative] = path.read_bytes()
            if path.suffix == ".md":
                content_nav.append({_content_title(path): relative})
    _sync(files, out / "docs")

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str((out / "docs").resolve())
    config["site_dir"] = str((out / "site").resolve())
    theme = config.get("theme", {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    config["nav"] = navigation(kb, content_nav)
    dictionary = out / "search_dictionary.txt"
    dictionary.write_text(search_dictionary(kb), encoding="utf-8")
    for index, plugin in enumerate(config.get("plugins", [])):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "search":
            options = {} if isinstance(plugin, str) else dict(plugin["search"] or {})
            options["jieba_dict_user"] = str(dictionary.resolve())
            config["plugins"][index] = {"search": options}
    config_path = out / "mkdocs.yml"
    config_path.write_text("# Generated by python -m generator; edit ../mkdocs.yml instead.\n"
                           + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def _data_epoch(config_path: Path) -> str:
    """The latest date in the data, for MkDocs' sitemap dates: same data, same bytes on any day."""
    data = json.loads((config_path.parent / "docs" / EXPORT_PATH).read_text(encoding="utf-8"))
    dates = [d for j in data["jurisdictions"] for d in [j["last_verified"]] + [r["last_verified"] for r in j["rules"]]
             if d]
    latest = date_range(max(dates))[0] if dates else datetime.date(2000, 1, 1)
    return str(calendar.timegm(latest.timetuple()))


def run_engine(config_path: Path, target: Path) -> None:
    """MkDocs --strict from the generated config into target (bench/run.py times this alone)."""
    result = subprocess.run(
        # No --quiet: it hides warnings from MkDocs' own count, and then --strict lets them through.
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(config_path), "-d", str(target)],
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": _data_epoch(config_path)})
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()
        shown = [line for line in output if line.startswith(("WARNING", "ERROR", "Aborted"))] or output
        raise BuildError("MkDocs 构建失败，site/ 保持原样：\n" + "\n".join(shown))


def build(root: Path = ROOT, site: Path | None = None, out: Path | None = None,
          kb: KnowledgeBase | None = None) -> Path:
    """Validate, generate, run MkDocs --strict, then replace site/ whole."""
    site = (site or root / "site").resolve()
    config_path = generate(root, out, kb)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        run_engine(config_path, staging)
        compact_site(staging)
        old = site.with_name(f".{site.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if site.exists():
            site.rename(old)
        staging.rename(site)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return site
