"""Dated changes (`milestones:` of any jurisdiction file): unique ids, real past dates, known situations,
citations that resolve; and, once the model exists, own rules older than a change that applies to them."""
from __future__ import annotations

from ..model import KnowledgeBase, Milestone
from ..model.dates import date_range
from ..model.vocabulary import CURRENT
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


def check_outdated(checker, kb: KnowledgeBase, pairs, words: Vocabulary) -> None:
    """An own rule whose newest cited source (as_of, when known) predates a milestone that applies
    to it must say so (status) or cite a newer source. Citing the milestone's own source counts.
    Reported at the rule (rules[i]) of its file."""
    situation_of = words.situations.by_name
    for jurisdiction, loaded in pairs:
        index_of = {s.id: i for i, item in enumerate(loaded.data.get("rules", ()))
                    if (s := situation_of.get(item["situation"])) is not None}
        for rule in jurisdiction.rules:
            if rule.status != CURRENT or not rule.as_of:
                continue
            cited_ids = {c.source.id for c in rule.citations}
            for milestone in kb.milestones_for(jurisdiction, rule.id):
                if (date_range(rule.as_of)[1] < date_range(milestone.date)[0]
                        and not cited_ids & {c.source.id for c in milestone.citations}):
                    where = kb.jurisdictions[milestone.jurisdiction_id].name
                    checker.report(loaded, ("rules", index_of[rule.id]),
                                   f"所引来源最新的发布于 {rule.as_of}，早于 {milestone.date} 的变化“{milestone.title}”"
                                   f"（{where}，milestones 里的 {milestone.id}）：核对后改引更新的来源，"
                                   "或写 status: 可能已过时 并在 status_reason 里说明")
                    break
