"""Pages about the data itself: what changed (changes/) and data quality (quality/)."""
from __future__ import annotations

from datetime import date

from ..model import KnowledgeBase, urls
from ..model.history import all_changes
from ..model.quality import STALE_MONTHS, figures
from .markup import render_page

VERDICT_TEXT = {"None": "未标明"}


def report_pages(kb: KnowledgeBase) -> dict[str, str]:
    jurisdictions = list(kb.jurisdictions.values())
    return {
        urls.CHANGES: render_page("changes.md.j2", urls.CHANGES, changes=all_changes(kb), jurisdictions=jurisdictions),
        urls.QUALITY: render_page("quality.md.j2", urls.QUALITY, q=figures(kb, date.today()),
                                  jurisdictions=kb.jurisdictions, STALE_MONTHS=STALE_MONTHS,
                                  VERDICT_TEXT=VERDICT_TEXT),
    }
