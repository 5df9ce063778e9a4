"""Dated changes (`milestones:` of any jurisdiction file): unique ids, real past dates, known situations,
citations that resolve; and, once the model exists, every rule's computed currency (apply_currency)."""
from __future__ import annotations

from dataclasses import replace

from ..model import KnowledgeBase, Milestone
from ..model.currency import currency
from . import sources as cited
from .vocabulary import Vocabulary, unknown_situation


def collect(checker, pairs, words: Vocabulary, sources: dict) -> list[Milestone]:
    found: list[Milestone] = []
    seen: dict[str, str] = {}
    situations = words.situations.by_id
    for jurisdiction, loaded in pairs:
        for index, item in enumerate(loaded.data.get("milestones", ())):
            path = ("milestones", index)
            if item["id"] in seen:
                checker.report(loaded, path + ("id",), f"变化标识 `{item['id']}` 重复（{seen[item['id']]} 已经用过）")
                continue
            seen[item["id"]] = loaded.shown
            ok = bool(checker.check_dates(loaded, item, path, ("date",)))
            named = []
            for position, situation_id in enumerate(item["situations"]):
                if situation_id not in situations:
                    unknown_situation(checker, loaded, path + ("situations", position), situation_id, words.situations)
                    ok = False
                elif situations[situation_id] not in named:
                    named.append(situations[situation_id])
            citations = cited.citations(checker, loaded, path, item["citations"], sources)
            if ok and len(citations) == len(item["citations"]):
                found.append(Milestone(
                    id=item["id"], date=item["date"], title=item["title"], jurisdiction_id=jurisdiction.id,
                    situations=tuple(named), effect=item["effect"], issuer=item.get("issuer"),
                    document_number=item.get("document_number"), note=item.get("note"),
                    citations=tuple(citations)))
    return found


def apply_currency(checker, kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base with every rule's status computed from the dates of its answer's sources
    (model.currency) as of the validator's day: national, provincial and city rules alike, milestones
    included (a rule older than a change that applies to it is 可能已过时). Never remembered: the data
    writes only a status it has another reason for."""
    def current(jurisdiction):
        return replace(jurisdiction, rules=tuple(
            replace(rule, **dict(zip(("status", "status_reason"), currency(
                rule, kb.milestones_for(jurisdiction, rule.id), checker.today, jurisdiction.research,
                jurisdiction.name))))
            for rule in jurisdiction.rules))
    return replace(kb, jurisdictions={jid: current(j) for jid, j in kb.jurisdictions.items()})
