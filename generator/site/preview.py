"""Live preview that rebuilds only what changed (python -m generator serve, make serve).

After a maintainer saves a file, the data is checked (files whose bytes did not change are not
parsed or checked again: an in-memory memo) and the pages regenerated in memory, reusing the last
render's page and check page of every place the edit cannot have changed (pages.unchanged_places);
generate() writes only the Markdown files whose content changed (build._sync), and MkDocs
rebuilds only those pages (its dirty build: a page is rebuilt when its Markdown is newer than
its HTML). What a dirty build gets wrong is handled here:
  * navigation: when the generated navigation or the set of pages changes (a place added,
    renamed or removed), every page is rebuilt, so every page's menu is right;
  * the menu of a rebuilt page: the dirty build does not read the unchanged pages' front matter, so
    site_overrides/partials/nav.html takes each provincial unit from the config (config.extra.units);
  * word segmentation: each build in this process adds the user dictionary to jieba again, which
    changes how words are cut; the tokenizer is reset before each build (_Jieba);
  * the sitemap's date: SOURCE_DATE_EPOCH from the data, as for `make site`;
  * search: MkDocs indexes only the pages it rebuilt; the engine's index of the last build is kept
    and the rebuilt pages' entries replace theirs where they stood;
  * after the engine, the same finish_site() as `make site` (search refinement, then compaction of the
    pages just written), so the preview's search is the published one.
A failed edit (data error, MkDocs error) leaves the last good preview in place: nothing is
written before the data passes its checks. The preview is served from build/preview/, with
MkDocs' own live-reload server, and is never the published site (python -m generator build).
"""
from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from ..load import DataError, load_knowledge_base
from . import BuildError
from ..pages import render_pages
from ..pages.markup import TEMPLATES
from ..paths import PROJECT, Paths
from .build import data_epoch, finish_site, generate
SEARCH_INDEX = "search/search_index.json"


class Preview:
    """One preview site, rebuilt in this process so MkDocs, Jinja and jieba stay loaded."""

    def __init__(self, root: Paths | Path = PROJECT, out: Path | None = None):
        self.paths = Paths.of(root)
        self.root = self.paths.root
        self.out = out or self.paths.build
        self.site = self.out / "preview"
        self.nav: str | None = None          # the generated config last built in full
        self.search: list[dict] | None = None
        self.memo: dict = {}                 # files that read cleanly, by content hash (load_knowledge_base)
        self.written: dict = {}              # docs files as last written (build._sync)
        self.last: tuple | None = None       # (data, pages) of the last render, and the templates it used
        self.jieba: _Jieba | None = None

    def rebuild(self) -> list[str]:
        """Regenerate and rebuild what changed. Returns the page files rebuilt (all of them after a full build).

        Raises DataError or BuildError and leaves the preview as it was.
        """
        from mkdocs.config import load_config
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException

        changed: list[str] = []
        kb = load_knowledge_base(self.paths, memo=self.memo)
        templates = _fingerprint(TEMPLATES)
        last = self.last[0] if self.last is not None and self.last[1] == templates else None
        pages = render_pages(kb, self.paths.site_name(), last=last,
                             site_url=self.paths.mkdocs_config().get("site_url") or "")
        config_path = generate(self.paths, self.out, kb, changed=changed, pages=pages, written=self.written)
        self.last = ((kb, pages), templates)
        config_text = config_path.read_text(encoding="utf-8")
        pages = [c for c in changed if c.endswith(".md")]
        full = config_text != self.nav or self.search is None or not (self.site / SEARCH_INDEX).exists()
        if not full and not changed:
            return []
        config = load_config(str(config_path), site_dir=str(self.site))
        config.strict = False                 # a preview shows the page even with a broken link; build is strict
        # Files written from here on are the dirty build's (the margin covers a coarse file-system clock;
        # compacting a page twice changes nothing).
        started = time.time_ns() - 2_000_000_000
        self.jieba = self.jieba or _Jieba()
        self.jieba.reset()
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = data_epoch(config_path)     # the sitemap's date, as run_engine sets it
        try:
            mkdocs_build(config, dirty=not full)
        except MkDocsException as error:
            raise BuildError(f"MkDocs 构建失败，预览保持上一版：\n{error}") from error
        finally:
            if epoch is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = epoch
        index_path = self.site / SEARCH_INDEX
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if full:
            self.nav = config_text
        else:                                 # the index holds the rebuilt pages only: merge it into the last one
            index["docs"] = _merge(self.search, index["docs"], {_url(p) for p in pages})
            index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self.search = index["docs"]           # the engine's entries: refined anew after every merge
        finish_site(self.site, kb, None if full else started)
        return pages if not full else ["*"]


class _Jieba:
    """MkDocs' search plugin loads the build's user dictionary into jieba's global tokenizer at every build
    (material/plugins/search: jieba.load_userdict in on_config), and each load adds every word's frequency
    to the tokenizer's total once more: from the second build in one process on, words were cut otherwise
    than by `make site` (很旧 for 很​旧, 钱付​到 for 钱​付到), and a removed place's name stayed a word.
    reset() gives the global tokenizer back the default dictionary alone, as in a fresh process."""

    def __init__(self):
        import logging

        import jieba
        jieba.setLogLevel(logging.WARNING)
        self.default = jieba.Tokenizer()
        self.default.initialize()

    def reset(self) -> None:
        import jieba
        with jieba.dt.lock:
            jieba.dt.FREQ = dict(self.default.FREQ)
            jieba.dt.total = self.default.total
            jieba.dt.user_word_tag_tab = {}
            jieba.dt.initialized = True


def _merge(last: list[dict], rebuilt: list[dict], pages: set[str]) -> list[dict]:
    """The last index with the entries of the rebuilt pages (and of `pages`, whose Markdown changed)
    replaced where they stood, so the merged index is in the order of a full build's."""
    new: dict[str, list[dict]] = {}
    for entry in rebuilt:
        new.setdefault(_page_url(entry["location"]), []).append(entry)
    replaced = pages | new.keys()
    merged, placed = [], set()
    for entry in last:
        page = _page_url(entry["location"])
        if page not in replaced:
            merged.append(entry)
        elif page not in placed:
            placed.add(page)
            merged += new.get(page, [])
    return merged + [entry for page, entries in new.items() if page not in placed for entry in entries]


def _fingerprint(*folders: Path) -> tuple:
    """Names, sizes and times of the template files: a template edit renders every page again."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                 for folder in folders if folder.exists() for p in sorted(folder.rglob("*")) if p.is_file())


def _page_url(location: str) -> str:
    return location.split("#", 1)[0]


def _url(page: str) -> str:
    from ..model import urls
    return urls.url(page)


def watched(paths: Paths) -> list[Path]:
    """What a maintainer edits: the data, the hand-written pages and guide, and the page templates."""
    return [paths.policies, paths.content, paths.data, paths.contributing, paths.mkdocs, TEMPLATES]


def serve(root: Paths | Path, address: str) -> int:
    """Build the preview once, then serve it and rebuild what changed whenever a watched file is saved."""
    from mkdocs.livereload import LiveReloadServer

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    # The dirty build warns that menus may be stale; Preview.rebuild() rebuilds every page when they change.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    preview = Preview(root)
    preview.rebuild()                           # a data error here ends the command (nothing to show yet)

    def builder() -> None:
        start = time.perf_counter()
        try:
            rebuilt = preview.rebuild()
        except (DataError, BuildError) as error:
            print(f"数据有错误，预览保持上一版：\n{error}", flush=True)
            return
        shown = "全部页面" if rebuilt == ["*"] else f"{len(rebuilt)} 个页面"
        print(f"已更新{shown}（{time.perf_counter() - start:.1f} 秒）。", flush=True)

    host, _, port = address.rpartition(":")
    server = LiveReloadServer(builder=builder, host=host or "127.0.0.1", port=int(port), root=str(preview.site))
    for path in watched(Paths.of(root)):
        if path.exists():
            server.watch(str(path))
    print(f"预览：{server.url}（改动数据后只重建变化的页面；按 Ctrl+C 结束）", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
