"""The complete grid: every place × every situation, and how to cite one cell of it.

A cell is what the site says about one situation in one place: the place's own rule, a rule it
inherits, or no rule at all — and then whether someone looked (查过，未找到) or nobody has (未整理).
Comparison pages, rules.csv and the database read the cells from here, so "what a blank means" and
"what a citation says" have one home.

The data version (Edition) names the data a page or export was built from: the latest date in the
data and, when the data is a clean git checkout, the short commit (the loader finds it: load.git_commit).
It is computed once per load, so two builds of the same commit are byte-identical.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .answer import AnswerLine
from .entities import EffectiveRule, Jurisdiction, KnowledgeBase, Situation
from .vocabulary import (ANSWER_KINDS, INHERITED, MISSING, MISSING_KIND, OWN, RESEARCHED,
                         RESEARCHED_KIND, STATUS_TEXT, UNVERIFIED, cash_sort_key)


@dataclass(frozen=True)
class Edition:
    """The data version: the data's latest date, plus the short git commit when known."""
    date: str | None
    commit: str | None = None

    @property
    def label(self) -> str:
        """2026-11-30+5f0a195, or the date alone; 未知 without any date."""
        if not self.date:
            return "未知"
        return f"{self.date}+{self.commit}" if self.commit else self.date

    def exported(self) -> dict:
        return {"date": self.date, "commit": self.commit, "label": self.label}


def data_date(kb: KnowledgeBase) -> str | None:
    """The latest date the data was checked: the newest last_verified of a place or a rule, or research entry."""
    dates = [d for j in kb.jurisdictions.values()
             for d in [j.last_verified] + [r.last_verified for r in j.rules] + [e.date for e in j.research] if d]
    return max(dates, default=None)


def situations_used(kb: KnowledgeBase) -> list[Situation]:
    """Situations with a rule in at least one jurisdiction, in vocabulary order: those the comparison shows."""
    used = {r.id for j in kb.jurisdictions.values() for r in j.rules}
    return [s for s in kb.situations if s.id in used]


@dataclass(frozen=True)
class Cell:
    """One place × one situation."""
    place: Jurisdiction
    situation: Situation
    effective: EffectiveRule | None
    researched: bool = False        # no rule, and the research log covers this situation

    @property
    def kind(self) -> str:
        """own / inherited / researched (查过，未找到) / missing (未整理)."""
        if self.effective is None:
            return RESEARCHED_KIND if self.researched else MISSING_KIND
        return INHERITED if self.effective.inherited_from else OWN

    @property
    def kind_name(self) -> str:
        return ANSWER_KINDS[self.kind]

    @property
    def rule(self):
        return self.effective.rule if self.effective else None

    def line(self, short: bool = False) -> AnswerLine | None:
        """The one-line answer as parts (model.answer); None without a rule."""
        return self.effective.answer_line(short) if self.effective else None

    def answer(self, short: bool = False, status: bool = True) -> str:
        """The answer in words, as every page states it (never without its key condition); status=False
        beside a status mark of its own."""
        if self.effective is None:
            return RESEARCHED if self.researched else MISSING
        return self.line(short).words(status=status)

    @property
    def grade(self) -> str | None:
        return self.rule.evidence if self.rule else None

    @property
    def status(self) -> str | None:
        """current / possibly-outdated / disputed / undated / ended (model.currency); None without a rule."""
        return self.rule.status if self.rule else None

    @property
    def status_name(self) -> str:
        """The status word readers see: 现行 unless marked; empty without a rule."""
        if self.rule is None:
            return ""
        return STATUS_TEXT.get(self.rule.status, "现行")

    @property
    def checked(self) -> str | None:
        """When this was last checked: the rule's last_verified, or the newest research entry covering it."""
        if self.rule is not None:
            return self.rule.last_verified
        dates = [r.date for r in self.place.research if r.covers(self.situation.id)]
        return max(dates, default=None)

    @property
    def sort_key(self) -> str:
        return cash_sort_key(self.rule.outcome.cash if self.rule else None, self.grade)

    @property
    def url(self) -> str:
        """Where the answer is shown in full (from the site root): the rule on the place's page, the
        place's research log, or its page."""
        if self.rule is not None:
            return urls.url(urls.page(self.place), urls.rule_anchor(self.situation.id))
        return urls.url(urls.page(self.place), urls.RESEARCH_ANCHOR if self.researched else None)

    def cite_as(self, site_name: str, site_url: str, edition: Edition) -> str:
        """The text a reader copies to cite this cell (引用本条): its address absolute when site_url is set."""
        url = urls.absolute(site_url, self.url)
        facts = []
        if self.grade:
            facts.append(f"证据等级 {self.grade}" + (f"，{UNVERIFIED}" if self.rule.unverified else ""))
        if self.effective is not None and self.effective.inherited_from:
            facts.append(f"沿用{self.effective.inherited_from.name}的规定")
        about = f"（{'，'.join(facts)}）" if facts else ""
        checked = f"核对日期 {self.checked}" if self.checked else "核对日期未知"
        return (f"{site_name}：{self.place.name} · {self.situation.name}：{self.answer()}{about}。"
                f"{checked}。{url}（数据版本 {edition.label}）")


def cells_of(kb: KnowledgeBase, j: Jurisdiction, situations: list[Situation] | None = None) -> list[Cell]:
    """One place's row of the grid: every situation (vocabulary order, or those given)."""
    effective = {e.rule.id: e for e in kb.effective_rules(j)}
    return [Cell(j, s, effective.get(s.id), s.id not in effective and j.researched(s.id))
            for s in (situations if situations is not None else kb.situations)]


def grid(kb: KnowledgeBase, situations: list[Situation] | None = None) -> list[Cell]:
    """Every place (display order) × every situation (vocabulary order, or those given)."""
    return [cell for j in kb.jurisdictions.values() for cell in cells_of(kb, j, situations)]
