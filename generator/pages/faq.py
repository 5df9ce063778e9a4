"""Frequently asked questions: generated from the rules, plus hand-written general ones.

Two kinds of entries:
  * one per jurisdiction × effective rule, worded from the vocabulary's
    situation question (no situation is named in this code), answered from the
    rule's outcome, summary, evidence grade and citations;
  * general questions kept in policies/faq.yaml (checked by generator.load.questions).

Both are shown as Markdown and described once more as schema.org FAQPage JSON-LD.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import EffectiveRule, GeneralQuestion, Jurisdiction, KnowledgeBase, Situation, urls
from ..model.vocabulary import GRADE_TEXT, UNVERIFIED, UNVERIFIED_WARNING
from .markup import render_page, script_json


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
        return urls.faq_anchor(self.rule.id)

    @property
    def answer(self) -> str:
        """Plain text of the answer (JSON-LD); the page shows the same parts as Markdown."""
        rule = self.rule
        parts = []
        if rule.unverified:
            parts.append(f"{UNVERIFIED}：{UNVERIFIED_WARNING}")
        parts.append(f"结果：{rule.outcome.name}。{rule.summary}")
        if self.effective.inherited_from:
            parts.append(f"本条沿用{self.effective.inherited_from.name}的规定。")
        parts.append(f"证据等级 {rule.evidence}（{GRADE_TEXT[rule.evidence]}）。")
        parts.append("依据：" + "；".join(c.describe() for c in rule.citations) + "。")
        return "".join(parts)


def general_answer(q: GeneralQuestion) -> str:
    return q.answer_text + " 依据：" + "；".join(c.describe() for c in q.citations) + "。"


def jurisdiction_entries(kb: KnowledgeBase, j: Jurisdiction) -> list[Entry]:
    return [Entry(j, effective) for effective in kb.effective_rules(j)]


def local_rules(kb: KnowledgeBase, situation: Situation) -> list[Entry]:
    """Every jurisdiction that writes its own rule for this situation (inherited copies add nothing)."""
    return [Entry(j, e) for j in kb.jurisdictions.values() for e in kb.effective_rules(j)
            if e.rule.id == situation.id and e.inherited_from is None]


def json_ld(pairs) -> str:
    """schema.org FAQPage as an inline <script>, from (question, answer) pairs."""
    document = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [{"@type": "Question", "name": question,
                        "acceptedAnswer": {"@type": "Answer", "text": answer}} for question, answer in pairs],
    }
    return f'<script type="application/ld+json">{script_json(document)}</script>'


def entries_json_ld(entries: list[Entry]) -> str:
    return json_ld((e.question, e.answer) for e in entries)


def faq_pages(kb: KnowledgeBase) -> dict[str, str]:
    """The national FAQ page."""
    questions = kb.questions
    page = render_page(
        "faq.md.j2", urls.FAQ, questions=questions,
        by_jurisdiction=[(j, jurisdiction_entries(kb, j)) for j in kb.jurisdictions.values()],
        local_rules={s.id: local_rules(kb, s) for q in questions for s in q.situations},
        json_ld=json_ld((q.question, general_answer(q)) for q in questions))
    return {urls.FAQ: page}
