"""Dates as maintainers write them: YYYY, YYYY-MM or YYYY-MM-DD (partial when only that is known)."""
from __future__ import annotations

import calendar
from datetime import date


def date_range(text: str) -> tuple[date, date] | None:
    """'2021', '2021-04' or '2021-04-22' → (earliest, latest) day; None if no such day."""
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except ValueError:
        return None
