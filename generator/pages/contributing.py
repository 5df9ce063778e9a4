"""The contributor guide on the site: CONTRIBUTING.md is the one copy, published as contributing.md."""
from __future__ import annotations

from ..model import urls

FRONT_MATTER = "---\ntitle: 参与维护\ndescription: 怎样新增城市、引用来源、记录规定变化、运行检查：写给本站数据维护者的指南。\n---\n\n"


def contributing_page(guide: str) -> dict[str, str]:
    """guide: the project's CONTRIBUTING.md (Paths.contributing), read by the site stage like content/."""
    return {urls.CONTRIBUTING: FRONT_MATTER + guide}
