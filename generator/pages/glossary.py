"""The glossary page (术语表): policies/glossary.yaml, each entry with its sources or marked as the site's own word."""
from __future__ import annotations

from ..model import KnowledgeBase, urls
from .markup import Render


def glossary_pages(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    if not kb.glossary:
        return {}
    return {urls.GLOSSARY: render.page("glossary.md.j2", urls.GLOSSARY, terms=kb.glossary)}
