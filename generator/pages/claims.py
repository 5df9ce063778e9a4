"""网传说法核查: the claims page, one section per jurisdiction, one anchor per claim.

Claims are kept apart from rules everywhere: they have their own page, and a
jurisdiction page only links to them from a short box (templates/_claims_box.md.j2).
"""
from __future__ import annotations

from ..model import KnowledgeBase, urls
from ..model.vocabulary import VERDICTS
from .markup import Render


def claims_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    """{claims/index.md: Markdown}; jurisdictions in display order, claims in file order."""
    groups = [(j, kb.claims_about(j)) for j in kb.jurisdictions.values() if kb.claims_about(j)]
    return {urls.CLAIMS: render.page("claims.md.j2", urls.CLAIMS, groups=groups, VERDICTS=VERDICTS)}
