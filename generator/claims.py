"""网传说法核查: the claims page, one section per jurisdiction, one anchor per claim.

Claims are kept apart from rules everywhere: they have their own page, and a
jurisdiction page only links to them from a short box (templates/claims_box.md.j2).
"""
from __future__ import annotations

from .model import VERDICTS, KnowledgeBase
from .markup import CLAIMS_PAGE, SOURCES_PAGE, environment, md_path, relative


def render_claims(kb: KnowledgeBase) -> dict[str, str]:
    """{claims/index.md: Markdown}; jurisdictions in display order, claims in file order."""
    groups = [(j, kb.claims_about(j)) for j in kb.jurisdictions.values() if kb.claims_about(j)]
    page = environment().get_template("claims.md.j2").render(
        kb=kb, groups=groups, VERDICTS=VERDICTS, md_path=md_path, sources_page=SOURCES_PAGE,
        link=lambda target: relative(CLAIMS_PAGE, target))
    return {CLAIMS_PAGE: page}
