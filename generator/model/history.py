"""Rule changes, derived from the dated versions in the data.

The one place that turns `history:` into a list of changes; the "what changed"
page, the Atom feeds and the JSON export all read it from here.
"""
from __future__ import annotations

from dataclasses import dataclass

from .entities import Citation, Jurisdiction, KnowledgeBase, Outcome, Rule


@dataclass(frozen=True)
class Change:
    date: str                      # when the newer version took effect (or the older one ended)
    jurisdiction: Jurisdiction
    rule: Rule                     # the rule as it is now
    before_outcome: Outcome
    before_summary: str
    after_outcome: Outcome
    after_summary: str
    citations: tuple[Citation, ...]   # the sources of the newer version
    latest: bool                   # True when the newer version is the one in force

    @property
    def key(self) -> str:
        """Stable identity: the same change keeps the same key across builds."""
        return f"{self.jurisdiction.id}/{self.rule.id}/{self.date}"


def rule_changes(j: Jurisdiction, rule: Rule) -> list[Change]:
    """One change per pair of consecutive versions, newest first."""
    result = []
    newer = rule
    for older in rule.history:
        result.append(Change(
            date=newer.effective_from or older.effective_until, jurisdiction=j, rule=rule,
            before_outcome=older.outcome, before_summary=older.summary,
            after_outcome=newer.outcome, after_summary=newer.summary,
            citations=newer.citations, latest=newer is rule))
        newer = older
    return result


def _sorted(changes: list[Change], kb: KnowledgeBase) -> list[Change]:
    """Newest first; same date → display order of jurisdictions, then situations."""
    order = kb.display_order
    changes = sorted(changes, key=lambda c: (order[c.jurisdiction.id], c.rule.situation.order))
    return sorted(changes, key=lambda c: c.date, reverse=True)   # stable: keeps the order above


def all_changes(kb: KnowledgeBase) -> list[Change]:
    return _sorted([c for j in kb.jurisdictions.values() for r in j.rules for c in rule_changes(j, r)], kb)


def changes_for(kb: KnowledgeBase, j: Jurisdiction) -> list[Change]:
    """Changes to the rules that apply in j today, its own or inherited from above."""
    owners = {e.rule.id: e.inherited_from or j for e in kb.effective_rules(j)}
    return _sorted([c for e in kb.effective_rules(j)
                    for c in rule_changes(owners[e.rule.id], e.rule)], kb)


@dataclass(frozen=True)
class StatusMark:
    """A rule marked as not current (可能已过时 / 说法矛盾). The data keeps no date of the marking:
    the rule's last check (last_verified) is when it was last looked at, and is shown as such."""
    jurisdiction: Jurisdiction     # where the rule is written
    rule: Rule

    @property
    def date(self) -> str:
        return self.rule.last_verified

    @property
    def key(self) -> str:
        return f"{self.jurisdiction.id}/{self.rule.id}/{self.rule.status}"


def _marks(kb: KnowledgeBase, pairs) -> list[StatusMark]:
    order = {jid: i for i, jid in enumerate(kb.jurisdictions)}
    marks = sorted((StatusMark(j, r) for j, r in pairs if r.status != "current"),
                   key=lambda m: (order[m.jurisdiction.id], m.rule.situation.order))
    return sorted(marks, key=lambda m: m.date, reverse=True)


def status_marks(kb: KnowledgeBase) -> list[StatusMark]:
    """Every own rule that is not current, newest check first."""
    return _marks(kb, [(j, r) for j in kb.jurisdictions.values() for r in j.rules])


def status_marks_for(kb: KnowledgeBase, j: Jurisdiction) -> list[StatusMark]:
    """The rules that apply in j (own or inherited) and are not current."""
    return _marks(kb, [(e.inherited_from or j, e.rule) for e in kb.effective_rules(j)])
