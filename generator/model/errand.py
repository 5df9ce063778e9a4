"""What a reader needs to do the errand of one rule in one place: what to bring, where to go, how to reach
the office, who may go for her, how she is paid — and what of it nobody has found (未查明, said once).

The place page's sections, the checker's outcomes and the printed 办事清单 all show it from here, so a
fact is never on one and missing from another.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import urls
from .entities import EffectiveRule, Jurisdiction, KnowledgeBase, Place, Statement
from .vocabulary import CLAIMABLE

ONLINE_TYPES = ("网上", "手机应用", "小程序", "公众号")     # channels a reader can use without going anywhere


@dataclass(frozen=True)
class Fact:
    """One known fact of the errand, with the list its footnote numbers point into."""
    title: str            # 窗口地址 / 办公时间 / 咨询电话 / 能否代办 / 钱怎么付 / 费用
    statement: Statement
    owner: str            # a rule id, or urls.SERVICE (the place's channels and contacts)


@dataclass(frozen=True)
class Errand:
    effective: EffectiveRule
    materials: tuple[Statement, ...]
    where: tuple[Place, ...]              # the rule's own places to apply
    channels: tuple[Place, ...]           # the office's channels (cited under urls.SERVICE), where the rule names none
    contacts: tuple[Fact, ...]            # the known 窗口地址 / 办公时间 / 咨询电话
    arrangements: tuple[Fact, ...]        # the known 能否代办 / 钱怎么付 / 费用
    unknown: tuple[str, ...]              # what is 未查明, in reading order
    service_from: Jurisdiction | None     # the contacts are another level's (the place has none of its own)

    @property
    def online(self) -> tuple[Place, ...]:
        return tuple(p for p in self.where + self.channels if p.type in ONLINE_TYPES)

    @property
    def rule(self):
        return self.effective.rule


def errand(kb: KnowledgeBase, j: Jurisdiction, effective: EffectiveRule) -> Errand | None:
    """The errand of a rule that lets money out (能 / 视情况) in place j; None when there is nothing to apply for."""
    r = effective.rule
    if r.outcome.cash not in CLAIMABLE:
        return None
    home = kb.service_for(j)
    service = home.service if home else None
    unknown: list[str] = []
    if not r.materials:
        unknown.append("要带的材料")
    channels = () if r.where else (service.channels if service else ())
    if not (r.where or channels):
        unknown.append("办理地点")
    contacts = []
    for title, s in (("窗口地址", service.address if service else None), ("办公时间", service.hours if service else None),
                     ("咨询电话", service.phone if service else None)):
        if s:
            contacts.append(Fact(title, s, urls.SERVICE))
        else:
            unknown.append(title)
    arrangements = []
    for title, s in (("能否代办", r.proxy), ("钱怎么付", r.payout), ("费用", r.fees)):
        if s:
            arrangements.append(Fact(title, s, r.id))
        else:
            unknown.append(title)
    return Errand(effective=effective, materials=r.materials, where=r.where, channels=channels,
                  contacts=tuple(contacts), arrangements=tuple(arrangements), unknown=tuple(unknown),
                  service_from=home if home is not None and home is not j else None)
