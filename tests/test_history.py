"""Dated rule versions: validation, the folded history on the page, the changes page, the Atom feeds, the export."""
from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from helpers import (SITE_NAME, Reported, all_changes, assert_reported_at, load, rendered_site, run_generator, section,
                     with_text)

ATOM = "{http://www.w3.org/2005/Atom}"
CHANGSHA = "policies/hunan/changsha.yaml"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$")


def set_history(root: Path, relative: str, situation: str, history: list, effective_from=None) -> Path:
    """Give one rule of a data file earlier versions (rewrites the file through YAML)."""
    path = root / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["situation"] == situation)
    if effective_from:
        rule["effective_from"] = effective_from
    rule["history"] = history
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def version(until, summary, outcome="no-cash", since=None, source="jiusong-changsha-death", quote="参保人员过世后,直系亲属或所在单位应办理终止参保手续"):
    v = {"outcome": outcome, "summary": summary, "answer_cite": [1]}
    if since:
        v["effective_from"] = since
    v["effective_until"] = until
    v["citations"] = [{"source": source, "quote": quote}]
    return v


def without(v: dict, key: str) -> dict:
    """A version with one field left out."""
    return {k: value for k, value in v.items() if k != key}


def build_copy(root: Path, name: str = "out", kb=None) -> Path:
    """The pages these tests read (最近变化, 长沙), the feeds and the export, as a build of root would publish them."""
    return rendered_site(root, kb, pages=("changes/", "hunan/changsha/"), name=name)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def feed_entries(path: Path) -> list[dict]:
    feed = ET.parse(path).getroot()
    return [{"id": e.findtext(f"{ATOM}id"), "title": e.findtext(f"{ATOM}title"),
             "updated": e.findtext(f"{ATOM}updated"), "href": e.find(f"{ATOM}link").get("href"),
             "summary": e.findtext(f"{ATOM}summary")} for e in feed.findall(f"{ATOM}entry")]


def assert_valid_atom(path: Path) -> ET.Element:
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{tag}") or "").strip(), (path, tag)
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None      # required unless every entry has one
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), (path, tag)
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids)), path
    updated = [e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True), "newest first"
    if updated:
        assert feed.findtext(f"{ATOM}updated") == updated[0]
    return feed


def resolve(site: Path, feed_file: Path, href: str) -> tuple[Path, str]:
    """A relative link in a feed → the built page file and the fragment."""
    url, _, fragment = href.partition("#")
    target = (feed_file.parent / url).resolve()
    return target / "index.html", fragment


# -- the real data ------------------------------------------------------------

def test_every_feed_is_valid_atom_and_links_resolve(built):
    feeds = [built / "feed.xml"] + sorted((built / "feeds").glob("*.xml"))
    assert len(feeds) > 1
    for path in feeds:
        feed = assert_valid_atom(path)
        for entry in feed.findall(f"{ATOM}entry"):
            page, fragment = resolve(built, path, entry.find(f"{ATOM}link").get("href"))
            assert page.exists(), (path, page)
            assert f'id="{fragment}"' in page.read_text(encoding="utf-8")


def test_real_changes_are_on_the_page_and_in_the_feed(built, export):
    html = (built / "changes/index.html").read_text(encoding="utf-8")
    ids = {e["id"] for e in feed_entries(built / "feed.xml")}
    dates = [c["date"] for c in export["changes"]]
    assert dates == sorted(dates, reverse=True)
    for c in export["changes"]:
        assert f'id="change-{c["jurisdiction"]}-{c["rule"]}-{c["date"]}"' in html
        assert f'tag:yibao-quxian,2026:change/{c["jurisdiction"]}/{c["rule"]}/{c["date"]}' in ids
    # One change per earlier version of a rule written in a jurisdiction (not per inheriting page).
    own = [r for j in export["jurisdictions"] for r in j["rules"] if not r["inherited_from"]]
    changed = {i for i in ids if i.startswith("tag:yibao-quxian,2026:change/")}
    assert len(export["changes"]) == sum(len(r["history"]) for r in own) == len(changed)
    # Every own rule that is not current has its own entry, and the page names it with its status word.
    marked = [(j["id"], r) for j in export["jurisdictions"] for r in j["rules"]
              if not r["inherited_from"] and r["status"] != "current"]
    assert marked and ids - changed == {f'tag:yibao-quxian,2026:status/{jid}/{r["id"]}/{r["status"]}' for jid, r in marked}
    from generator.pages import reports      # past MARKS_LISTED the page counts them per provincial unit
    assert html.count('class="status-mark"') == (len(marked) if len(marked) <= reports.MARKS_LISTED else 0)
    for m in export["milestones"]:
        assert m["title"] in html


def test_inherited_rule_links_to_its_earlier_versions(built, export):
    """An inherited rule's earlier versions are folded once, where the rule is written (as the changes page
    lists them once); every page inheriting it links to that rule, where the reader finds them."""
    urls = {j["id"]: j["url"] for j in export["jurisdictions"]}
    inherited = [(j, r) for j in export["jurisdictions"] for r in j["rules"] if r["inherited_from"] and r["history"]]
    assert inherited                                     # 全国's 家庭共济 has an earlier version
    for j, rule in inherited:
        shown = section((built / j["url"] / "index.html").read_text(encoding="utf-8"), rule["id"])
        assert "rule-history" not in shown, (j["id"], rule["id"])
        link = re.search(rf'早期版本（{len(rule["history"])}）见<a href="([^"]+)">', shown)
        assert link, (j["id"], rule["id"])
        target, fragment = resolve(built, built / j["url"] / "index.html", link.group(1))
        origin = built / urls[rule["inherited_from"]] / "index.html"
        assert (target, fragment) == (origin.resolve(), rule["id"])
        folded = section(origin.read_text(encoding="utf-8"), rule["id"])
        assert f"早期版本（{len(rule['history'])}）" in folded and '<details class="rule-history">' in folded


def test_hunan_in_province_transfer_change_is_recorded(export):
    """The one real change in the data: 湘医保办发〔2025〕12号, in force from 2025-07-10."""
    change = next(c for c in export["changes"] if c["jurisdiction"] == "hunan" and c["rule"] == "transfer-out")
    assert change["date"] == "2025-07-10"
    assert "hunan-ybj-2025-12" in {c["source"] for c in change["citations"]}


def test_history_is_in_the_export_and_citations_resolve(export):
    sources = {s["id"] for s in export["sources"]}
    for j in export["jurisdictions"]:
        for rule in j["rules"]:
            newer_from = rule["effective_from"]
            for v in rule["history"]:
                assert v["effective_until"] and v["citations"]
                assert {c["source"] for c in v["citations"]} <= sources
                if newer_from:
                    assert v["effective_until"] <= newer_from
                newer_from = v["effective_from"]


# -- a change entered in a copy of the data -----------------------------------

def test_entered_change_shows_on_page_feed_and_export(data_copy):
    set_history(data_copy, CHANGSHA, "death", [
        version("2024-05-01", "测试旧规定甲 HOSTILE", since="2020-01-01"),
        version("2020-01-01", "测试更旧的规定乙", outcome="heir-account"),
    ], effective_from="2024-05-01")
    # The data lint refuses HTML in a file, so the tag goes into the loaded model.
    kb = with_text(load(data_copy), "changsha", "death", lambda r: dataclasses.replace(r, history=tuple(
        dataclasses.replace(v, summary=v.summary.replace("HOSTILE", "<b>不是标签</b>")) for v in r.history)))
    site = build_copy(data_copy, kb=kb)

    changes = (site / "changes/index.html").read_text(encoding="utf-8")
    first, second = changes.index('id="change-changsha-death-2024-05-01"'), changes.index('id="change-changsha-death-2020-01-01"')
    assert first < second, "newest first"
    text = text_of(changes[first:second])
    assert "2024-05-01" in text and "长沙市" in text and "参保人死亡" in text
    assert "测试旧规定甲 <b>不是标签</b>" in text.replace("&lt;", "<").replace("&gt;", ">")
    assert "直系亲属或所在单位办理终止参保手续" in text           # after: the rule in force
    assert "<b>不是标签</b>" not in changes                        # data text stays text

    for feed_file in (site / "feed.xml", site / "feeds/changsha.xml"):
        assert_valid_atom(feed_file)
        entries = {e["id"]: e for e in feed_entries(feed_file)}
        entry = entries["tag:yibao-quxian,2026:change/changsha/death/2024-05-01"]
        assert entry["updated"].startswith("2024-05-01")
        assert "测试旧规定甲" in entry["summary"]
        page, fragment = resolve(site, feed_file, entry["href"])
        assert page == (site / "hunan/changsha/index.html").resolve() and fragment == "death"
        older = entries["tag:yibao-quxian,2026:change/changsha/death/2020-01-01"]
        assert "测试更旧的规定乙" in older["summary"] and "测试旧规定甲" in older["summary"]
    assert "changsha/death" not in (site / "feeds/national.xml").read_text(encoding="utf-8")

    page = (site / "hunan/changsha/index.html").read_text(encoding="utf-8")
    folded = page[page.index('<details class="rule-history">', page.index('id="death"')):]   # other rules have history too
    folded = folded[:folded.index("</details>")]
    assert "早期版本" in folded and "测试更旧的规定乙" in folded and "&lt;b&gt;" in folded
    assert "sources/hunan/#src-jiusong-changsha-death" in folded

    export = json.loads((site / "api/v1/policies.json").read_text(encoding="utf-8"))
    rule = next(r for j in export["jurisdictions"] if j["id"] == "changsha" for r in j["rules"] if r["id"] == "death")
    assert [v["effective_until"] for v in rule["history"]] == ["2024-05-01", "2020-01-01"]
    assert [v["outcome"] for v in rule["history"]] == ["no-cash", "heir-account"]


def test_version_citing_what_the_rule_cites_points_at_its_sources(data_copy):
    """An earlier version whose citations are exactly the rule's own says so once and links to the rule's
    依据 list, where the reader finds every source and quote, instead of repeating them."""
    rule = next(r for r in yaml.safe_load((data_copy / CHANGSHA).read_text(encoding="utf-8"))["rules"]
                if r["situation"] == "death")
    same = {**version("2024-05-01", "测试同依据的旧规定"), "citations": rule["citations"]}
    set_history(data_copy, CHANGSHA, "death", [same], effective_from="2024-05-01")
    site = build_copy(data_copy)
    page = (site / "hunan/changsha/index.html").read_text(encoding="utf-8")
    start = page.index('id="death"')
    folded = page[page.index('<details class="rule-history">', start):]
    folded = folded[:folded.index("</details>")]
    assert "测试同依据的旧规定" in folded
    assert '<a href="#death-sources">依据同现行规定</a>' in folded
    assert "原文同现行规定" not in folded and "sources/" not in folded      # not repeated in the fold
    listed = page[page.index('id="death-sources"', start):page.index('<details class="rule-history">', start)]
    for citation in rule["citations"]:
        assert f'sources/hunan/#src-{citation["source"]}' in listed


def test_feed_ids_are_stable_when_data_changes(data_copy):
    before = build_copy(data_copy, "one")
    old = {e["id"]: e for e in feed_entries(before / "feed.xml")}
    set_history(data_copy, CHANGSHA, "death", [version("2024-05-01", "测试旧规定")], effective_from="2024-05-01")
    after = build_copy(data_copy, "two")
    new = {e["id"]: e for e in feed_entries(after / "feed.xml")}
    assert set(old) < set(new)
    for entry_id, entry in old.items():
        assert new[entry_id] == entry
    again = build_copy(data_copy, "three")
    assert (again / "feed.xml").read_bytes() == (after / "feed.xml").read_bytes()


def test_change_date_falls_back_to_end_of_older_version(data_copy):
    set_history(data_copy, CHANGSHA, "death", [version("2023-06", "测试旧规定")])
    result = run_generator(data_copy, "validate")
    assert result.returncode == 0, result.stdout
    kb = load(data_copy)
    assert "changsha/death/2023-06" in {c.key for c in all_changes(kb)}


# -- bad history ---------------------------------------------------------------

@pytest.mark.parametrize("history, effective_from, expected", [
    pytest.param([version("2019-02-03", "测试", since="2021-04-05")], None,
                 Reported("2019-02-03", "history[0].effective_until", "日期顺序不对"), id="until_before_from"),
    pytest.param([version("2024-09-09", "测试")], "2024-05-01",
                 Reported("2024-09-09", "history[0].effective_until", "重叠"), id="version_overlaps_rule_in_force"),
    pytest.param([version("2024-05-01", "测试甲", since="2022-02-02"), version("2022-08-08", "测试乙")], None,
                 Reported("2022-08-08", "history[1].effective_until", "重叠"), id="versions_overlap_each_other"),
    pytest.param([version("2019-01-01", "测试甲"), version("2023-01-01", "测试乙")], None,
                 Reported("2023-01-01", "history[1].effective_until", "从新到旧"), id="versions_out_of_order"),
    pytest.param([without(version("2020-01-01", "测试没有依据"), "citations")], None,
                 Reported("测试没有依据", "history[0].citations", "缺少必填字段", offset=-1),
                 id="version_without_citations"),
    pytest.param([version("2020-01-01", "测试", source="no-such-source")], None,
                 Reported("no-such-source", "history[0].citations[0].source", "找不到来源"),
                 id="version_citing_unknown_source"),
    pytest.param([version("2999-01-01", "测试未来")], None,
                 Reported("2999-01-01", "history[0].effective_until", "之后"), id="version_in_the_future"),
    pytest.param([without(version("2000-01-01", "测试缺结束日期"), "effective_until")], None,
                 Reported("测试缺结束日期", "history[0].effective_until", "缺少必填字段", offset=-1),
                 id="version_without_end_date"),
])
def test_bad_history_is_reported(data_copy, history, effective_from, expected):
    path = set_history(data_copy, CHANGSHA, "death", history, effective_from=effective_from)
    assert_reported_at(data_copy, CHANGSHA, path, expected)


def test_many_marked_rules_are_counted_per_unit_on_the_changes_page(kb, monkeypatch):
    """At national scale the rules marked as not current would make 最近变化 one huge list: past
    MARKS_LISTED they are counted per provincial unit, each linking to its comparison table."""
    from generator.model.history import status_marks
    from generator.pages import render_pages, reports
    marks = status_marks(kb)
    assert marks, "the real data has rules marked 可能已过时 or 说法矛盾"
    monkeypatch.setattr(reports, "MARKS_LISTED", len(marks))       # as many as the data has: each listed
    listed = render_pages(kb, SITE_NAME)["changes/index.md"]
    assert all(mk.rule.status_reason.split("。")[0][:20] in listed for mk in marks)   # few: each listed
    monkeypatch.setattr(reports, "MARKS_LISTED", 0)
    counted = render_pages(kb, SITE_NAME)["changes/index.md"]
    units = {kb.group_of(mk.jurisdiction).id: kb.group_of(mk.jurisdiction) for mk in marks}.values()
    for unit in units:
        n = sum(kb.group_of(mk.jurisdiction) is unit for mk in marks)
        assert re.search(rf"\[{re.escape(unit.name)}\]\([^)]*compare/in/{unit.id}/[^)]*\)：{n} 条", counted), unit.id
    assert not any(mk.rule.status_reason.split("。")[0][:20] in counted for mk in marks)
