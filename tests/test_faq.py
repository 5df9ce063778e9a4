"""FAQ: an entry per effective rule on every page, general questions citing real sources, FAQPage JSON-LD."""
from __future__ import annotations

import dataclasses
import functools
import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from generator.pages import faq
from helpers import (ROOT, check_url_of, PageParser, Reported, assert_edit_reported, edit, generate, load, run_generator,
                     with_text)

FAQ = "policies/faq.yaml"


class _Page(PageParser):
    """Ids, links, FAQ question headings (id → text) and JSON-LD blocks of one built page."""

    def __init__(self):
        super().__init__()
        self.questions: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._heading: str | None = None
        self._script = False

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        if tag == "h3" and (attrs.get("id") or "").startswith("faq-"):
            self._heading = attrs["id"]
            self.questions[self._heading] = ""
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "h3":
            self._heading = None
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._heading:
            self.questions[self._heading] += data
        if self._script:
            self.json_ld[-1] += data


@functools.cache
def page(site: Path, url: str) -> _Page:
    parser = _Page()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def faq_page_data(parser: _Page) -> dict:
    assert len(parser.json_ld) == 1
    data = json.loads(parser.json_ld[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    for item in data["mainEntity"]:
        assert item["@type"] == "Question" and item["name"].strip()
        assert item["acceptedAnswer"]["@type"] == "Answer" and item["acceptedAnswer"]["text"].strip()
    return data


def resolves(site: Path, from_url: str, link: str) -> bool:
    """Does a relative link from a page reach an existing page and anchor?"""
    target, _, anchor = link.partition("#")
    url = (Path(from_url) / target).as_posix() if target else from_url
    parts = []
    for part in url.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    if parts and "." in parts[-1]:                      # a file (a feed), not a page
        return site.joinpath(*parts).is_file()
    path = site.joinpath(*parts) / "index.html" if parts else site / "index.html"
    return path.exists() and (not anchor or anchor in page(site, "/".join(parts)).ids)


def test_every_effective_rule_has_a_faq_entry_on_its_page(built, export, kb):
    for j in export["jurisdictions"]:
        parsed = page(built, check_url_of(j))
        jurisdiction = kb.jurisdictions[j["id"]]
        situations = {s.id: s for s in kb.situations}
        assert set(parsed.questions) == {f"faq-{r['id']}" for r in j["rules"]}, j["url"]
        for rule in j["rules"]:
            heading = parsed.questions[f"faq-{rule['id']}"].strip()
            assert heading == jurisdiction.short_name + situations[rule["situation"]].question
        for link in parsed.links:
            if not link.startswith(("http:", "https:")):
                assert resolves(built, check_url_of(j), link), (j["url"], link)


def test_jurisdiction_json_ld_has_one_question_per_entry(built, export):
    for j in export["jurisdictions"]:
        parsed = page(built, check_url_of(j))
        data = faq_page_data(parsed)
        names = [item["name"] for item in data["mainEntity"]]
        assert names == [text.strip() for text in parsed.questions.values()], j["url"]
        assert len(names) == len(j["rules"])
        for item, rule in zip(data["mainEntity"], j["rules"]):
            answer = item["acceptedAnswer"]["text"]
            assert rule["summary"] in answer and rule["answer"]["text"] in answer
            assert answer.startswith("待核实") == (rule["evidence"] == "C"), (j["url"], rule["id"])
            assert f"证据等级 {rule['evidence']}" in answer


def test_faq_page_general_questions_and_links(built, export):
    parsed = page(built, "faq")
    questions = yaml.safe_load((ROOT / FAQ).read_text(encoding="utf-8"))["questions"]
    assert set(parsed.questions) == {f"faq-{q['id']}" for q in questions}
    data = faq_page_data(parsed)
    assert [item["name"] for item in data["mainEntity"]] == [q["question"] for q in questions]
    for link in parsed.links:
        if not link.startswith(("http:", "https:")):
            assert resolves(built, "faq", link), link
    # Every generated entry of every jurisdiction is reachable from the FAQ page, through its provincial unit's page.
    units = [link for link in parsed.links if link.startswith("../faq/") or (not link.startswith(("http", "..", "#"))
                                                                            and link.rstrip("/").count("/") == 0)]
    targets = set()
    for unit in units:
        unit_url = posixpath.normpath(posixpath.join("faq/", unit)) + "/"
        if unit_url.startswith("faq/") and (built / unit_url / "index.html").exists():
            targets |= {posixpath.normpath(posixpath.join(unit_url, t.split("#")[0])) + "/#" + t.split("#")[1]
                        for t in page(built, unit_url).links if "#faq-" in t}
    for j in export["jurisdictions"]:
        for rule in j["rules"]:
            assert f"{check_url_of(j)}#faq-{rule['id']}" in targets, (j["url"], rule["id"])


def test_general_answers_cite_sources_that_exist(built, export):
    source_ids = {s["id"] for s in export["sources"]}
    questions = yaml.safe_load((ROOT / FAQ).read_text(encoding="utf-8"))["questions"]
    html = (built / "faq/index.html").read_text(encoding="utf-8")
    for q in questions:
        assert q["citations"], q["id"]
        start = html.index(f'id="faq-{q["id"]}"')
        end = html.find("<h3", start + 1)
        text = html[start:end]
        for citation in q["citations"]:
            assert citation["source"] in source_ids, (q["id"], citation["source"])
            assert f"#src-{citation['source']}" in text, q["id"]


def test_general_questions_cover_what_the_seed_articles_ask(kb):
    """The seeds ask: cash at all, on retirement, in an emergency, after death, on emigration, for family."""
    linked = {s.id for q in kb.questions for s in q.situations}
    assert {"daily", "retirement", "emergency", "death", "emigration", "family-use"} <= linked
    for q in kb.questions:
        for situation in q.situations:
            local = [e for j in kb.jurisdictions.values() for e in kb.effective_rules(j)
                     if e.rule.id == situation.id]
            if not local:
                # Nothing in the data supports any answer for this situation: the answer must say so.
                assert "未找到任何来源支持" in q.answer_text, q.id


@pytest.mark.parametrize("old, new, expected", [
    pytest.param("    situations: [daily]", "    situatoins: [daily]",
                 [Reported("situatoins:", "questions[0].situatoins", "不认识的字段", names="`situations`")],
                 id="unknown_key"),
    pytest.param("- source: social-insurance-law", "- source: social-insurance-lwa",
                 [Reported("social-insurance-lwa", "citations[0].source", "找不到来源", names="social-insurance-law")],
                 id="citation_to_missing_source"),
    pytest.param("rules: [changsha#relocated-retiree]", "rules: [changsha#emigration, changsa#death]",
                 [Reported("changsha#emigration", "questions[1].rules[0]", "没有情形"),
                  Reported("changsa#death", "questions[1].rules[1]", "找不到地区", names="changsha")],
                 id="rule_reference"),
])
def test_bad_faq(data_copy, old, new, expected):
    assert_edit_reported(data_copy, FAQ, old, new, *expected)


def test_bad_faq_situation_and_missing_answer(data_copy):
    assert_edit_reported(data_copy, FAQ, "situations: [death]", "situations: [deth]",
                         Reported("[deth]", "situations[0]", "词表里没有情形", names="death"))
    assert_edit_reported(data_copy, FAQ, "    answer: 能给近亲属共济使用", "    reply: 能给近亲属共济使用",
                         Reported("  - id: family-use", "answer", "缺少必填字段"))


def test_faq_file_is_optional(data_copy):
    (data_copy / FAQ).unlink()
    result = run_generator(data_copy, "validate")
    assert result.returncode == 0, result.stdout + result.stderr


def _generated_answer(root: Path, out: Path, page_md: str, question_id: str, kb=None) -> tuple[str, str]:
    """(visible Markdown of one FAQ entry, its JSON-LD answer) from a generated docs tree."""
    generate(root, out, kb)
    text = (out / "docs" / page_md).read_text(encoding="utf-8")
    start = re.search(r"\{#" + re.escape(question_id) + r"[ }]", text).start()   # {#id} or {#id data-…}
    visible = text[start: text.find("\n### ", start)]
    visible = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", visible)      # glossary links as their words
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', text).group(1)
    heading = text[text.rindex("### ", 0, start) + 4: start].strip()
    for item in json.loads(script)["mainEntity"]:
        if item["name"] == heading.replace("\\", ""):
            return visible, item["acceptedAnswer"]["text"]
    raise AssertionError(f"{question_id} not in JSON-LD")


def test_changing_a_rule_changes_the_faq_answer(data_copy, tmp_path):
    page_md = "hunan/changsha/check/index.md"
    before_visible, before = _generated_answer(data_copy, tmp_path / "one", page_md, "faq-death")
    edit(data_copy, "policies/hunan/changsha.yaml", "    outcome: pay-heirs\n    summary: 第三方网站说，参保人去世后，直系亲属或所在单位办理终止参保手续，带死亡证明等材料到政务中心医保窗口填写承诺书后，办理个人账户余额提现。",
         "    outcome: heir-account\n    summary: 参保人去世后，余额转入继承人的医保个人账户。")
    after_visible, after = _generated_answer(data_copy, tmp_path / "two", page_md, "faq-death")
    assert after != before
    assert "余额转入继承人的医保个人账户" in after and "转入继承人医保账户或用于其医疗费" in after
    assert "直系亲属或所在单位办理终止参保手续" not in after
    assert "余额转入继承人的医保个人账户" in after_visible and "余额转入继承人的医保个人账户" not in before_visible


def test_json_ld_cannot_be_closed_by_data(data_copy, tmp_path):
    hostile = "参保人去世后</script><script>alert(1)</script><!-- 余额 & 继承"
    kb = with_text(load(data_copy), "changsha", "death", lambda r: dataclasses.replace(r, summary=hostile))
    _, answer = _generated_answer(data_copy, tmp_path / "out", "hunan/changsha/check/index.md", "faq-death", kb)
    assert hostile in answer
    text = (tmp_path / "out/docs/hunan/changsha/check/index.md").read_text(encoding="utf-8")
    script = text[text.index('<script type="application/ld+json">'):]
    assert script.count("</script>") == 1 and "<script>" not in script and "<!--" not in script


def _plain(fragment: str) -> str:
    """Visible text of built HTML (footnote numbers dropped)."""
    import html as html_module
    text = html_module.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup.*?</sup>", "", fragment, flags=re.S)))
    return " ".join(text.split())


def test_a_place_answer_and_its_json_ld_cite_the_same_facts(built, export, kb):
    """On every check page, each answer's FAQPage JSON-LD says nothing its visible answer does not: the
    answer is the rule's section (its 依据 list cites in the full style), and the JSON-LD's citations,
    in faq.CITATION_STYLE through the one formatter, give facts of those same list entries, in order;
    its conditions are the conditions shown."""
    compared = 0
    for j in export["jurisdictions"]:
        text = (built / check_url_of(j) / "index.html").read_text(encoding="utf-8")
        answers = {item["name"]: item["acceptedAnswer"]["text"] for item in faq_page_data(page(built, check_url_of(j)))["mainEntity"]}
        jurisdiction = kb.jurisdictions[j["id"]]
        for e in kb.effective_rules(jurisdiction):
            start = text.index(f'id="faq-{e.rule.id}"')
            section = text[start:text.index("</section>", start)]
            answer = " ".join(answers[jurisdiction.short_name + e.rule.situation.question].split())
            listed = [_plain(item) for item in re.findall(
                rf'<li><span id="{re.escape(e.rule.id)}-cite-\d+"></span>(.*?)</li>', section, re.S)]
            assert len(listed) == len(e.rule.citations), (j["id"], e.rule.id)
            for c, shown in zip(e.rule.citations, listed):
                facts = c.text(faq.CITATION_STYLE)
                assert facts.title in shown and all(d in shown for d in facts.details), (j["id"], e.rule.id, shown)
                assert c.describe(faq.CITATION_STYLE) in answer, (j["id"], e.rule.id, answer)
            for s in e.rule.conditions:
                assert " ".join(s.text.split()) in _plain(section) and " ".join(s.text.split()) in answer
            compared += 1
    assert compared > 100
