"""Issue 20: trust signals that come from the evidence for the answer (answer_cite, grades, currency,
source classes, reader-text lint, readable quotes, research coverage). Real data where possible;
malformed cases are edits of a copy of the data, validated in this process."""
from __future__ import annotations

import pytest

from helpers import DataError, edit, line_of, load


def refused(root) -> list:
    """Load root, which must fail: its problems (Problem objects: file, line, field, message)."""
    with pytest.raises(DataError) as caught:
        load(root)
    return caught.value.problems


def reported(found, file, line, field_part, message_part):
    hits = [p for p in found if p.file == file and p.line == line and field_part in p.field
            and message_part in p.message]
    assert hits, f"expected {file}:{line} {field_part} «{message_part}» in {[str(p) for p in found]}"
    return hits[0]


# -- answer_cite: the data format ------------------------------------------------------------------

DEATH_ANSWER = "按各地规定办理。\n    answer_cite: [1]"       # national death rule: its summary ends so

def test_answer_cite_out_of_range_is_reported_with_file_line_field(data_copy):
    path = edit(data_copy, "policies/national.yaml", DEATH_ANSWER, DEATH_ANSWER.replace("[1]", "[1, 7]"))
    found = refused(data_copy)
    reported(found, "policies/national.yaml", line_of(path, "answer_cite: [1, 7]"), "answer_cite[1]",
             "依据编号 7 超出范围")


def test_answer_cite_is_carried_by_the_model(kb):
    rule = next(r for r in kb.jurisdictions["national"].rules if r.id == "death")
    assert rule.answer_cites == (1,)
    assert [c.source.id for c in rule.answer_citations] == ["social-insurance-law"]


# -- 1. the rule's grade is its answer's; every statement has its own ----------------------------

def test_grade_is_the_best_among_the_answer_citations_only(kb):
    from generator.model.entities import best_grade
    for j in kb.jurisdictions.values():
        for r in j.rules:
            assert r.evidence == best_grade(r.answer_citations), (j.id, r.id)
            for v in r.history:
                assert v.evidence == best_grade(v.answer_citations), (j.id, r.id)
    national = {r.id: r for r in kb.jurisdictions["national"].rules}
    # Review P1: the Sichuan Q&A (A) says a condition, not the national answer; P2: 令第16号's quote is its
    # promulgation sentence, so the foreigner rule rests on the third-party Changchun Q&A.
    assert national["family-use"].evidence == "B"
    assert national["foreigner-leaving"].evidence == "C"
    assert national["family-use"].grade_of((3,)) == "A"      # the statement keeps its own grade


def test_a_statement_weaker_than_its_rule_is_marked_on_the_page(kb):
    from generator.model.vocabulary import ANSWER_CITE, WEAKER_TEXT
    from helpers import SITE_NAME, render_pages
    transfer = next(r for r in kb.jurisdictions["national"].rules if r.id == "transfer-out")
    assert transfer.evidence == "B" and all(transfer.weaker(s.cites) == "C" for s in transfer.steps)
    page = render_pages(kb, SITE_NAME)["national/index.md"]
    section = page[page.index('id="transfer-out"'):page.index('id="foreigner-leaving"')]
    steps = section[section.index("**办理步骤**"):]
    assert steps.splitlines()[0].endswith(f"{WEAKER_TEXT['C']}</span>")     # once, for the whole list
    assert section.count(WEAKER_TEXT["C"]) == 2                          # the steps and the time limit
    conditions = section[section.index("**条件**"):section.index("**办理步骤**")]
    assert "weaker" not in conditions                                   # they cite the answer's B source
    foreigner = page[page.index('id="foreigner-leaving"'):]
    sources = foreigner[foreigner.index("依据</h3>"):foreigner.index("rule-dates")]
    marked = [line.split(".")[0] for line in sources.splitlines() if ANSWER_CITE in line]
    assert marked == ["1"]          # the Changchun Q&A says the answer; 令第16号's promulgation sentence does not


def test_export_carries_the_answer_and_a_grade_per_statement(kb):
    from generator.export.policies import _jurisdiction
    record = _jurisdiction(kb, kb.jurisdictions["national"])
    rules = {r["id"]: r for r in record["rules"]}
    answer = rules["family-use"]["answer"]
    assert answer == {"text": "不能取现 · 可家庭共济使用", "citations": [0, 1, 3], "grade": "B",
                      "parts": {"outcome": "不能取现", "payee": "可家庭共济使用", "condition": None, "status": None,
                                "note": None}}
    assert [s["grade"] for s in rules["transfer-out"]["steps"]] == ["C", "C"]
    assert rules["family-use"]["conditions"][1]["grade"] == "A"


# -- 2. currency computed from the answer's dates ----------------------------------------------------

def test_currency_is_computed_for_every_rule(kb):
    from generator.model.vocabulary import OUTDATED_AFTER_YEARS
    national = {r.id: r for r in kb.jurisdictions["national"].rules}
    assert national["daily"].status == "undated"              # 社会保险法 read without a date
    assert national["family-use"].status == "current"          # 2026-01-09 reports
    assert national["foreigner-leaving"].status == "possibly-outdated"      # 2019 Q&A
    assert f"超过 {OUTDATED_AFTER_YEARS} 年" in national["foreigner-leaving"].status_reason
    for j in kb.jurisdictions.values():
        for r in j.rules:
            if r.status == "current":
                assert any(c.source.issued for c in r.answer_citations), (j.id, r.id)


def test_xian_window_is_over_and_says_what_was_searched_since(kb):
    xian = {r.id: r for r in kb.jurisdictions["xian"].rules}
    for situation in ("death", "emigration", "transfer-out", "insurance-ended"):
        rule = xian[situation]
        assert rule.window.start == "2023-02-06" and rule.window.until == "2023-03-31"
        assert rule.status == "ended"
        assert "2023-02-06 至 2023-03-31" in rule.status_reason and "2026-12-03" in rule.status_reason


def test_currency_follows_the_day(data_copy):
    """Computed, never remembered: the same data five years on is no longer current."""
    from datetime import date
    later = load(data_copy, today=date(2031, 2, 1))
    family = next(r for r in later.jurisdictions["national"].rules if r.id == "family-use")
    assert family.status == "possibly-outdated" and "2026-01-09" in family.status_reason


def test_current_cite_must_name_a_dated_source(data_copy):
    path = edit(data_copy, "policies/national.yaml", DEATH_ANSWER, DEATH_ANSWER + "\n    current_cite: [1]")
    reported(refused(data_copy), "policies/national.yaml", line_of(path, "current_cite: [1]"), "current_cite[0]",
             "没有发布日期")


def test_window_needs_real_dates(data_copy):
    path = edit(data_copy, "policies/shaanxi/xian.yaml", "      until: 2023-03-31", "      until: 2023-02-30")
    reported(refused(data_copy), "policies/shaanxi/xian.yaml", line_of(path, "until: 2023-02-30"), "window.until",
             "没有这一天")


def test_rule_older_than_a_milestone_is_computed_outdated(data_copy):
    """The 2025 Sichuan Q&A predates the national 2026-01-09 change: without a typed status the rule is still
    shown as 可能已过时, naming the change (the validator used to ask the maintainer to type it)."""
    edit(data_copy, "policies/sichuan/sichuan.yaml", "    status: 可能已过时\n", "")
    text = (data_copy / "policies/sichuan/sichuan.yaml").read_text(encoding="utf-8")
    (data_copy / "policies/sichuan/sichuan.yaml").write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith("    status_reason:")), encoding="utf-8")
    rule = load(data_copy).jurisdictions["sichuan"].rules[0]
    assert rule.status == "possibly-outdated"
    assert "2025-07-04" in rule.status_reason and "早于 2026-01-09" in rule.status_reason


# -- 3. source classes the fields must support --------------------------------------------------------

@pytest.mark.parametrize("old, new, field, message", [
    pytest.param("    issuer: 武汉市医疗保障局\n", "", "issuer", "没有写发布机关", id="official_without_issuer"),
    pytest.param("    url_kind: 官方网址\n    note: 武汉市", "    url_kind: 非官方网址\n    note: 武汉市", "class",
                 "既没有文号", id="official_label_on_a_reprint"),
])
def test_official_needs_an_issuer_and_a_number_or_official_url(data_copy, old, new, field, message):
    path = edit(data_copy, "policies/hubei/wuhan.yaml", old, new)
    found = refused(data_copy)
    hit = [p for p in found if p.file == "policies/hubei/wuhan.yaml" and p.field.endswith(field)
           and message in p.message]
    assert hit and "第三方" in hit[0].message, [str(p) for p in found]
    assert hit[0].line >= line_of(path, "id: wuhan-ybj-2022-06-16")


def test_media_needs_a_named_outlet(data_copy):
    path = edit(data_copy, "policies/national.yaml", "    outlet: 江南晚报\n", "")
    reported(refused(data_copy), "policies/national.yaml", line_of(path, "id: wxrb-family-use-2024-12-27") + 2,
             "class", "没有写媒体名称")


def test_every_source_class_is_supported_by_its_fields(kb):
    for s in kb.sources.values():
        if s.source_class == "official":
            assert s.issuer and (s.document_number or s.official_copy), s.id
        if s.source_class == "media":
            assert s.outlet, s.id
    assert kb.sources["social-insurance-law"].source_class == "third-party"   # a transcript, no 令号, no gov URL


def test_duplicate_source_id_is_refused(data_copy):
    path = edit(data_copy, "policies/national.yaml", "  - id: kidbbs-national-filing",
                "  - id: kidbbs-national-filing\n    title: 重复\n    class: 第三方\n\n  - id: kidbbs-national-filing")
    reported(refused(data_copy), "policies/national.yaml", line_of(path, "id: kidbbs-national-filing", 2),
             "id", "重复")


# -- 4. excerpts hold only text seen at the source ----------------------------------------------------

def test_project_written_excerpt_lines_are_refused(data_copy):
    excerpt = data_copy / "policies/excerpts/kidbbs-national-filing.txt"
    excerpt.write_text("异地就医备案步骤（网站文章，标题未记录）\nm.kidbbs.com/baike/techan/1217873.html 读取 2026-12-03\n"
                       + excerpt.read_text(encoding="utf-8"), encoding="utf-8")
    found = refused(data_copy)
    reported(found, "policies/excerpts/kidbbs-national-filing.txt", 1, "(摘录)", "不是网页上的原文")
    reported(found, "policies/excerpts/kidbbs-national-filing.txt", 2, "(摘录)", "retrieved")


def test_excerpt_without_a_source_is_refused(data_copy):
    (data_copy / "policies/excerpts/nobody-cites-this.txt").write_text("一段原文。\n", encoding="utf-8")
    reported(refused(data_copy), "policies/excerpts/nobody-cites-this.txt", 1, "(文件)", "不属于任何来源")


def test_quote_not_found_says_to_copy_the_words_not_to_edit_the_excerpt(data_copy):
    path = edit(data_copy, "policies/national.yaml", "quote: 个人死亡的,个人账户余额可以继承。",
                "quote: 个人死亡后余额由家属领取。")
    hit = reported(refused(data_copy), "policies/national.yaml", line_of(path, "个人死亡后余额由家属领取"), "quote",
                   "里找不到")
    assert "照抄来源的原话" in hit.message and "网页上确实有" in hit.message and "读取的日期" in hit.message


# -- 4. reader fields say nothing of the project's edits or internals ---------------------------------

@pytest.mark.parametrize("note, word", [
    ("旧版本摘要中的这一句没有引文支持，已删去。", "旧版本"),
    ("原数据说没有来源。", "原数据"),
    ("这个来源由“媒体”改为“第三方”。", "改为“第三方"),
    ("若能在官网上找到原页面，可改为官方。", "改为官方"),
    ("调查表提到的页面后来搜到。", "调查表"),
    ("见 NOTES.md。", "NOTES.md"),
    ("草稿在 /work/shared/drafts 里。", "/work/"),
    ("与 anhui.yaml 的来源是同一网页。", ".yaml"),
    ("今天没有再读到这个页面。", "今天"),
])
def test_edit_history_and_internal_wording_are_refused_in_reader_fields(data_copy, note, word):
    path = edit(data_copy, "policies/national.yaml", "notes:\n  - 国家层面没有查到",
                f"notes:\n  - {note}\n  - 国家层面没有查到")
    hit = reported(refused(data_copy), "policies/national.yaml", line_of(path, note), "notes[0]", word)
    assert "今天" in word or "提交说明" in hit.message


@pytest.mark.parametrize("note", [
    "2025 年 7 月 10 日起省内转移改为系统自动转移、余额即时到账。",      # a policy sentence, not an edit
    "2026-11-23 查找时，今天的检索没有找到这个页面。",                   # 今天 with its date
])
def test_policy_wording_and_dated_today_pass(data_copy, note):
    edit(data_copy, "policies/national.yaml", "notes:\n  - 国家层面没有查到", f"notes:\n  - {note}\n  - 国家层面没有查到")
    assert load(data_copy).jurisdictions["national"].notes[0] == note


def test_quotes_are_not_linted(data_copy):
    """A quote is the source's words: 今天 or 改为官方 in it is what the page said, not our note."""
    from helpers import ROOT
    text = (ROOT / "policies/excerpts/kidbbs-national-filing.txt").read_text(encoding="utf-8")
    (data_copy / "policies/excerpts/kidbbs-national-filing.txt").write_text(text + "\n今天起改为官方渠道办理。\n",
                                                                            encoding="utf-8")
    quote = "quote: 个人账户不得提前支取,记账利率不得低于银行定期存款利率,免征利息税。"
    edit(data_copy, "policies/national.yaml", quote,
         quote + "\n      - source: kidbbs-national-filing\n        quote: 今天起改为官方渠道办理。")
    daily = next(r for r in load(data_copy).jurisdictions["national"].rules if r.id == "daily")
    assert daily.citations[-1].quote == "今天起改为官方渠道办理。"


def test_no_built_page_shows_internal_wording(kb):
    """Issue 20: no page a reader sees (the maintainers' guide aside) carries edit history, internal
    wording, file paths or an undated 今天 — checked on the rendered pages with the lint's own patterns."""
    from generator.load.textcheck import _internal
    from helpers import SITE_NAME, render_pages
    for name, text in render_pages(kb, SITE_NAME).items():
        if name.startswith("contributing"):
            continue
        for line in text.splitlines():
            assert _internal(line) is None, (name, line[:120])


# -- 5. readable quotes, faithful excerpts -------------------------------------------------------------

def _all_citations(kb):
    for j in kb.jurisdictions.values():
        for r in j.rules:
            yield from r.citations
            for v in r.history:
                yield from v.citations
        if j.service:
            yield from j.service.citations
    for group in (kb.claims, kb.milestones, kb.questions, kb.glossary):
        for item in group:
            yield from item.citations


def test_displayed_quotes_are_simplified_without_pinyin_and_the_data_keeps_the_raw_text(kb):
    from generator.load.excerpts import PINYIN, Excerpts, readable
    from helpers import ROOT
    excerpts = Excerpts(ROOT / "policies")
    converted = 0
    for c in _all_citations(kb):
        assert readable(c.readable) == (c.readable, False), (c.source.id, c.readable)   # nothing left to convert
        assert not PINYIN.search(c.readable), (c.source.id, c.readable)
        assert excerpts.contains(c.source.id, c.quote) is not False     # the check still compares the raw quote
        converted += c.converted
    assert converted >= 20
    transfer = next(r for r in kb.jurisdictions["national"].rules if r.id == "transfer-out")
    assert "醫(yī)" in transfer.citations[0].quote and transfer.citations[0].traditional
    assert transfer.citations[0].readable.startswith("本办法主要适用于职工基本医疗保险参保人员")


def test_pages_show_the_simplified_quote_marked_and_linked_to_the_excerpt(kb):
    from generator.model.vocabulary import CONVERTED
    from helpers import SITE_NAME, render_pages
    pages = render_pages(kb, SITE_NAME)
    national = pages["national/index.md"]
    assert "醫(yī)" not in national and "统筹地区就业" in national
    assert f'<a href="../api/v1/excerpts/nhsa-transfer-2021-43.txt">{CONVERTED}</a>' in national
    raw = {c.quote for c in _all_citations(kb) if c.converted}
    for name, text in pages.items():
        for quote in raw:
            assert quote not in text, (name, quote[:30])       # only the readable form is shown


# -- 6. research logs say exactly what was searched -----------------------------------------------------

def test_every_situation_has_the_date_it_joined_the_vocabulary(kb):
    assert all(s.added == "2026-11-23" for s in kb.situations)     # all came with the foundation commit


def test_a_situation_added_later_is_not_covered_by_older_research(data_copy):
    """Adding a situation (as a new maintainer would) must not make older research entries without
    `situations` claim a search for it: those places read 未整理 for it, not 查过，未找到."""
    from datetime import date
    from helpers import SITE_NAME, render_pages
    edit(data_copy, "policies/vocabulary.yaml", "  - id: emergency\n",
         "  - id: studying-abroad\n    name: 出国留学\n    question: 出国留学期间，个人账户余额怎么办？\n"
         "    added: 2026-12-04\n  - id: emergency\n")
    kb = load(data_copy, today=date(2026, 12, 4))
    blanket = [(j, e) for j in kb.jurisdictions.values() for e in j.research if not e.situations]
    assert blanket, "the real data has research entries naming no situation"
    for j, entry in blanket:
        assert entry.covers("death") and not entry.covers("studying-abroad"), (j.id, entry.date)
    assert not any(j.researched("studying-abroad") for j in kb.jurisdictions.values())
    pages = render_pages(kb, SITE_NAME)
    j = blanket[0][0]
    page = next(text for name, text in pages.items() if name.endswith(f"{j.id}/index.md") and "我们查过什么" in text)
    assert "之后加入的“出国留学”不在其内" in page


def test_added_date_is_required_and_real(data_copy):
    path = edit(data_copy, "policies/vocabulary.yaml", "    added: 2026-11-23\n", "    added: 2026-02-30\n")
    reported(refused(data_copy), "policies/vocabulary.yaml", line_of(path, "added: 2026-02-30"), "situations[0].added",
             "没有这一天")


def test_an_answer_that_cites_nothing_is_refused(data_copy):
    """answer_cite is required (every rule and history version of the data has one): the message says
    what to write, at the rule's summary line, naming the field."""
    path = edit(data_copy, "policies/national.yaml", DEATH_ANSWER, "按各地规定办理。")
    hit = reported(refused(data_copy), "policies/national.yaml", line_of(path, "按各地规定办理。"),
                   "rules[1].answer_cite", "结果没有依据")
    assert "answer_cite: [1]" in hit.message and "unknown" in hit.message
    version = "        answer_cite: [1, 3]\n"
    path = edit(data_copy, "policies/national.yaml", version, "")
    assert any(p.field.endswith("history[0].answer_cite") for p in refused(data_copy))


def test_no_quote_on_a_built_page_shows_traditional_characters_or_pinyin(built):
    """Issue 20: on every built page (outside api/) a displayed quote — the “…” after a citation's 条款：, and
    the source titles linked beside it — is simplified, without reprint pinyin."""
    import html as html_module
    import re
    from generator.load.excerpts import PINYIN, readable
    quoted = re.compile(r"：“([^”]{4,})”")
    pages = [p for p in built.rglob("*.html") if p.relative_to(built).parts[0] != "api"]
    seen = 0
    for page in pages:
        text = html_module.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        for quote in quoted.findall(text):
            seen += 1
            assert not PINYIN.search(quote) and readable(quote) == (quote, False), (page.relative_to(built), quote[:40])
    assert seen > 1000
