"""The "can I take the money out?" flow of one jurisdiction, derived from its effective rules.

One graph (here), three renderings made at build time by generator.pages.flowchart: an inline
SVG, a text version for screen readers and no-JS readers, and the checker's questions and outcomes
(templates/_flow.md.j2), which the checker script shows one at a time.

The questions are the situations of the jurisdiction's effective rules, in vocabulary
order: "is this your case?"; 是 ends at that rule's outcome, 否 goes to the next
question. After the last one, 以上都不是 ends at the rule for the vocabulary's general
situation (`fallback`), or at 未查明 when there is none. Nothing here names a situation.

Every question is answerable yes or no. A rule whose outcome holds only under a key condition the reader
meets or not (key_condition kind 条件) is asked in two steps: the situation, then the condition as its own
question (Condition); 是 to both ends at the outcome, 否 to either goes on to the next situation, as one
question "situation and condition?" answered 否 did. A key condition that explains how the result comes
about (kind 说明) is not a question: the outcome shows it (model.answer).
"""
from __future__ import annotations

from dataclasses import dataclass

from .entities import EffectiveRule, Jurisdiction, KnowledgeBase, Situation
from .vocabulary import CLAIMABLE, STATUS_TEXT, UNKNOWN_CASH, UNVERIFIED, UNVERIFIED_GRADE

UNKNOWN_END = "unknown"   # node ids: q-<situation>, o-<situation>, and this one (no "o-" prefix: cannot clash)
START_TEXT = "您属于下面哪种情况？从上往下逐个回答“是”或“否”"
UNKNOWN_TEXT = "未查明：请咨询当地医保部门"


@dataclass(frozen=True)
class Condition:
    """The key condition of a situation's rule, asked after the situation: 是 ends at the outcome."""
    id: str              # c-<situation>
    situation: Situation
    text: str            # the key condition as written (kind 条件: one yes/no condition, validated)
    yes: str             # id of the End
    no: str              # the situation's 否: the next Question, or the final End

    @property
    def label(self) -> str:
        return f"{self.text}？"


@dataclass(frozen=True)
class Question:
    id: str
    situation: Situation
    yes: str     # id of the node 是 leads to: the condition when there is one, else the End
    no: str      # id of the next Question, or of the final End
    condition: Condition | None = None   # asked next when the outcome holds only under it

    @property
    def label(self) -> str:
        return f"{self.situation.name}？"

    @property
    def end(self) -> str:
        """Id of the End reached by answering 是 to everything asked for this situation."""
        return self.condition.yes if self.condition else self.yes


@dataclass(frozen=True)
class End:
    id: str
    effective: EffectiveRule | None   # None: no rule found → 未查明
    final: bool                       # reached by answering 否 to every question

    @property
    def name(self) -> str:
        return self.effective.answer_line().words(status=False) if self.effective else UNKNOWN_TEXT

    @property
    def cash(self) -> str:
        return self.effective.rule.outcome.cash if self.effective else UNKNOWN_CASH

    @property
    def claimable(self) -> bool:
        """Money can come out here, so the reader needs how to apply: the place's channels and contacts."""
        return self.cash in CLAIMABLE

    @property
    def grade(self) -> str | None:
        return self.effective.rule.evidence if self.effective else None

    @property
    def grade_label(self) -> str:
        if self.grade is None:
            return "没有找到规定"
        status = STATUS_TEXT.get(self.effective.rule.status)     # a rule that is not current says so
        return (f"证据 {self.grade}" + (f" · {UNVERIFIED}" if self.grade == UNVERIFIED_GRADE else "")
                + (f" · {status}" if status else ""))

    @property
    def via(self) -> str | None:
        """For the final end: which general rule 以上都不是 falls back to."""
        if self.final and self.effective:
            return f"以上都不是：按“{self.effective.rule.situation.name}”的规定"
        return "以上都不是" if self.final else None


@dataclass(frozen=True)
class Flow:
    jurisdiction: Jurisdiction
    questions: tuple[Question, ...]
    ends: dict[str, End]              # in the order they are reached; the final end last
    not_covered: tuple[Situation, ...]  # vocabulary situations with no rule here (besides the general one)
    service_from: Jurisdiction | None = None   # where the nearest cited contacts are (KnowledgeBase.service_for)
    glossary: tuple = ()                       # the terms a question may need explained (kb.glossary)

    @property
    def final(self) -> End:
        return next(e for e in self.ends.values() if e.final)

    @property
    def claimable(self) -> bool:
        """Some outcome lets money out (End.claimable)."""
        return any(e.claimable for e in self.ends.values())

    @property
    def start(self) -> str:
        return self.questions[0].id if self.questions else self.final.id

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return tuple(q.condition for q in self.questions if q.condition)

    def nodes(self) -> dict[str, Question | Condition | End]:
        return {**{q.id: q for q in self.questions}, **{c.id: c for c in self.conditions}, **self.ends}

    def edges(self) -> list[tuple[str, str, str]]:
        """(from, to, answer) for every arrow."""
        return [edge for q in (*self.questions, *self.conditions) for edge in ((q.id, q.yes, "是"), (q.id, q.no, "否"))]


def build_flow(kb: KnowledgeBase, j: Jurisdiction) -> Flow:
    rules = kb.effective_rules(j)          # already in vocabulary order
    general = next((e for e in rules if e.rule.situation.fallback), None)
    asked = [e for e in rules if e is not general]
    final = End(f"o-{general.rule.id}" if general else UNKNOWN_END, general, True)
    questions, ends = [], {}
    for index, effective in enumerate(asked):
        following = f"q-{asked[index + 1].rule.id}" if index + 1 < len(asked) else final.id
        end = End(f"o-{effective.rule.id}", effective, False)
        key = effective.rule.key_condition
        situation = effective.rule.situation
        condition = (Condition(f"c-{effective.rule.id}", situation, key.text, end.id, following)
                     if key is not None and key.asked else None)
        questions.append(Question(f"q-{effective.rule.id}", situation, condition.id if condition else end.id,
                                  following, condition))
        ends[end.id] = end
    ends[final.id] = final
    covered = {e.rule.id for e in rules}
    not_covered = tuple(s for s in kb.situations if s.id not in covered and not s.fallback)
    return Flow(j, tuple(questions), ends, not_covered, kb.service_for(j), tuple(kb.glossary))
