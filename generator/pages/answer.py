"""简要回答, the short answer at the top of a place page, decided here; templates/jurisdiction.md.j2 only
shows it. Which lead sentence it opens with, the rules listed under each answer word (能 / 视情况 / 不能 /
未查明, in the vocabulary's order, each named by pieces.rule_ref), and the notes that follow."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import EffectiveRule, Jurisdiction, KnowledgeBase
from ..model.vocabulary import CASH, CASH_ORDER, CLAIMABLE, CURRENT, UNKNOWN_CASH

# The lead sentence, by what the rules say (the template holds the words of each):
UPSTREAM_ONLY = "upstream-only"   # money comes out only under rules inherited from above
LIMITED = "limited"               # money comes out in some situations, local rules among them
NOT_FOUND = "not-found"           # nothing lets the money out, and some situation is 未查明
NO = "no"                         # every rule found says 不能
NOTHING = "nothing"               # no rule at all


@dataclass(frozen=True)
class ShortAnswer:
    lead: str                                   # one of the constants above
    lines: tuple[tuple[str, tuple[EffectiveRule, ...]], ...]   # (answer words, its rules), non-empty groups only
    upstream: tuple[Jurisdiction, ...]          # the levels above, named where rules are inherited
    inherited: int                              # how many of the page's rules are inherited
    unverified_note: bool                       # some rule is 待核实: say what that means
    unsettled_note: bool                        # some rule is 可能已过时 / 说法矛盾: say what that means


def short_answer(kb: KnowledgeBase, j: Jurisdiction) -> ShortAnswer:
    rules = kb.effective_rules(j)
    groups: dict[str, list[EffectiveRule]] = {cash: [] for cash in CASH_ORDER}
    for e in rules:
        groups[e.rule.outcome.cash].append(e)
    can = [e for cash in CLAIMABLE for e in groups[cash]]
    if can and all(e.inherited_from for e in can) and j.level != "national":
        lead = UPSTREAM_ONLY
    elif can:
        lead = LIMITED
    elif groups[UNKNOWN_CASH]:
        lead = NOT_FOUND
    elif rules:
        lead = NO
    else:
        lead = NOTHING
    return ShortAnswer(
        lead=lead,
        lines=tuple((CASH[cash]["answer"], tuple(groups[cash])) for cash in CASH_ORDER if groups[cash]),
        upstream=tuple(kb.ancestors(j)),
        inherited=sum(1 for e in rules if e.inherited_from),
        unverified_note=any(e.rule.unverified for e in rules),
        unsettled_note=any(e.rule.status != CURRENT for e in rules))
