"""The contributor guide on the site: CONTRIBUTING.md is the one copy, published as contributing.md."""
from __future__ import annotations

from pathlib import Path

from ..model import KnowledgeBase, urls
from .markup import Render

GUIDE = Path(__file__).resolve().parents[2] / "CONTRIBUTING.md"
FRONT_MATTER = "---\ntitle: 参与维护\ndescription: 怎样新增城市、引用来源、记录规定变化、运行检查：写给本站数据维护者的指南。\n---\n\n"


def contributing_page(kb: KnowledgeBase, render: Render) -> dict[str, str]:
    return {urls.CONTRIBUTING: FRONT_MATTER + GUIDE.read_text(encoding="utf-8")}
