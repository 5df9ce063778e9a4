"""Weight budget of the built site: what each jurisdiction page makes a phone download.

    .venv/bin/python bench/weight.py [SITE]        # default: site/ (run `make site` first)

For every jurisdiction page: its HTML plus the CSS and JS it references, gzip -9
(the search index is excluded: it is fetched only when a reader searches, and is
reported on its own, per 100 jurisdictions). Exits 1 when a page is over budget or
loads anything from another host. Figures, not a timed test.
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import _gz, _kb, page_loads  # noqa: E402
from generator.site import PAGE_BUDGET_KB as BUDGET_GZ_KB  # noqa: E402


def weigh(site: Path) -> dict:
    export = json.loads((site / "api/v1/policies.json").read_text(encoding="utf-8"))
    pages = {}
    for j in export["jurisdictions"]:
        loaded = page_loads(site / j["url"] / "index.html")
        pages[j["url"]] = (_kb(sum(len(d) for d in loaded)), _kb(sum(_gz(d) for d in loaded)))
    index = (site / "search/search_index.json").read_bytes()
    per_100 = 100 / len(export["jurisdictions"])
    heaviest = max(pages, key=lambda url: pages[url][1])
    return {
        "jurisdiction_pages": len(pages),
        "heaviest_page": heaviest,
        "heaviest_loads_gz_kb": pages[heaviest][1],
        "median_loads_gz_kb": round(statistics.median(gz for _, gz in pages.values()), 1),
        "over_budget": sorted(url for url, (_, gz) in pages.items() if gz > BUDGET_GZ_KB),
        "search_index_kb": _kb(len(index)),
        "search_index_gz_kb": _kb(_gz(index)),
        "search_index_gz_kb_per_100_jurisdictions": round(_kb(_gz(index)) * per_100, 1),
    }


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else REPO / "site"
    figures = weigh(site)
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    print(f"budget: every jurisdiction page ≤ {BUDGET_GZ_KB} KB gzipped for all it loads — "
          + ("ok" if not figures["over_budget"] else "MISSED"))
    return 1 if figures["over_budget"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
