"""policies/faq.yaml: hand-written general questions, each citing sources that exist and
optionally pointing at rules ("changsha#death") and situations. Checked like rules."""
from __future__ import annotations

from ..model import GeneralQuestion, KnowledgeBase
from . import sources as cited
from .problems import suggest
from .vocabulary import Words, unknown_situation
from .yamlfile import LoadedFile

FAQ_FILE = "faq.yaml"           # not a jurisdiction file


def collect(checker, loaded: LoadedFile | None, kb: KnowledgeBase, with_rules: bool = True) -> list[GeneralQuestion]:
    """Cross-file checks of the general questions (sources, situations, rules, dates). with_rules=False when
    kb holds no jurisdictions (other files have problems): the `rules` references are not checked."""
    if loaded is None:
        return []
    data = loaded.data
    file_dates = checker.check_dates(loaded, data, (), ("last_verified",))
    situations = {s.id: s for s in kb.situations}
    known = Words.of("情形", situations)
    questions: list[GeneralQuestion] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["questions"]):
        path = ("questions", index)
        if item["id"] in seen:
            checker.report(loaded, path + ("id",), f"问题标识 `{item['id']}` 重复（{loaded.field(('questions', seen[item['id']]))} 已经用过）")
            continue
        seen[item["id"]] = index
        dates = checker.check_dates(loaded, item, path, ("last_verified",))
        verified_text = item.get("last_verified") or data["last_verified"]
        verified = dates.get("last_verified") or file_dates.get("last_verified")
        verified_path = path + ("last_verified",) if "last_verified" in item else ("last_verified",)
        citations = cited.citations(checker, loaded, path, item["citations"], kb.sources,
                                    (verified, verified_text), verified_path)
        linked_situations = []
        for s_index, situation_id in enumerate(item.get("situations", [])):
            if situation_id not in situations:
                unknown_situation(checker, loaded, path + ("situations", s_index), situation_id, known)
            else:
                linked_situations.append(situations[situation_id])
        rules = []
        for r_index, reference in enumerate(item.get("rules", []) if with_rules else ()):
            j_id, situation_id = reference.split("#", 1)
            j = kb.jurisdictions.get(j_id)
            if j is None:
                checker.report(loaded, path + ("rules", r_index), f"找不到地区 `{j_id}`" + suggest(j_id, kb.jurisdictions))
                continue
            effective = {e.rule.id: e for e in kb.effective_rules(j)}
            if situation_id not in effective:
                checker.report(loaded, path + ("rules", r_index), f"{j.name}没有情形 `{situation_id}` 的规定（含沿用上级的）"
                               + (suggest(situation_id, effective) or f"：有规定的情形是 {', '.join(effective) or '无'}"))
                continue
            rules.append((j, effective[situation_id]))
        questions.append(GeneralQuestion(
            id=item["id"], question=item["question"], answer_text=item["answer"], citations=tuple(citations),
            rules=tuple(rules), situations=tuple(linked_situations), last_verified=verified_text))
    return questions
