"""The real data, checked through the public export: citations, grades, honesty."""
from __future__ import annotations

from helpers import ROOT, run_generator, section


def test_real_data_validates():
    result = run_generator(ROOT, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "数据有效" in result.stdout


def test_every_rule_cites_a_source_that_exists(export):
    source_ids = {s["id"] for s in export["sources"]}
    rules = [r for j in export["jurisdictions"] for r in j["rules"]]
    assert rules
    for rule in rules:
        assert rule["citations"], rule["url"]
        for citation in rule["citations"]:
            assert citation["source"] in source_ids, (rule["url"], citation)
            assert citation["quote"].strip(), rule["url"]


def _grade_by_definition(source: dict) -> str:
    """A: official text at an official address; B: official in a reprint, or media; C: third-party only."""
    if source["class"] == "official":
        return "A" if source["official_copy"] else "B"
    return "B" if source["class"] == "media" else "C"


def test_evidence_grades_follow_the_definition(export):
    sources = {s["id"]: s for s in export["sources"]}
    grades = set()
    for j in export["jurisdictions"]:
        for rule in j["rules"]:
            # Issue 20: the grade is the best among the answer's citations only
            expected = min(_grade_by_definition(sources[rule["citations"][i]["source"]])
                           for i in rule["answer"]["citations"])
            assert rule["evidence"] == expected == rule["answer"]["grade"], rule["url"]
            grades.add(rule["evidence"])
    assert grades >= {"B", "C"}, "the real data should exercise more than one grade"


def test_official_copy_only_for_official_urls(export):
    for source in export["sources"]:
        if source["official_copy"]:
            assert source["url"], source["id"]


def test_export_contract_shape(export):
    assert export["schema_version"] == 1
    ids = {j["id"] for j in export["jurisdictions"]}
    for j in export["jurisdictions"]:
        assert set(j) >= {"id", "name", "level", "parent", "url", "last_verified", "rules"}
        assert j["level"] in {"national", "province", "municipality", "city"}
        assert j["parent"] is None or j["parent"] in ids
        for rule in j["rules"]:
            assert set(rule) >= {"id", "situation", "outcome", "summary", "evidence",
                                 "inherited_from", "url", "citations"}
            assert rule["url"] == f"{j['url']}#{rule['id']}"
            assert rule["inherited_from"] is None or rule["inherited_from"] in ids
            for citation in rule["citations"]:
                assert set(citation) == {"source", "locator", "quote", "quote_shown"}
    for source in export["sources"]:
        assert set(source) == {"id", "title", "class", "issuer", "outlet", "document_number", "issued",
                               "url", "official_copy", "retrieved", "excerpt_url"}
        assert (source["excerpt_url"] is not None) >= (source["url"] is not None), source["id"]
        assert source["class"] in {"official", "media", "third-party"}


def test_city_rules_include_inherited_ones(export):
    by_id = {j["id"]: j for j in export["jurisdictions"]}
    changsha = by_id["changsha"]
    situations = {r["situation"]: r for r in changsha["rules"]}
    # Changsha writes no daily rule of its own: it inherits Hunan's.
    assert situations["daily"]["inherited_from"] == "hunan"
    assert situations["death"]["inherited_from"] is None
    national_situations = {r["situation"] for r in by_id["national"]["rules"]}
    assert national_situations <= set(situations)


def test_xuchang_says_no_city_rule_was_found(export, kb):
    xuchang = kb.jurisdictions["xuchang"]
    assert any("未查到" in note for note in xuchang.notes)
    for effective in kb.effective_rules(xuchang):
        assert effective.rule.situation.id != "emergency" or effective.rule.outcome.cash != "能"


STATEMENT_LISTS = ("conditions", "materials", "steps", "where")
STATEMENT_ONES = ("time_limit", "proxy", "payout", "fees")


def _statements(rule: dict):
    for key in STATEMENT_LISTS:
        assert isinstance(rule[key], list), (rule["url"], key)
        for index, item in enumerate(rule[key]):
            yield f"{key}[{index}]", item
    for key in STATEMENT_ONES:
        if rule[key] is not None:
            yield key, rule[key]


def test_every_statement_of_every_own_rule_cites_its_rule(export):
    """Issue 11: each condition, material, step, place and time limit names ≥ 1 of its rule's
    citations, as a 0-based index into that rule's `citations`."""
    counted = 0
    for j in export["jurisdictions"]:
        for rule in j["rules"]:
            assert isinstance(rule["notes"], list) and ("time_limit" in rule)
            for where, item in _statements(rule):
                assert item["citations"], (rule["url"], where)
                assert all(isinstance(i, int) and 0 <= i < len(rule["citations"]) for i in item["citations"]), (
                    rule["url"], where, item["citations"])
                if "type" in item:
                    assert set(item) == {"type", "name", "note", "citations", "grade"}
                else:
                    assert set(item) == {"text", "citations", "grade"} and item["text"]
                assert item["grade"] in {"A", "B", "C"}
                counted += rule["inherited_from"] is None
    assert counted > 50


def test_every_rule_says_how_current_it_is(export, built):
    """Issue 11: as_of (newest issued date of the cited sources, or null) and status on every rule;
    厦门's death rule, whose sources contradict each other, is disputed and says so next to its grade."""
    for j in export["jurisdictions"]:
        for rule in j["rules"]:
            assert "as_of" in rule and rule["status"] in {"current", "possibly-outdated", "disputed", "undated",
                                                          "ended"}, rule["url"]
            if rule["status"] != "current":
                assert rule["status_reason"], rule["url"]
            if rule["status"] == "disputed":
                assert rule["status_citations"] and all(0 <= i < len(rule["citations"])
                                                        for i in rule["status_citations"])
    xiamen = next(j for j in export["jurisdictions"] if j["id"] == "xiamen")
    death = next(r for r in xiamen["rules"] if r["id"] == "death")
    assert death["status"] == "disputed" and death["as_of"] == "1998"[:4] + death["as_of"][4:]
    page = (built / "fujian/xiamen/index.html").read_text(encoding="utf-8")
    assert "说法矛盾" in section(page, "death")
    assert "说法矛盾" in (built / "compare/in/fujian/index.html").read_text(encoding="utf-8")   # 福建's table
