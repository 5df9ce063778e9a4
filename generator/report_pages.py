"""Pages about the data itself: what changed (changes/) and data quality (quality/)."""
from __future__ import annotations

from datetime import date

from .feed import FEED_PATH, feed_path
from .history import all_changes
from .model import GRADE_TEXT, KnowledgeBase
from .quality import GRADES, STALE_MONTHS, figures
from .markup import SOURCES_PAGE, environment, md_path, relative

CHANGES_PAGE = "changes/index.md"
QUALITY_PAGE = "quality/index.md"
VERDICT_TEXT = {"None": "未标明"}


def report_pages(kb: KnowledgeBase) -> dict[str, str]:
    env = environment()
    changes_link = lambda target: relative(CHANGES_PAGE, target)   # noqa: E731
    quality_link = lambda target: relative(QUALITY_PAGE, target)   # noqa: E731
    return {
        CHANGES_PAGE: env.get_template("changes.md.j2").render(
            kb=kb, changes=all_changes(kb), link=changes_link, md_path=md_path, sources_page=SOURCES_PAGE,
            feed=FEED_PATH, feed_path=feed_path),
        QUALITY_PAGE: env.get_template("quality.md.j2").render(
            kb=kb, q=figures(kb, date.today()), link=quality_link, md_path=md_path, GRADES=GRADES,
            GRADE_TEXT=GRADE_TEXT, STALE_MONTHS=STALE_MONTHS, VERDICT_TEXT=VERDICT_TEXT),
    }
