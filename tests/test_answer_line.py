"""One-line answers (issue 21 item 2): composed from parts (generator/model/answer.py) — outcome · who is
paid · key condition · status — joined by a separator, never nested in brackets, on the built site and in
the exports; the lint refuses nested brackets in summaries and key conditions (the malformed corpus has
the file/line cases: tests/malformed/nested-brackets-*)."""
from __future__ import annotations

import csv
import io
import html
import re
from html.parser import HTMLParser

import pytest

from generator.load.textcheck import nested_bracket
from generator.model import AnswerLine
from generator.model.answer import SEPARATOR
from generator.model.vocabulary import CASH

BLOCKS = {"li", "p", "td", "th", "text", "summary", "details", "h1", "h2", "h3", "h4", "title", "dd", "dt"}
ATTRIBUTES = ("data-cite", "aria-label", "title")


def test_the_line_is_its_parts_joined():
    line = AnswerLine("能取出", "付给本人", "条件：在集中办理期内申请（2023 年为 2 月 6 日至 3 月 31 日）", "办理期已过")
    assert line.text == "能取出 · 付给本人 · 条件：在集中办理期内申请（2023 年为 2 月 6 日至 3 月 31 日） · 办理期已过"
    assert line.words(cash=False, status=False) == "付给本人 · 条件：在集中办理期内申请（2023 年为 2 月 6 日至 3 月 31 日）"
    assert AnswerLine("不能取现").text == "不能取现" and AnswerLine("不能取现").words(cash=False) == ""


def test_real_rules_compose_their_lines(kb):
    xian = {e.rule.id: e for e in kb.effective_rules(kb.jurisdictions["xian"])}
    line = xian["emigration"].answer_line()
    assert (line.outcome, line.payee, line.status) == ("能取出", "一次性支付给本人", "办理期已过")
    assert line.condition == "条件：" + xian["emigration"].rule.key_condition.text
    assert nested_bracket(line.text) is None and "（" in line.text      # one level, from the data's own words
    assert xian["emigration"].answer_line(short=True).payee == "付给本人"
    daily = xian["daily"].answer_line()
    assert daily.payee is None and daily.outcome == CASH["不能"]["label"]      # 不能取现 said once
    anhui = {e.rule.id: e for e in kb.effective_rules(kb.jurisdictions["anhui"])}
    death = anhui["death"]
    assert death.how_unknown and "本地怎么领取、到哪里办未查到" in death.answer_line().note


def answer_texts(kb) -> set[str]:
    """Every way a page words a rule's answer: the whole line and the parts after the cash answer
    (lists grouped by it), long and short, with and without the status word."""
    found = set()
    for j in kb.jurisdictions.values():
        for e in kb.effective_rules(j):
            for short in (False, True):
                line = e.answer_line(short)
                found |= {line.words(cash, status) for cash in (True, False) for status in (True, False)}
    return {t for t in found if SEPARATOR in t}       # a bare 不能取现 or 付给本人 is not a composed line


def key_conditions(kb) -> set[tuple[str, tuple[str, ...]]]:
    """Each key condition with the words of its outcome: where both stand in one block, that block states
    the outcome with its condition (a rule's 结果 line, the checker's outcome)."""
    return {(e.rule.key_condition.text, (e.rule.outcome.name, e.rule.outcome.short))
            for j in kb.jurisdictions.values() for e in kb.effective_rules(j) if e.rule.key_condition}


class Blocks(HTMLParser):
    """The innermost block elements (and attributes) whose text holds a one-line answer."""

    def __init__(self, lines: set[str], conditions: set):
        super().__init__()
        self.lines, self.conditions = lines, conditions
        self.open: list[list] = []         # [tag, text, a child block holds an answer]
        self.blocks: list[str] = []

    def holds(self, text: str) -> bool:
        return (any(line in text for line in self.lines)
                or any(key in text and any(w in text for w in words) for key, words in self.conditions))

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ATTRIBUTES and value and self.holds(value):
                self.blocks.append(value)
        if tag in BLOCKS:
            self.open.append([tag, "", False])

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            _, text, inner = self.open.pop()
            held = self.holds(text)
            if held and not inner:
                self.blocks.append(text)
            if self.open:
                self.open[-1][1] += text
                self.open[-1][2] |= held

    def handle_data(self, data):
        if self.open:
            self.open[-1][1] += data


@pytest.fixture(scope="module")
def lines(kb) -> set[str]:
    found = answer_texts(kb)
    assert len(found) > 100
    return found


def test_no_one_line_answer_on_the_built_site_nests_brackets(built, kb, lines):
    checked, pages = 0, set()
    for path in built.rglob("*.html"):
        parser = Blocks(lines, key_conditions(kb))
        parser.feed(path.read_text(encoding="utf-8"))
        for block in parser.blocks:
            assert nested_bracket(block) is None, (str(path.relative_to(built)), block)
            checked += 1
            pages.add(path.relative_to(built).parts[0])
    # place pages, check pages (checker, flowchart SVG, text version), comparison tables and lists, FAQ
    assert checked > 500 and {"hunan", "shaanxi", "compare", "faq"} <= pages, (checked, pages)


def test_no_answer_in_the_exports_nests_brackets(built, export):
    for j in export["jurisdictions"]:
        for rule in j["rules"]:
            answer = rule["answer"]
            parts = [answer["parts"][k] for k in ("outcome", "payee", "condition", "status", "note")]
            assert answer["text"] == SEPARATOR.join(p for p in parts if p), (j["id"], rule["id"])
            assert nested_bracket(answer["text"]) is None, (j["id"], answer["text"])
            if rule["key_condition"]:
                assert rule["key_condition"]["text"] in answer["text"]
    rows = list(csv.DictReader(io.StringIO((built / "api/v1/rules.csv").read_text(encoding="utf-8-sig"))))
    assert rows
    for row in rows:
        assert nested_bracket(row["answer"]) is None and nested_bracket(row["cite_as"]) is None, row["cite_as"]
    feed = (built / "feed.xml").read_text(encoding="utf-8")
    for text in re.findall(r"<(?:title|summary)[^>]*>(.*?)</(?:title|summary)>", feed, re.S):
        assert nested_bracket(text) is None, text


def test_the_export_and_the_page_word_an_answer_the_same_way(built, export):
    """The one composer everywhere: the export's line is the one the place page's 引用本条 quotes."""
    xian = next(j for j in export["jurisdictions"] if j["id"] == "xian")
    emigration = next(r for r in xian["rules"] if r["id"] == "emigration")
    assert emigration["answer"]["parts"]["status"] == "办理期已过"
    page = (built / xian["url"] / "index.html").read_text(encoding="utf-8")
    assert emigration["answer"]["text"] in html.unescape(page)
