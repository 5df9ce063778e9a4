"""The public quality figures match an independent count from the export; stale checks warn, not fail."""
from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from datetime import date, timedelta

from helpers import line_of, rendered_site, run_generator

CLASS_NAMES = {"official": "官方", "media": "媒体", "third-party": "第三方"}


def expected_figures(export: dict, today: date) -> dict:
    """Recomputed from policies.json alone, without the generator's quality module."""
    grades = {}
    for j in export["jurisdictions"]:
        own = Counter(r["evidence"] for r in j["rules"] if r["inherited_from"] is None)
        effective = Counter(r["evidence"] for r in j["rules"])
        grades[j["id"]] = ({g: own[g] for g in "ABC"}, {g: effective[g] for g in "ABC"})
    classes = Counter(s["class"] for s in export["sources"])
    verdicts = Counter(str(c.get("verdict")) for c in export.get("claims", []))
    stale = [j["id"] for j in export["jurisdictions"] if _last_day(j["last_verified"]) < _year_before(today)]
    return {"grades": grades, "classes": {k: classes[k] for k in CLASS_NAMES}, "verdicts": dict(verdicts),
            "stale": stale}


def _year_before(day: date) -> date:
    return date(day.year - 1, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)


def _last_day(text: str) -> date:
    """The last day a partial date can mean: '2025' → 2025-12-31, '2025-02' → 2025-02-28."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def table_after(html: str, anchor: str) -> list[list[str]]:
    start = html.index(f'id="{anchor}"')
    table = html[html.index("<table", start): html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
             for row in rows]
    return [c for c in cells if c]


def page_figures(html: str, export: dict) -> dict:
    ids = {j["name"]: j["id"] for j in export["jurisdictions"]}
    grades = {ids[row[0]]: (int(row[1]), dict(zip("ABC", map(int, row[2:5]))), dict(zip("ABC", map(int, row[5:8]))))
              for row in table_after(html, "grades")}
    names = {v: k for k, v in CLASS_NAMES.items()}
    classes = {names[row[0]]: int(row[1]) for row in table_after(html, "sources")}
    verdicts = {row[0]: int(row[1]) for row in table_after(html, "claims")} if "<table" in html[html.index('id="claims"'):html.index('id="stale"')] else {}
    stale_part = html[html.index('id="stale"'):]
    stale = [j["id"] for j in export["jurisdictions"] if f'href="../{j["url"]}"' in stale_part]
    return {"grades": grades, "classes": classes, "verdicts": verdicts, "stale": stale}


def by_unit(grades: dict, export: dict) -> dict:
    """Per-place figures summed per provincial unit (a city under a province counts in the province)."""
    places = {j["id"]: j for j in export["jurisdictions"]}
    units: dict = {}
    for jid, (own, effective) in grades.items():
        j = places[jid]
        parent = places.get(j["parent"]) if j["parent"] else None
        unit = parent["id"] if j["level"] == "city" and parent and parent["level"] == "province" else jid
        count, own_sum, eff_sum = units.get(unit, (0, dict.fromkeys("ABC", 0), dict.fromkeys("ABC", 0)))
        units[unit] = (count + 1, {g: own_sum[g] + own[g] for g in "ABC"}, {g: eff_sum[g] + effective[g] for g in "ABC"})
    return units


def export_figures(quality: dict) -> dict:
    return {"grades": {row["jurisdiction"]: (row["own"], row["effective"]) for row in quality["rules_by_grade"]},
            "classes": quality["sources_by_class"], "verdicts": quality["claims_by_verdict"],
            "stale": [row["jurisdiction"] for row in quality["stale_jurisdictions"]]}


def test_quality_page_and_export_match_the_data(built, export):
    today = date.fromisoformat(export["quality"]["as_of"])
    expected = expected_figures(export, today)
    html = (built / "quality/index.html").read_text(encoding="utf-8")
    shown = page_figures(html, export)
    assert shown["grades"] == by_unit(expected["grades"], export)     # the page: one row per provincial unit
    assert {k: v for k, v in shown.items() if k != "grades"} == {k: v for k, v in expected.items() if k != "grades"}
    assert export_figures(export["quality"]) == expected              # the export: every place
    assert set(expected["grades"]) == {j["id"] for j in export["jurisdictions"]}
    assert sum(expected["classes"].values()) == len(export["sources"])


def test_stale_jurisdiction_warns_but_passes(data_copy):
    path = data_copy / "policies/hunan/changsha.yaml"
    old = (date.today() - timedelta(days=400)).isoformat()
    text = path.read_text(encoding="utf-8")
    current = re.search(r"^last_verified: (\S+)$", text, re.M).group(1)
    path.write_text(text.replace(f"last_verified: {current}", f"last_verified: {old}", 1), encoding="utf-8")

    result = run_generator(data_copy, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"policies/hunan/changsha.yaml:{line_of(path, 'last_verified: ' + old)}: last_verified: 警告" in result.stderr
    assert "changsha.yaml" not in result.stdout

    site = rendered_site(data_copy, pages=("quality/",))
    export = json.loads((site / "api/v1/policies.json").read_text(encoding="utf-8"))
    assert "changsha" in [row["jurisdiction"] for row in export["quality"]["stale_jurisdictions"]]
    html = (site / "quality/index.html").read_text(encoding="utf-8")
    assert page_figures(html, export)["stale"] == expected_figures(export, date.today())["stale"]
    assert "changsha" in page_figures(html, export)["stale"]


def test_fresh_data_gives_no_stale_warning(data_copy):
    path = data_copy / "policies/hunan/changsha.yaml"
    text = path.read_text(encoding="utf-8")
    current = re.search(r"^last_verified: (\S+)$", text, re.M).group(1)
    path.write_text(text.replace(f"last_verified: {current}", f"last_verified: {date.today()}", 1), encoding="utf-8")
    result = run_generator(data_copy, "validate")
    assert result.returncode == 0
    assert "changsha.yaml" not in result.stderr


def test_evidence_figures_recomputed_from_the_export_and_the_excerpts(built, export):
    """Statements cited, quotes found in their excerpts and rules by status, counted again from policies.json
    and policies/excerpts/ (the excerpt check itself, not the quality module), and shown on the page."""
    from generator.load.excerpts import Excerpts
    from helpers import ROOT
    own = [r for j in export["jurisdictions"] for r in j["rules"] if r["inherited_from"] is None]
    total = cited = 0
    for r in own:
        for key in ("conditions", "materials", "steps", "where", "time_limit", "proxy", "payout", "fees"):
            items = r[key] if isinstance(r[key], list) else [r[key]] if r[key] else []
            for item in items:
                total += 1
                cited += bool(item["citations"]) and all(0 <= i < len(r["citations"]) for i in item["citations"])
    q = export["quality"]
    assert q["statements"] == {"cited": cited, "total": total} and total > 0
    assert cited == total                                        # every statement cited: 100 %
    excerpts = Excerpts(ROOT / "policies")
    quotes = [c for r in own for c in r["citations"] + [x for v in r["history"] for x in v["citations"]]]
    quotes += [c for claim in export["claims"] for c in claim["citations"]]
    quotes += [c for m in export["milestones"] for c in m["citations"]]
    found = sum(excerpts.contains(c["source"], c["quote"]) is True for c in quotes)
    assert q["quotes"] == {"found": found, "total": len(quotes)}
    statuses = Counter(r["status"] for r in own)
    assert q["rules_by_status"] == {s: statuses[s] for s in ("current", "possibly-outdated", "disputed")}
    assert q["rules_by_status"]["possibly-outdated"] >= 4 and q["rules_by_status"]["disputed"] >= 1
    text = re.sub(r"<[^>]+>", "", (built / "quality/index.html").read_text(encoding="utf-8"))
    assert f"{cited} / {total}" in text and f"{found} / {len(quotes)}" in text and "可能已过时" in text
