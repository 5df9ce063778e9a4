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
from ..model.vocabulary import GRADE_TEXT, STATUS_TEXT, UNVERIFIED, UNVERIFIED_WARNING
from .markup import Render, script_json


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
        parts.append(f"结果：{self.effective.answer_line().text}。{rule.summary}")
        if self.effective.inherited_from:
            parts.append(f"本条沿用{self.effective.inherited_from.name}的规定。")
        if rule.conditions:
            parts.append("条件：" + "；".join(s.text for s in rule.conditions) + "。")
        parts.append(f"证据等级 {rule.evidence}（{GRADE_TEXT[rule.evidence]}）。")
        if rule.status in STATUS_TEXT:
            parts.append(f"{STATUS_TEXT[rule.status]}：{rule.status_reason}")
        parts.append("依据：" + "；".join(c.describe(CITATION_STYLE) for c in rule.citations) + "。")
        return "".join(parts)


CITATION_STYLE = "brief"            # a place's answers cite in this style, on the page and in its JSON-LD
GENERAL_CITATION_STYLE = "full"     # the FAQ page's general questions: their numbered 依据 list and JSON-LD


def general_answer(q: GeneralQuestion) -> str:
    return q.answer_text + " 依据：" + "；".join(c.describe(GENERAL_CITATION_STYLE) for c in q.citations) + "。"


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


def faq_nav(kb: KnowledgeBase) -> dict:
    return {"常见问题": [urls.FAQ] + [{g.name: urls.faq_group(g.id)} for g in kb.top_level()]}


def faq_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    """The FAQ page (general questions, and an index of the places' questions by provincial unit),
    and one page per provincial unit listing its places' questions (at national scale one list
    of every place's questions is thousands of elements)."""
    questions = kb.questions
    members: dict[str, list[Jurisdiction]] = {g.id: [] for g in kb.top_level()}
    for j in kb.jurisdictions.values():
        members[kb.group_of(j).id].append(j)
    groups = [(kb.jurisdictions[g], places) for g, places in members.items()]
    pages = {urls.faq_group(group.id): render.page(
        "faq_group.md.j2", urls.faq_group(group.id), group=group,
        by_jurisdiction=[(j, jurisdiction_entries(kb, j)) for j in places]) for group, places in groups}
    pages[urls.FAQ] = render.page(
        "faq.md.j2", urls.FAQ, questions=questions, groups=groups, citation_style=GENERAL_CITATION_STYLE,
        local_counts={s.id: _counts(local_rules(kb, s)) for q in questions for s in q.situations},
        json_ld=json_ld((q.question, general_answer(q)) for q in questions))
    return pages


def _counts(entries: list[Entry]) -> dict[str, int]:
    """How many places write their own rule for a situation, by outcome (short name)."""
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.rule.outcome.short] = counts.get(e.rule.outcome.short, 0) + 1
    return counts
