"""policies/glossary.yaml: the terms explained on the glossary page, each cited unless it is the
site's own word (editorial: true). Its sources join the others; its citations are checked like rules'."""
from __future__ import annotations

from ..model import GlossaryTerm, KnowledgeBase
from . import sources as cited
from .yamlfile import LoadedFile

GLOSSARY_FILE = "glossary.yaml"


def collect(checker, loaded: LoadedFile | None, kb: KnowledgeBase) -> list[GlossaryTerm]:
    """Cross-file checks: unique names, citations that resolve, editorial terms without citations."""
    if loaded is None:
        return []
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}           # every name (term or alias) → index of the term that uses it
    for index, item in enumerate(loaded.data["terms"]):
        path = ("terms", index)
        ok = True
        for key, names in (("term", [item["term"]]), ("aliases", item.get("aliases", []))):
            for n_index, name in enumerate(names):
                where = path + ((key,) if key == "term" else (key, n_index))
                if name in seen and seen[name] != index:
                    checker.report(loaded, where, f"“{name}” 已经用在 {loaded.field(('terms', seen[name]))}（“"
                                   f"{loaded.data['terms'][seen[name]]['term']}”）：每个叫法只能属于一个术语")
                    ok = False
                seen.setdefault(name, index)
        editorial = item.get("editorial") is True
        cites = item.get("citations", [])
        if any(loaded.original(path + (key,)) in loaded.left_out for key in ("editorial", "citations")):
            ok = False          # the schema refused one of them: that is the problem reported
        elif editorial and cites:
            checker.report(loaded, path + ("editorial",), "本站用语（editorial: true）不写引用：要么删掉 citations，"
                           "要么删掉 editorial")
            ok = False
        elif not editorial and not cites:
            checker.report(loaded, path, "缺少引用 `citations`：说到规则或法律含义的术语至少引用一个来源（来源标识和照抄的原文）；"
                           "只是本站自己的用语就写 editorial: true")
            ok = False
        citations = cited.citations(checker, loaded, path, cites, kb.sources)
        if ok and len(citations) == len(cites):
            terms.append(GlossaryTerm(id=f"g{index + 1}", term=item["term"], aliases=tuple(item.get("aliases", ())),
                                      definition=item["definition"], citations=tuple(citations),
                                      editorial=editorial, note=item.get("note")))
    return terms
