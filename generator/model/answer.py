"""The one-line answer of a rule, composed from parts: the one place that words an outcome.

    能取出 · 付给本人 · 条件：在集中办理期内申请（2023 年为 2 月 6 日至 3 月 31 日） · 办理期已过

Every page and export that states an outcome in one line (简要回答 and other rule references, comparison
cells, FAQ answers, the exports' `answer`, the feeds, the checker's outcomes, 引用本条) takes it from here,
as AnswerLine.text or a part of it. The parts are joined by SEPARATOR, never nested in brackets: the data's
own words may hold one level of brackets (the lint refuses more in `summary` and `key_condition`,
load.textcheck), and the composer adds none, so no one-line answer nests brackets.

AnswerLine keeps the parts apart for pages that show them separately (a place page's answer cards).
"""
from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import CASH, HOW_UNKNOWN, STATUS_TEXT

SEPARATOR = " · "


@dataclass(frozen=True)
class AnswerLine:
    """A rule's answer as parts, in reading order; absent parts are None.

    outcome    can the money come out: the cash answer (能取出 / 视情况 / 不能取现 / 未查明)
    payee      what is done with the money and who gets it: the outcome's words (付给本人, 随关系转移 …);
               None when they only repeat the cash answer (不能取现, 未查明)
    condition  the rule's key condition: "条件：…" when the reader must meet it, or as written when it
               describes how the result comes about (key_condition kind 说明)
    status     the status word when the rule is not current (办理期已过 / 可能已过时 / 日期不明 / 说法矛盾)
    note       for a rule inherited from a level that says nothing of how to apply: whose rule it is and
               that the local procedure is not known
    """
    outcome: str
    payee: str | None = None
    condition: str | None = None
    status: str | None = None
    note: str | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.outcome, self.payee, self.condition, self.status, self.note) if p)

    @property
    def text(self) -> str:
        """The whole line."""
        return SEPARATOR.join(self.parts)

    def words(self, cash: bool = True, status: bool = True) -> str:
        """The line without the parts its context already shows: cash=False under a heading that names the
        cash answer (a list of places grouped by it), status=False beside a status mark of its own."""
        return SEPARATOR.join(p for p in (self.outcome if cash else None, self.payee, self.condition,
                                          self.status if status else None, self.note) if p)


def compose(rule, short: bool = False, note: str | None = None) -> AnswerLine:
    """A rule's line; short: the outcome's short words (comparison cells, lists, boxes)."""
    outcome = rule.outcome
    cash = CASH[outcome.cash]["label"]
    payee = outcome.short if short else outcome.name
    key = rule.key_condition
    condition = f"{key.prefix}{key.text}" if key is not None else None
    return AnswerLine(outcome=cash, payee=None if outcome.short == cash else payee, condition=condition,
                      status=STATUS_TEXT.get(rule.status), note=note)


def how_unknown_note(inherited_from) -> str:
    """The note of a rule inherited from a level that only says the result (EffectiveRule.how_unknown)."""
    return f"按{inherited_from.short_name}的规定，{HOW_UNKNOWN}"
