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
from pathlib import Path, PurePosixPath

import yaml

from ..export import export_files
from ..load import load_knowledge_base
from ..model import KnowledgeBase, urls
from ..model.dates import date_range
from ..pages import contributing_page, changes_nav, compare_nav, faq_nav, map_nav, off_nav, render_pages, sources_nav
from ..pages.jurisdiction import menu_unit
from . import BuildError
from .compact import compact_site
from .search import refine_index, search_dictionary

from ..paths import PROJECT, Paths

# Generated pages that get their own top-level navigation entry, after the jurisdictions.
# An entry may be a function of the data, for sections whose pages depend on it.
EXTRA_NAV: list = [compare_nav, map_nav, faq_nav, changes_nav, {"数据质量": urls.QUALITY},
                   {"网传说法核查": urls.CLAIMS},
                   lambda kb: {"术语表": urls.GLOSSARY} if kb.glossary else None, {"参与维护": urls.CONTRIBUTING}]


def navigation(kb: KnowledgeBase, content_pages: list[str]) -> list:
    """Home, national, one section per province (its page first, then its cities), then the rest."""
    nav: list = [{"首页": urls.HOME}]
    for j in kb.top_level():
        cities = kb.members(j)
        nav.append({j.name: [urls.page(j)] + [{c.name: urls.page(c)} for c in cities] if cities else urls.page(j)})
    nav += [e for e in (entry(kb) if callable(entry) else entry for entry in EXTRA_NAV) if e]
    nav.append(sources_nav(kb))
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


def _sync(files: dict[str, str | bytes], target: Path, written: dict | None = None) -> list[str]:
    """Make target hold exactly these files; unchanged files are left untouched, so the live preview
    rebuilds only the pages whose Markdown changed. Returns the files written or removed.

    written (the live preview): what the last call wrote, kept in memory; it is updated here. A file
    whose content equals what was written last time is not read back from disk."""
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    last = dict(written or {})
    if written is not None:
        written.clear()
    for relative, content in files.items():
        path = target / relative
        if written is not None:
            written[relative] = content
            if last.get(relative) == content and path.exists():
                continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(relative)
    wanted = {PurePosixPath(r).as_posix() for r in files}     # compared as paths inside target: no resolve() per file
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(target).as_posix() not in wanted:
            changed.append(path.relative_to(target).as_posix())
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def generate(root: Paths | Path = PROJECT, out: Path | None = None, kb: KnowledgeBase | None = None,
             changed: list[str] | None = None, pages: dict[str, str] | None = None,
             written: dict | None = None) -> Path:
    """Validate the data and write the docs tree and MkDocs config (root: the project's Paths, or its
    folder; out: build/ under it unless given). Returns the config path;
    `changed`, if given, receives the docs files written or removed (the preview rebuilds those);
    `pages`, if given, are the pages already rendered from kb (the preview renders them itself);
    `written`, the preview's memory of the docs files it wrote (_sync).

    Raises DataError (from validation) before anything is written.
    """
    paths = Paths.of(root)
    out = out or paths.build
    if kb is None:                           # the CLI passes the data it has already checked
        kb = load_knowledge_base(paths)
    config = paths.mkdocs_config()
    files: dict[str, str | bytes] = {**(render_pages(kb, config["site_name"], site_url=config.get("site_url") or "")
                                        if pages is None else pages),
                                     **contributing_page(paths.contributing.read_text(encoding="utf-8")),
                                     **export_files(kb, config["site_name"], config.get("site_url") or "")}
    content_nav = []
    for path in sorted(paths.content.rglob("*")):
        if path.is_file():
            relative = path.relative_to(paths.content).as_posix()
            if relative in files:
                raise BuildError(f"content/{relative}: 与生成的页面同名，请改名")
            files[relative] = path.read_bytes()
            if path.suffix == ".md":
                content_nav.append({_content_title(path): relative})
    updated = _sync(files, out / "docs", written)
    if changed is not None:
        changed.extend(updated)

    config["docs_dir"] = str((out / "docs").resolve())
    config["site_dir"] = str((out / "site").resolve())
    theme = config.get("theme", {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str((paths.root / theme["custom_dir"]).resolve())
    config["nav"] = navigation(kb, content_nav)
    # The 404 page's links, from the address builder (site_overrides/404.html; with site_url set the
    # theme makes them absolute under its path, so the page works at any depth of a sub-path site).
    config.setdefault("extra", {})["not_found_links"] = [
        {"title": title, "url": urls.url(target)} for title, target in
        (("首页（按城市查）", urls.HOME), ("各地对比", urls.COMPARE), ("常见问题", urls.FAQ),
                              ("术语表", urls.GLOSSARY))
        if target != urls.GLOSSARY or kb.glossary]
    # On a place page the menu shows its own provincial unit and one entry for the others, this list
    # of them (site_overrides/partials/nav.html).
    national = kb.top_level()[0]
    config["extra"]["other_units"] = {"title": "其他省份与直辖市", "url": urls.url(urls.page(national), urls.CHILDREN_ANCHOR)}
    # Each provincial unit's menu entry, by the page that heads it: the menu reads it here, not from that
    # page's front matter, which MkDocs leaves unread when the preview rebuilds only the changed pages.
    config["extra"]["units"] = {urls.page(j): unit.id for j in kb.top_level() if (unit := menu_unit(kb, j))}
    config["not_in_nav"] = "\n".join("/" + page for page in off_nav(kb))   # linked from their place's page
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


def data_epoch(config_path: Path) -> str:
    """The latest date in the data, for MkDocs' sitemap dates: same data, same bytes on any day."""
    data = json.loads((config_path.parent / "docs" / urls.EXPORT).read_text(encoding="utf-8"))
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
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": data_epoch(config_path)})
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()
        shown = [line for line in output if line.startswith(("WARNING", "ERROR", "Aborted"))] or output
        raise BuildError("MkDocs 构建失败，site/ 保持原样：\n" + "\n".join(shown))


def finish_site(site: Path, kb: KnowledgeBase, since_ns: int | None = None) -> None:
    """What every build does to the engine's output, in this order: the search index refined (search.py:
    place names in section titles, boosts, entries for inherited rules, the synonym fields), then the
    HTML compacted (compact.py). `make site` (build), `make serve` (preview.Preview) and the benchmark
    run this one sequence, so the preview's pages and search are the published ones.

    site/search/search_index.json must be the engine's index of every page, not yet refined.
    since_ns (the preview's dirty build, which rewrites only the pages it rebuilt): only HTML files
    written after this time are compacted; the others were compacted by an earlier call."""
    refine_index(site, kb)
    compact_site(site, since_ns)


def build(root: Paths | Path = PROJECT, site: Path | None = None, out: Path | None = None,
          kb: KnowledgeBase | None = None) -> Path:
    """Validate, generate, run MkDocs --strict and finish_site(), then replace site/ whole (site/ under root
    unless given)."""
    paths = Paths.of(root)
    site = (site or paths.site).resolve()
    if kb is None:
        kb = load_knowledge_base(paths)
    config_path = generate(paths, out, kb)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    try:
        run_engine(config_path, staging)
        finish_site(staging, kb)
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
