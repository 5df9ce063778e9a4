"""How current a rule is, computed from the evidence for its answer — never remembered.

`current` needs the answer to cite at least one dated source; answer sources all undated → 日期不明;
the newest answer source older than OUTDATED_AFTER_YEARS, or older than a milestone that applies (and whose
source the rule does not cite) → 可能已过时; a practice bounded by dates (window:) whose window is over →
办理期已过, with what later research found. A dated source the rule cites as saying the practice still applies
(current_cite) counts as an answer date. A status a maintainer wrote (可能已过时 / 说法矛盾 with a reason)
stands; the computation can only add doubt, never remove it.
"""
from __future__ import annotations

from datetime import date

from .dates import date_range
from .vocabulary import CURRENT, ENDED, OUTDATED, OUTDATED_AFTER_YEARS, UNDATED


def years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:                 # 29 February
        return today.replace(year=today.year - years, day=28)


def newest(dates) -> str | None:
    """The latest of some dates as written (YYYY, YYYY-MM, YYYY-MM-DD), by their last possible day."""
    return max(dates, key=lambda d: date_range(d)[1], default=None)


def currency(rule, milestones, today: date, research=(), place: str = "本地区") -> tuple[str, str | None]:
    """(status code, reason) for a rule as loaded (its `status` is what the data wrote, or current).

    milestones: those that apply to the rule (its jurisdiction and above, its situation), newest first.
    research: the jurisdiction's research log (what is known since a window ended); place: its name."""
    if rule.status == "disputed":
        return rule.status, rule.status_reason
    window = rule.window
    if window is not None and date_range(window.until)[1] < today:
        since = [entry.date for entry in research
                 if entry.covers(rule.id) and date_range(entry.date)[0] > date_range(window.until)[1]]
        span = f"{window.start} 至 {window.until}" if window.start else f"截至 {window.until}"
        reason = (f"来源只写了 {span} 这一个办理期，它已经过去；之后是否还这样办理，没有查到来源。"
                  + (f"此后的查找（{'、'.join(sorted(since))}）见{place}页面的“我们查过什么”。" if since
                     else "此后没有查找记录。"))
        return ENDED, reason
    if rule.status != CURRENT:
        return rule.status, rule.status_reason
    as_of = rule.as_of
    if as_of is None:
        return UNDATED, ("写明这一结果的来源都没有日期，不知道说的是哪一年的做法；"
                         "现在是否仍这样办理未查明。")
    if date_range(as_of)[1] < years_before(today, OUTDATED_AFTER_YEARS):
        return OUTDATED, (f"写明这一结果的来源最新的发布于 {as_of}，距今已超过 {OUTDATED_AFTER_YEARS} 年；"
                          "之后是否仍这样办理，没有查到更新的来源。")
    cited = {c.source.id for c in rule.citations}
    for milestone in milestones:
        if (date_range(as_of)[1] < date_range(milestone.date)[0]
                and not cited & {c.source.id for c in milestone.citations}):
            return OUTDATED, (f"写明这一结果的来源最新的发布于 {as_of}，早于 {milestone.date} 的变化"
                              f"“{milestone.title}”；之后是否仍这样办理，没有查到更新的来源。")
    return CURRENT, None
