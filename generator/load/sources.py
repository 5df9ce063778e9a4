"""Sources (the `sources:` of jurisdiction files and glossary.yaml) and the citations that point at them:
unique ids, real dates in order, an archived excerpt for every source with a URL, quotes found in it."""
from __future__ import annotations

from ..model import Citation, Source
from ..model.dates import date_range
from ..model.vocabulary import SOURCE_CLASSES
from .problems import suggest
from .yamlfile import LoadedFile


def collect(checker, files: list[LoadedFile]) -> dict[str, tuple[Source, LoadedFile]]:
    """Every source defined in files, by id, with the file that defines it."""
    sources: dict[str, tuple[Source, LoadedFile]] = {}
    # Defined but refused by the schema (schema.usable left them out): citing them is not also "not found".
    checker.broken_sources = set().union(*(loaded.left_out_ids("sources") for loaded in files))
    for loaded in files:
        for index, item in enumerate(loaded.data.get("sources", [])):
            path = ("sources", index)
            if item["id"] in sources:
                first = sources[item["id"]][1]
                checker.report(loaded, path + ("id",), f"来源标识 `{item['id']}` 重复（{first.shown} 已经定义过）")
                continue
            ranges = checker.check_dates(loaded, item, path, ("issued", "effective_from", "retrieved"))
            checker.check_order(loaded, path + ("effective_from",), "发布日期", ranges.get("issued"),
                                "施行日期", ranges.get("effective_from"), item.get("effective_from"))
            checker.check_order(loaded, path + ("retrieved",), "发布日期", ranges.get("issued"),
                                "读取日期", ranges.get("retrieved"), item.get("retrieved"))
            source = Source(
                id=item["id"], title=item["title"], source_class=SOURCE_CLASSES[item["class"]],
                issuer=item.get("issuer"), document_number=item.get("document_number"),
                issued=item.get("issued"), effective_from=item.get("effective_from"),
                url=item.get("url"), official_copy=item.get("url_kind") == "官方网址",
                retrieved=item.get("retrieved"), note=item.get("note"),
                defined_in=loaded.data.get("id", "glossary"))
            sources[source.id] = (source, loaded)
            if source.url and not checker.excerpts.has(source.id):
                checker.report(loaded, path + ("url",), f"有网址的来源必须存档原文摘录：把读到的段落（连同网页的标题和"
                               f"日期行）保存为 UTF-8 文本 {checker.excerpts.shown(source.id)}")
    return sources


def citations(checker, loaded, path, items, sources, verified=None, verified_path=None) -> list[Citation]:
    """Resolve every citation at path + ('citations', i); report missing sources and quotes not in the excerpt.

    sources maps id → Source. When the item has a last-verified date (verified: its range and its text,
    reported at verified_path), a cited source issued after it is reported: nobody can check a rule
    against a text not yet issued.
    """
    resolved = []
    for index, cite in enumerate(items):
        source = sources.get(cite["source"])
        if source is None:
            if cite["source"] not in checker.broken_sources:      # reported where it is defined
                checker.report(loaded, path + ("citations", index, "source"), f"找不到来源 `{cite['source']}`："
                               "先在某个地区文件的 sources 里定义它" + suggest(cite["source"], sources))
            continue
        if verified and source.issued:
            checker.check_order(loaded, verified_path, f"所引来源 {source.id} 的发布日期", date_range(source.issued),
                                "最后核对日期", verified[0], verified[1])
        if checker.excerpts.contains(source.id, cite["quote"]) is False:
            checker.report(loaded, path + ("citations", index, "quote"),
                           f"原文摘录在 {checker.excerpts.shown(source.id)} 里找不到（已忽略标点、空白和繁简差异）："
                           "请照抄原文，或把读到的这段原文补进摘录文件")
        resolved.append(Citation(source, cite.get("locator"), cite["quote"]))
    return resolved
