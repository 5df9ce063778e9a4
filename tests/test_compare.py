"""The comparison for journalists: the table, the per-situation pages and rules.csv, on the built site."""
from __future__ import annotations

import csv
import io
import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator.model.vocabulary import CASH
from helpers import load, page_file, parse, rendered_site


class _Table(HTMLParser):
    """The first table of a page: header cells and body rows, each cell as its text, links and classes."""

    def __init__(self):
        super().__init__()
        self.header: list[dict] = []
        self.rows: list[list[dict]] = []
        self._in_table = self._done = False
        self._cell: dict | None = None
        self._section = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._done:
            return
        if tag == "table":
            self._in_table = True
        elif self._in_table and tag in ("thead", "tbody"):
            self._section = tag
        elif self._in_table and tag == "tr" and self._section == "tbody":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._cell = {"text": "", "links": [], "classes": []}
        elif self._cell is not None:
            if tag == "a" and attrs.get("href"):
                self._cell["links"].append(attrs["href"])
            self._cell["classes"] += (attrs.get("class") or "").split()

    def handle_endtag(self, tag):
        if tag == "table" and self._in_table:
            self._in_table, self._done = False, True
        elif tag in ("td", "th") and self._cell is not None:
            (self.header if self._section == "thead" else self.rows[-1]).append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def table_of(path: Path) -> _Table:
    table = _Table()
    table.feed(path.read_text(encoding="utf-8"))
    return table


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """A relative link on a page at page_url (directory URL) → (site-relative page URL, fragment)."""
    path, _, fragment = href.partition("#")
    if not path:
        return page_url, fragment
    target = posixpath.normpath(posixpath.join(page_url, path))
    return ("" if target == "." else target.rstrip("/") + "/"), fragment


def table_pages(site: Path) -> dict[str, Path]:
    """The comparison tables, one per provincial unit (paginated), reached from compare/ and its pages' pagers."""
    found, queue = {}, [resolve("compare/", link)[0] for link in parse(site / "compare/index.html").links
                        if "://" not in link]
    while queue:
        url = queue.pop()
        if url.startswith("compare/in/") and url not in found:
            found[url] = page_file(site, url)
            queue += [resolve(url, link)[0] for link in parse(found[url]).links if "://" not in link]
    return found


def cells_by_jurisdiction(site: Path) -> tuple[list[str], dict[str, dict[str, dict]], dict[str, str]]:
    """{jurisdiction page url: {situation page url: cell}} from the comparison tables, and the table page of each row."""
    result, where, columns = {}, {}, []
    for here, page in table_pages(site).items():
        table = table_of(page)
        columns = [resolve(here, th["links"][0])[0] for th in table.header[1:]]
        for row in table.rows:
            url = resolve(here, row[0]["links"][0])[0]
            assert url not in result, f"{url} has two rows"
            result[url] = dict(zip(columns, row[1:]))
            where[url] = here
    return columns, result, where


def parse_links(html: str) -> list[str]:
    import re
    return re.findall(r'href="([^"]+)"', html)


def test_every_effective_rule_is_in_the_table_with_grade_and_a_working_link(built, export, kb):
    columns, table, where = cells_by_jurisdiction(built)
    for j in export["jurisdictions"]:
        assert j["url"] in table, f"no row for {j['id']}"
        cells = table[j["url"]]
        here = where[j["url"]]
        compare_ids = parse(page_file(built, here)).ids
        by_situation = {r["situation"]: r for r in j["rules"]}
        for column, cell in cells.items():
            situation = column.split("/")[-2]
            rule = by_situation.get(situation)
            if rule is None:
                # a blank says whether anyone looked: the research log covers it, or nobody has
                researched = any(situation in r["covers"] for r in j["research"])
                if researched:
                    assert cell["text"].strip() == "查过，未找到", (j["id"], situation)
                    target, anchor = resolve(here, cell["links"][0])
                    assert target == j["url"] and anchor in parse(page_file(built, target)).ids
                else:
                    assert cell["text"].strip() == "未整理", (j["id"], situation)
                    assert not cell["links"]
                continue
            target, anchor = resolve(here, cell["links"][0])
            assert (target, anchor) == tuple(rule["url"].split("#")), (j["id"], situation)
            assert anchor in parse(page_file(built, target)).ids
            assert f"grade-{rule['evidence']}" in cell["classes"]
            assert next(o.short for o in kb.outcomes if o.id == rule["outcome"]) in cell["text"]
            # the cell never states the outcome without the condition that limits it, nor an inherited
            # "yes" as if it were local when nothing says how to claim it here
            assert rule["key_condition"] is None or rule["key_condition"]["text"] in cell["text"], (j["id"], situation)
            assert ("未查到" in cell["text"]) == rule["how_unknown"], (j["id"], situation)
            assert ("待核实" in cell["text"]) == (rule["evidence"] == "C")
            assert ("沿用" in cell["text"]) == (rule["inherited_from"] is not None)
            note = resolve(here, cell["links"][-1])
            assert note[0] == here and note[1] in compare_ids, (j["id"], situation, note)
        # every situation the jurisdiction has a rule for has a column
        assert {r["situation"] for r in j["rules"]} <= {c.split("/")[-2] for c in columns}


def test_notes_cite_the_rules_sources(built, kb):
    """The footnote a cell points to names the sources of the rule, linked to the sources page listing each."""
    for here, page in table_pages(built).items():
        html = page.read_text(encoding="utf-8")
        for j in kb.jurisdictions.values():
            for rule in j.rules:
                if f'id="note-{j.id}-{rule.id}"' not in html:
                    continue
                start = html.index(f'id="note-{j.id}-{rule.id}"')
                note = html[start: html.index("</li>", start)]
                for c in rule.citations:
                    href = next(h for h in parse_links(note) if h.endswith(f"#src-{c.source.id}"))
                    target, anchor = resolve(here, href)
                    assert target.startswith("sources/") and anchor in parse(page_file(built, target)).ids


def situation_rows(site: Path, situation: str) -> dict[str, dict]:
    """A situation's national list: {place page url: {"text", "link" (url, fragment), "data" attributes}}."""
    import re
    html = (site / "compare" / situation / "index.html").read_text(encoding="utf-8")
    here = f"compare/{situation}/"
    rows = {}
    for attrs, href, text in re.findall(r'<li ([^>]*)><a href="([^"]+)">(.*?)</li>', html):
        data = dict(re.findall(r'data-([a-z]+)="([^"]*)"', attrs))
        data["id"] = re.search(r'id="([^"]+)"', attrs).group(1)
        target = resolve(here, href)
        rows[target[0]] = {"text": re.sub(r"<[^>]+>", "", text), "link": target, "data": data}
    return rows


def test_per_situation_pages_name_every_jurisdiction(built, export, kb):
    """compare/<situation>/ names every place with its answer in words, grade, status, own or inherited and
    the date checked; each row links to the rule (or the research log) and carries its permalink and 引用本条."""
    import html as htmllib
    used = {r["situation"] for j in export["jurisdictions"] for r in j["rules"]}
    assert used
    for situation in used:
        rows = situation_rows(built, situation)
        assert len(rows) == len(export["jurisdictions"]), situation
        name = next(s.name for s in kb.situations if s.id == situation)
        assert f"{name}：各地怎么办" in (built / "compare" / situation / "index.html").read_text(encoding="utf-8")
        for j in export["jurisdictions"]:
            row = rows[j["url"]]
            assert row["data"]["id"] == f"row-{j['id']}"
            assert htmllib.unescape(row["text"]).startswith(j["name"])
            cite = htmllib.unescape(row["data"]["cite"])
            assert j["name"] in cite and name in cite and "数据版本 " + export["data_version"]["label"] in cite
            rule = next((r for r in j["rules"] if r["situation"] == situation), None)
            if rule:
                assert row["link"] == tuple(rule["url"].split("#")), (situation, j["id"])
                text = htmllib.unescape(row["text"])
                parts = rule["answer"]["parts"]       # the row says the status word in its own place, after the grade
                words = " · ".join(parts[k] for k in ("outcome", "payee", "condition", "note") if parts[k])
                assert words in text and f"证据 {rule['evidence']}" in text
                assert ("沿用上级" in text) == (rule["inherited_from"] is not None)
                assert f"核对 {rule['last_verified']}" in text
                assert ({"possibly-outdated": "可能已过时", "disputed": "说法矛盾", "undated": "日期不明", "ended": "办理期已过"}.get(rule["status"], "现行")) in text
                assert row["data"]["grade"] == rule["evidence"]
                assert row["data"]["kind"] == ("inherited" if rule["inherited_from"] else "own")
                assert rule["answer"]["text"] in cite and rule["url"] in cite
            elif any(situation in r["covers"] for r in j["research"]):
                assert row["link"] == (j["url"], "research") and "查过，未找到" in row["text"]
            else:
                assert row["link"] == (j["url"], "") and "未整理" in row["text"]


def test_per_situation_unit_pages_link_every_rule(built, export):
    """compare/<situation>/<unit>/ (in the navigation under each situation) gives each rule with its summary."""
    for situation in {r["situation"] for j in export["jurisdictions"] for r in j["rules"]}:
        resolved = set()
        for unit in built.glob(f"compare/{situation}/*/index.html"):
            here = unit.relative_to(built).parent.as_posix() + "/"
            resolved |= {resolve(here, link) for link in parse(unit).links}
        for j in export["jurisdictions"]:
            rule = next((r for r in j["rules"] if r["situation"] == situation), None)
            if rule:
                assert tuple(rule["url"].split("#")) in resolved, (situation, j["id"])


def test_rules_csv_is_the_complete_grid(built, export, kb):
    """One row per place of policies.json × situation of the vocabulary, with answer_kind and status."""
    raw = (built / "api/v1/rules.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = [(j, s) for j in export["jurisdictions"] for s in kb.situations]
    assert len(rows) == len(expected) == len(export["jurisdictions"]) * len(kb.situations)
    sources = {s["id"] for s in export["sources"]}
    kinds = set()
    for row, (j, s) in zip(rows, expected):
        assert (row["jurisdiction_id"], row["situation"]) == (j["id"], s.id)
        assert row["jurisdiction_name"] == j["name"] and row["data_version"] == export["data_version"]["label"]
        rule = next((r for r in j["rules"] if r["situation"] == s.id), None)
        kinds.add(row["answer_kind"])
        if rule is None:
            researched = any(s.id in r["covers"] for r in j["research"])     # what each entry searched
            assert row["answer_kind"] == ("researched" if researched else "missing")
            assert row["answer"] == ("查过，未找到" if researched else "未整理")
            assert row["outcome"] == row["evidence"] == row["status"] == ""
            continue
        assert row["answer_kind"] == ("inherited" if rule["inherited_from"] else "own")
        for key in ("outcome", "outcome_name", "evidence", "summary", "url", "last_verified", "status",
                    "status_reason"):
            assert row[key] == (rule[key] or ""), key
        assert row["answer"] == rule["answer"]["text"]
        assert row["inherited_from"] == (rule["inherited_from"] or "")
        assert row["rule_jurisdiction_id"] == (rule["inherited_from"] or j["id"])
        assert row["how_unknown"] == str(int(rule["how_unknown"]))
        cited = list(dict.fromkeys(c["source"] for c in rule["citations"]))
        assert row["source_ids"].split("; ") == cited and set(cited) <= sources
        assert rule["answer"]["text"] in row["cite_as"] and j["name"] in row["cite_as"]
        assert "None" not in row.values()
    assert {"own", "inherited", "researched", "missing"} <= kinds


def test_citations_csv_ties_each_quote_to_its_source(built, export):
    rows = list(csv.DictReader(io.StringIO((built / "api/v1/citations.csv").read_text(encoding="utf-8-sig"))))
    sources = {s["id"]: s for s in export["sources"]}
    written = [(j, r) for j in export["jurisdictions"] for r in j["rules"] if r["inherited_from"] is None]
    assert len(rows) == sum(len(r["citations"]) for _, r in written)
    by_key = {(row["rule_jurisdiction_id"], row["situation"], int(row["position"])): row for row in rows}
    for j, rule in written:
        for n, c in enumerate(rule["citations"], 1):
            row = by_key[(j["id"], rule["situation"], n)]
            source = sources[c["source"]]
            assert (row["source_id"], row["quote"], row["locator"]) == (c["source"], c["quote"], c["locator"] or "")
            assert (row["source_title"], row["source_url"], row["document_number"]) == (
                source["title"], source["url"] or "", source["document_number"] or "")
            assert row["rule_url"] == rule["url"]


def test_downloads_and_script_sit_next_to_the_table(built):
    page = built / "compare/index.html"
    hrefs = {resolve("compare/", link)[0] for link in parse(page).links}
    assert {"api/v1/rules.csv/", "api/v1/citations.csv/", "api/v1/yibao.sqlite/", "api/v1/policies.json/"} <= hrefs
    html = (built / "compare/in/hunan/index.html").read_text(encoding="utf-8")
    assert '<script src="../../../assets/compare.js">' in html    # relative: no third-party host
    assert (built / "assets/compare.js").exists() and (built / "assets/compare.css").exists()
    assert html.index("<table") < html.index("compare.js")         # the table is there before the script


def test_changing_a_rule_changes_the_table_and_csv(data_copy, tmp_path, kb):
    path = data_copy / "policies/hunan/changsha.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    changed, removed = data["rules"][0], data["rules"][-1]
    assert len(data["rules"]) >= 2, "changsha needs two rules for this test"
    new_outcome = next(o for o in kb.outcomes if o.id != changed["outcome"]
                       and o.short != next(x.short for x in kb.outcomes if x.id == changed["outcome"]))
    changed["outcome"] = new_outcome.id
    data["rules"] = data["rules"][:-1]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    site = rendered_site(data_copy, pages=("compare/**",))
    _, table, _ = cells_by_jurisdiction(site)
    cells = table["hunan/changsha/"]
    cell = cells[f"compare/{changed['situation']}/"]
    assert cell["text"].startswith(CASH[new_outcome.cash]["label"]) and new_outcome.short in cell["text"]

    after = load(data_copy)
    inherited = next((e for e in after.effective_rules(after.jurisdictions["changsha"])
                      if e.rule.id == removed["situation"]), None)
    column = f"compare/{removed['situation']}/"
    if inherited is None:      # no rule above either: the column may be gone or the cell empty
        assert column not in cells or cells[column]["text"].strip() == "未整理"
    else:
        assert f"沿用{inherited.inherited_from.short_name}" in cells[column]["text"]

    exported = json.loads((site / "api/v1/policies.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "api/v1/rules.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["jurisdiction_id"] == "changsha" and r["situation"] == changed["situation"])
    assert row["outcome"] == new_outcome.id
    assert len(rows) == len(exported["jurisdictions"]) * len(after.situations)
    if inherited is None:
        assert next(r for r in rows if r["jurisdiction_id"] == "changsha"
                    and r["situation"] == removed["situation"])["answer_kind"] in ("missing", "researched")


def test_columns_name_their_situation_for_the_filters(built):
    """compare.js keeps the chosen columns in the address by situation id: each heading names the
    situation its link leads to, and the rows say which are the nation's and provinces' (只看城市)."""
    import re
    for here, page in table_pages(built).items():
        html = page.read_text(encoding="utf-8")
        head = html[html.index("<thead>"):html.index("</thead>")]
        named = re.findall(r'<th><span class="cmp-s" data-situation="([^"]+)"><a href="([^"]+)"', head)
        assert named and len(named) == head.count("<th>") - 1, here
        for situation, href in named:
            assert resolve(here, href)[0] == f"compare/{situation}/", (here, situation)
        levels = re.findall(r'class="cmp-j cmp-(\w+)"', html)
        assert levels and set(levels) <= {"national", "province", "municipality", "city"}, here
