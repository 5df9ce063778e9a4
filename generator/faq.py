"""Frequently asked questions: generated from the rules, plus hand-written general ones.

Two kinds of entries:
  * one per jurisdiction × effective rule, worded from the vocabulary's
    situation question (no situation is named in this code), answered from the
    rule's outcome, summary, evidence grade and citations;
  * general questions kept in policies/faq.yaml, each citing sources that exist
    and optionally pointing at rules ("changsha#death") and situations.

Both are shown as Markdown and described once more as schema.org FAQPage
JSON-LD, built here with json.dumps so data text cannot break out of the
<script> element.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .model import GRADE_TEXT, Citation, EffectiveRule, Jurisdiction, KnowledgeBase, Situation
from .markup import CLASS_TEXT, SOURCES_PAGE, environment, md_path, relative
from .problems import suggest
from .yamlfile import LoadedFile

FAQ_PAGE = "faq/index.md"


def faq_anchor(situation_id: str) -> str:
    """Fragment of the generated question about one situation on a jurisdiction page."""
    return f"faq-{situation_id}"


def general_anchor(question_id: str) -> str:
    """Fragment of a hand-written question on the FAQ page."""
    return f"faq-{question_id}"


# -- generated entries ---------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """The question a reader in one jurisdiction asks about one situation, and its answer."""
    jurisdiction: Jurisdiction
    effective: EffectiveRule

    @property
    def rule(self):
        return self.effective.rule

    @property
    def question(self) -> str:
        return f"{self.jurisdiction.short_name}{self.rule.situation.question}"

    @property
    def anchor(self) -> str:
        return faq_anchor(self.rule.id)

    @property
    def url(self) -> str:
        return f"{self.jurisdiction.page_path}#{self.anchor}"

    @property
    def answer(self) -> str:
        """Plain text of the answer (JSON-LD); the page shows the same parts as Markdown."""
        rule = self.rule
        parts = []
        if rule.unverified:
            parts.append("待核实：只有第三方说法，未读到官方原文。")
        parts.append(f"结果：{rule.outcome.name}。{rule.summary}")
        if self.effective.inherited_from:
            parts.append(f"本条沿用{self.effective.inherited_from.name}的规定。")
        parts.append(f"证据等级 {rule.evidence}（{GRADE_TEXT[rule.evidence]}）。")
        parts.append("依据：" + "；".join(_citation_words(c) for c in rule.citations) + "。")
        return "".join(parts)


def _citation_words(citation: Citation) -> str:
    source = citation.source
    extra = [CLASS_TEXT[source.source_class]]
    if source.document_number:
        extra.append(source.document_number)
    if citation.locator:
        extra.append(citation.locator)
    return f"{source.title}（{'，'.join(extra)}）"


def jurisdiction_entries(kb: KnowledgeBase, j: Jurisdiction) -> list[Entry]:
    return [Entry(j, effective) for effective in kb.effective_rules(j)]


# -- hand-written general questions ----------------------------------------------

@dataclass(frozen=True)
class GeneralQuestion:
    id: str
    question: str
    answer_text: str
    citations: tuple[Citation, ...]
    rules: tuple[tuple[Jurisdiction, EffectiveRule], ...]
    situations: tuple[Situation, ...]
    last_verified: str

    @property
    def anchor(self) -> str:
        return general_anchor(self.id)

    @property
    def answer(self) -> str:
        return self.answer_text + " 依据：" + "；".join(_citation_words(c) for c in self.citations) + "。"


def load_file(checker, path: Path) -> LoadedFile | None:
    """Read and schema-check policies/faq.yaml; the file is optional."""
    if not path.exists():
        return None
    loaded, schema_problems = checker.read(path, "faqFile")
    return None if schema_problems else loaded


def collect_questions(checker, loaded: LoadedFile | None, kb: KnowledgeBase) -> list[GeneralQuestion]:
    """Cross-file checks of the general questions (sources, situations, rules, dates)."""
    if loaded is None:
        return []
    data = loaded.data
    file_dates = checker.check_dates(loaded, data, (), ("last_verified",))
    situations = {s.id: s for s in kb.situations}
    questions: list[GeneralQuestion] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["questions"]):
        path = ("questions", index)
        if item["id"] in seen:
            checker.report(loaded, path + ("id",), f"问题标识 `{item['id']}` 重复（questions[{seen[item['id']]}] 已经用过）")
            continue
        seen[item["id"]] = index
        dates = checker.check_dates(loaded, item, path, ("last_verified",))
        verified_text = item.get("last_verified") or data["last_verified"]
        verified = dates.get("last_verified") or file_dates.get("last_verified")
        verified_path = path + ("last_verified",) if "last_verified" in item else ("last_verified",)
        citations = checker.collect_citations(loaded, path, item["citations"], kb.sources,
                                              (verified, verified_text), verified_path)
        linked_situations = []
        for s_index, situation_id in enumerate(item.get("situations", [])):
            if situation_id not in situations:
                checker.report(loaded, path + ("situations", s_index), f"词表里没有情形 `{situation_id}`"
                               + (suggest(situation_id, situations) or f"：可用的有 {', '.join(situations)}"))
            else:
                linked_situations.append(situations[situation_id])
        rules = []
        for r_index, reference in enumerate(item.get("rules", [])):
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


def local_rules(kb: KnowledgeBase, situation: Situation) -> list[Entry]:
    """Every jurisdiction that writes its own rule for this situation (inherited copies add nothing)."""
    return [Entry(j, e) for j in kb.jurisdictions.values() for e in kb.effective_rules(j)
            if e.rule.id == situation.id and e.inherited_from is None]


# -- structured data ---------------------------------------------------------------

def json_ld(entries) -> str:
    """schema.org FAQPage as an inline <script>; each entry has .question and .answer."""
    document = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": e.question,
             "acceptedAnswer": {"@type": "Answer", "text": e.answer}}
            for e in entries
        ],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" in data must not end or confuse the element; \u003c is still valid JSON.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


# -- the FAQ page --------------------------------------------------------------------

def faq_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Producer for build.PRODUCERS: the national FAQ page."""
    page = environment().get_template("faq.md.j2").render(
        kb=kb, questions=kb.questions, here=FAQ_PAGE,
        link=lambda target: relative(FAQ_PAGE, target), md_path=md_path, sources_page=SOURCES_PAGE,
        entries_of=lambda j: jurisdiction_entries(kb, j), local_rules=lambda s: local_rules(kb, s), json_ld=json_ld)
    return {FAQ_PAGE: page}
