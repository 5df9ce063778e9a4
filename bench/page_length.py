"""How long the place pages are on a phone: every place page of the built site, as a reader opens it.

    .venv/bin/python bench/page_length.py [SITE] [--json]     # default: site/ (run `make site` first)

In headless Chromium at 390 × 844 px (one "screen"), normal and 长辈版, in the page's default state
(everything folded stays folded), it measures:
- the page's length in screens;
- where the answer cards end (they must end within the first screen);
- for each card that opens a rule's section: how far below the section's heading its answer, what to bring
  and where to go end (the part before 依据和说明), in screens: within 2 after tapping the card.
Targets (issue 21): ≤ 6 screens (≤ 12 in 长辈版), cards within screen 1, each section's errand within 2.
Prints a table and the pages over target; exits 1 when any page misses one. Figures, not a timed test.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_support import CHROMIUM, FLAGS, HEIGHT, new_context, serve  # noqa: E402

TARGET = {"normal": 6.0, "elder": 12.0}
CARDS_WITHIN = 1.0         # screens: the last card's bottom
SECTION_WITHIN = 2.0       # screens: a section's answer, materials and where to go, below its heading

MEASURE = """() => {
  const top = el => el.getBoundingClientRect().top + window.scrollY;
  const bottom = el => el.getBoundingClientRect().bottom + window.scrollY;
  const cards = document.querySelector('.answer-cards');
  const sections = [];
  for (const a of document.querySelectorAll('.answer-cards a[href^="#"]')) {
    const heading = document.getElementById(a.getAttribute('href').slice(1));
    if (!heading || heading.tagName !== 'H2') continue;
    let end = heading, node = heading.nextElementSibling;
    while (node && node.tagName !== 'H2' && !(node.tagName === 'DETAILS' && node.classList.contains('evidence'))) {
      if (node.offsetParent !== null) end = node;
      node = node.nextElementSibling;
    }
    sections.push({id: heading.id, span: bottom(end) - top(heading)});
  }
  return {height: document.documentElement.scrollHeight, cardsTop: cards ? top(cards) : null,
          cardsBottom: cards ? bottom(cards) : null, sections};
}"""


def place_urls(site: Path) -> list[str]:
    export = json.loads((site / "api/v1/policies.json").read_text(encoding="utf-8"))
    return [j["url"] for j in export["jurisdictions"]]


def measure_pages(browser, base: str, urls: list[str], mode: str) -> list[dict]:
    """One row per page, in screens (unrounded: targets are checked on these): its length, where the cards end,
    each section's answer + materials + where to go, and the longest of them. The test uses this too."""
    context = new_context(browser, elder=(mode == "elder"))
    page = context.new_page()
    rows = []
    for url in urls:
        page.goto(base + url, wait_until="load")
        m = page.evaluate(MEASURE)
        sections = {s["id"]: s["span"] / HEIGHT for s in m["sections"]}
        rows.append({"url": url, "mode": mode, "screens": m["height"] / HEIGHT,
                     "cards_end": m["cardsBottom"] / HEIGHT if m["cardsBottom"] else None,
                     "longest_section": max(sections.values(), default=0.0),
                     "longest_section_id": max(sections, key=sections.get, default=None), "sections": sections})
    context.close()
    return rows


def measure(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright
    httpd, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            rows = [row for mode in TARGET for row in measure_pages(browser, base, place_urls(site), mode)]
            browser.close()
    finally:
        httpd.shutdown()
    return rows


def misses(row: dict) -> list[str]:
    found = []
    if row["screens"] > TARGET[row["mode"]]:
        found.append(f"{row['screens']:.2f} 屏 > {TARGET[row['mode']]:g}")
    if row["mode"] == "normal" and (row["cards_end"] is None or row["cards_end"] > CARDS_WITHIN):
        found.append(f"回答卡片结束于第 {row['cards_end'] or 0:.2f} 屏")
    if row["mode"] == "normal" and row["longest_section"] > SECTION_WITHIN:
        found.append(f"#{row['longest_section_id']} 的回答、材料和地点占 {row['longest_section']:.2f} 屏")
    return found


def report(rows: list[dict]) -> str:
    lines = []
    for mode in TARGET:
        mine = [r for r in rows if r["mode"] == mode]
        screens = sorted(round(r["screens"], 2) for r in mine)
        longest = max(mine, key=lambda r: r["screens"])
        lines.append(f"{mode}: {len(mine)} place pages, {screens[0]}–{screens[-1]} screens "
                     f"(median {screens[len(screens) // 2]}; longest {longest['url']}), target ≤ {TARGET[mode]:g}")
        if mode == "normal":
            ends = [round(r["cards_end"] or 99, 2) for r in mine]
            sections = [round(r["longest_section"], 2) for r in mine]
            lines.append(f"  answer cards end at screen ≤ {max(ends)} (target ≤ {CARDS_WITHIN:g}); "
                         f"a section's answer + materials + where ≤ {max(sections)} screens (target ≤ {SECTION_WITHIN:g})")
    over = [(r, misses(r)) for r in rows if misses(r)]
    lines.append(f"pages missing a target: {len(over)}")
    lines += [f"  {r['mode']:6} {r['url']}: {'; '.join(why)}" for r, why in over]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    site = Path(args[0]) if args else REPO / "site"
    rows = measure(site)
    print(json.dumps(rows, ensure_ascii=False, indent=1) if "--json" in argv else report(rows))
    return 1 if any(misses(r) for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
