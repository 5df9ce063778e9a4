"""Issue 22 for journalists: the database, its full-text index, Datasette, the data version and 引用本条,
read from the real built site."""
from __future__ import annotations

import csv
import html
import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers import ROOT


@pytest.fixture(scope="module")
def db(built):
    connection = sqlite3.connect(f"file:{built / 'api/v1/yibao.sqlite'}?mode=ro", uri=True)
    yield connection
    connection.close()


def test_database_counts_equal_the_json(db, export, kb):
    count = lambda table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]   # noqa: E731
    assert count("jurisdictions") == len(export["jurisdictions"])
    assert count("sources") == len(export["sources"])
    assert count("claims") == len(export["claims"])
    assert count("changes") == len(export["changes"])
    assert count("research") == sum(len(j["research"]) for j in export["jurisdictions"])
    written = [r for j in export["jurisdictions"] for r in j["rules"] if r["inherited_from"] is None]
    assert count("rules") == len(written)
    assert count("citations") == sum(len(r["citations"]) for r in written)
    assert count("answers") == len(export["jurisdictions"]) * len(kb.situations)
    # the grid's rules are policies.json's effective rules, one by one
    effective = {(j["id"], r["situation"]): r for j in export["jurisdictions"] for r in j["rules"]}
    answered = db.execute("SELECT jurisdiction_id, situation, outcome, evidence, inherited_from FROM answers "
                          "WHERE answer_kind IN ('own', 'inherited')").fetchall()
    assert {(a, b) for a, b, *_ in answered} == set(effective)
    for jid, situation, outcome, evidence, inherited in answered:
        rule = effective[(jid, situation)]
        assert (outcome, evidence, inherited) == (rule["outcome"], rule["evidence"], rule["inherited_from"])
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert dict(db.execute("SELECT key, value FROM meta"))["data_version"] == export["data_version"]["label"]


def test_full_text_search_finds_chinese_words(db, export):
    """继承 is a two-character word inside longer sentences: the index is cut into words by jieba, so
    MATCH '继承' finds the death rules that say it."""
    hits = db.execute("SELECT DISTINCT jurisdiction_id, situation FROM search WHERE search MATCH '继承'").fetchall()
    assert hits and {situation for _, situation in hits} >= {"death"}
    death = {jid for jid, situation in hits if situation == "death"}
    quoted = {j["id"] for j in export["jurisdictions"] for r in j["rules"]
              if r["situation"] == "death" and r["inherited_from"] is None
              and any("继承" in c["quote"] for c in r["citations"])}
    assert quoted and quoted <= death
    # a word's characters alone are not a match: 承 is not a word of these texts
    assert db.execute("SELECT count(*) FROM search WHERE search MATCH '承'").fetchone()[0] == 0


def test_readme_queries_run(db, export, kb):
    """The three example queries in the README run on the database and give what policies.json says."""
    from collections import Counter
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    death, third_party, this_year = re.findall(r"```sql\n(.*?)```", readme, re.S)[:3]
    effective = [(j, r) for j in export["jurisdictions"] for r in j["rules"]]
    cash = {o.id: o.cash for o in kb.outcomes}
    paying = Counter(r["evidence"] for _, r in effective if r["situation"] == "death" and cash[r["outcome"]] == "能")
    assert paying and {grade: count for grade, count, _ in db.execute(death)} == paying
    written = [(j, r) for j, r in effective if r["inherited_from"] is None]
    sources = {s["id"]: s for s in export["sources"]}
    only_third = [(j, r) for j, r in written if all(sources[c["source"]]["class"] == "third-party" for c in r["citations"])]
    assert only_third and len(db.execute(third_party).fetchall()) == len(only_third)
    year = export["data_version"]["date"][:4]
    assert len(db.execute(this_year).fetchall()) == sum(1 for c in export["changes"] if c["date"].startswith(year))


def test_database_is_deterministic(kb):
    from generator.export import export_files
    first = export_files(kb, "站名")["api/v1/yibao.sqlite"]
    assert first == export_files(kb, "站名")["api/v1/yibao.sqlite"]


def test_metadata_describes_every_column_and_the_licence(built, db):
    metadata = json.loads((built / "api/v1/yibao.metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] == "CC BY 4.0"
    tables = metadata["databases"]["yibao"]["tables"]
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%'"):
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        assert set(columns) <= set(tables[table]["columns"]), table
        assert tables[table]["description"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_serves_the_database(built):
    """`make explore` runs this: Datasette on 127.0.0.1 answers a table's JSON."""
    pytest.importorskip("datasette", reason="make test installs requirements-dev.txt (datasette)")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", "-i", str(built / "api/v1/yibao.sqlite"),
                               "--metadata", str(built / "api/v1/yibao.metadata.json"),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/yibao/jurisdictions.json?_shape=array&_size=max"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.load(response)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode())
                time.sleep(0.2)
        else:
            pytest.fail("Datasette did not answer")
        assert {r["id"] for r in rows} >= {"national", "changsha"}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/yibao/search.json?_search=继承&_shape=array".replace(
                "继承", "%E7%BB%A7%E6%89%BF"), timeout=5) as response:
            assert json.load(response)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_data_version_is_in_every_export(built, export):
    label = export["data_version"]["label"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(\+[0-9a-f]{7})?", label)
    assert export["data_version"]["date"] == label[:10]
    for name in ("rules.csv", "citations.csv"):
        rows = list(csv.DictReader(io.StringIO((built / "api/v1" / name).read_text(encoding="utf-8-sig"))))
        assert rows and {r["data_version"] for r in rows} == {label}
    assert f"数据版本 {label}" in (built / "feed.xml").read_text(encoding="utf-8")
    assert json.loads((built / "api/v1/places.json").read_text(encoding="utf-8"))["data_version"] == label


def test_every_rule_section_and_comparison_cell_can_be_cited(built, export):
    label = export["data_version"]["label"]
    rows = list(csv.DictReader(io.StringIO((built / "api/v1/rules.csv").read_text(encoding="utf-8-sig"))))
    cite = {(r["jurisdiction_id"], r["situation"]): r["cite_as"] for r in rows}
    for j in export["jurisdictions"]:
        page = (built / j["url"] / "index.html").read_text(encoding="utf-8")
        shown = [html.unescape(t) for t in re.findall(r'<details class="cite-this">\s*<summary>引用本条</summary>(.*?)</details>',
                                                      page, re.S)]
        assert len(shown) == len(j["rules"]), j["id"]
        for rule, text in zip(j["rules"], shown):
            assert text.strip() == cite[(j["id"], rule["situation"])]
            assert j["name"] in text and rule["answer"]["text"] in text and rule["last_verified"] in text
            assert rule["url"] in text and f"数据版本 {label}" in text
    table = (built / "compare/in/hunan/index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<span class="cmp-cell[^"]*" id="cell-([a-z0-9-]+?)-([a-z-]+)" data-sort="[^"]*" '
                       r'data-cite="([^"]+)"', table)
    assert cells
    for jid, situation, text in cells:
        assert html.unescape(text) == cite[(jid, situation)]
    assert "cite.js" in table
