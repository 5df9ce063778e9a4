"""Sources (the `sources:` of jurisdiction files and glossary.yaml) and the citations that point at them:
unique ids, real dates in order, a class its fields support (class_problems), an archived excerpt for every
source with a URL, quotes found in it."""
from __future__ import annotations

from ..model import Citation, Source
from ..model.dates import date_range
from ..model.vocabulary import SOURCE_CLASSES
from .excerpts import readable
from .problems import Problem, suggest
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
                defined_in=loaded.data.get("id", "glossary"), outlet=item.get("outlet"),
                shown_title=(lambda shown: shown if shown != item["title"] else None)(readable(item["title"])[0]))
            for key, message in class_problems(item):
                checker.report(loaded, path + (key,), message)
            sources[source.id] = (source, loaded)
            if source.url and not checker.excerpts.has(source.id):
                checker.report(loaded, path + ("url",), f"有网址的来源必须存档原文摘录：把读到的段落（连同网页的标题和"
                               f"日期行）保存为 UTF-8 文本 {checker.excerpts.shown(source.id)}")
            for number, line in checker.excerpts.annotations(source.id, source.url):
                checker.problems.append(Problem(checker.excerpts.shown(source.id), number, "(摘录)",
                                                f"“{line[:40]}”像是本站写的说明，不是网页上的原文：摘录只存网页上读到的文字；"
                                                "标题、网址、读取日期写进来源的 title、url、retrieved 和 note"))
    return sources


def check_orphans(checker, known) -> None:
    """An excerpt file whose source is defined nowhere (run last: a file that failed to read hides its sources)."""
    for source_id in checker.excerpts.ids():
        if source_id not in known:
            checker.problems.append(Problem(checker.excerpts.shown(source_id), 1, "(文件)",
                                            f"这份原文摘录不属于任何来源：没有来源的 id 是 `{source_id}`。"
                                            "把它的来源写进某个地区文件的 sources，或删掉这个文件"))


# An issuer that says it is not known is no issuer (e.g. “页面未写明发文机关”).
NOT_AN_ISSUER = ("未写明", "未查明", "未注明", "不明", "未知", "不详")


def class_problems(item: dict) -> list[tuple[str, str]]:
    """(field, message) for a class the source's own fields do not support. The validator cannot see the
    page, so it checks what the class needs: 官方 is the text of a document of a named government body
    (issuer; and a 文号 or an official URL) — a reprint that only labels itself “来源：某某政府” is 第三方;
    媒体 names its outlet."""
    found = []
    if item["class"] == "官方":
        issuer = item.get("issuer")
        if not issuer or any(word in issuer for word in NOT_AN_ISSUER):
            found.append(("issuer", "来源类别是“官方”，却没有写发布机关（issuer）：官方来源是有名有姓的政府机关发布的文件原文。"
                          "读到的页面看不出是哪个机关发布的，类别写“第三方”"))
        elif not item.get("document_number") and item.get("url_kind") != "官方网址":
            found.append(("class", "来源类别是“官方”，却既没有文号（document_number），也不是读自官方网址"
                          "（url_kind: 官方网址）：转载页面上只标着“来源：某某政府/某某局”的，说法无法核实，类别写“第三方”；"
                          "在政府网站上读到原文的，写 url_kind: 官方网址"))
    elif item["class"] == "媒体" and not item.get("outlet"):
        found.append(("class", "来源类别是“媒体”，却没有写媒体名称（outlet，例如 新华社、江南晚报）："
                      "看不出是哪家媒体发的稿，类别写“第三方”"))
    return found


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
                           "quote 要一字不改地照抄来源的原话，不要改写或概括；摘录文件是网页上读到的原文记录，"
                           "只有网页上确实有、当时漏存的文字才能补进去，并在来源的 retrieved 写上这次读取的日期")
        shown, traditional = readable(cite["quote"])
        resolved.append(Citation(source, cite.get("locator"), cite["quote"], (cite["quote"], shown, traditional)))
    return resolved
