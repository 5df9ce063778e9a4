"""The "can I take the money out?" flow: derived from the data, complete, drawn without clipping,
the same in the SVG, the text version and the checker, small, and with no third-party host."""
from __future__ import annotations

import dataclasses
import gzip
import json
import re
import unicodedata
from html.parser import HTMLParser

from generator.model import urls
from helpers import (PAGE_BUDGET_KB, ROOT, SITE_NAME, WIDTH, End, Question, build_flow, check_url_of, load, markdown_to_html,
                     page_html, render_place_pages, rendered_site, with_text, wrap)

PAGE_BUDGET = PAGE_BUDGET_KB * 1024       # gzipped bytes a city page may load, search index excluded


def _node(anchor: str) -> str:
    """The flow node id (or "service") of a checker part's id: urls.checker_part_anchor undone."""
    prefix = urls.checker_part_anchor("")
    assert anchor.startswith(prefix), anchor
    return anchor[len(prefix):]


class _Checker(HTMLParser):
    """The checker of a check page: its start, and each part (<section class="checker-node">) as
    {"hidden", "go" (the node ids its buttons lead to), "links", "text"}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.start = None
        self.parts: dict[str, dict] = {}
        self._part = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id") == "checker-app":
            self.start = _node(a["data-start"])
        if tag == "section" and "checker-node" in (a.get("class") or "").split():
            self._part = self.parts[_node(a["id"])] = {
                "hidden": "hidden" in a, "with": a.get("data-with") and _node(a["data-with"]), "go": [], "links": [],
                "text": ""}
            self._depth = 0
        elif self._part is not None:
            if tag == "section":
                self._depth += 1
            if tag == "button" and "data-go" in a:
                self._part["go"].append(_node(a["data-go"]))
            if tag == "a" and a.get("href"):
                self._part["links"].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "section" and self._part is not None:
            if self._depth == 0:
                self._part = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._part is not None:
            self._part["text"] += data


def checker_of(html: str) -> _Checker:
    parser = _Checker()
    parser.feed(html)
    assert parser.start, "the page has the checker"
    return parser


class _Svg(HTMLParser):
    """The flow SVG of a page: its size, and each box as (node id, rect, [(x, y, text, bold)])."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.size = None
        self.boxes: list[dict] = []
        self._rect = None
        self._span = None
        self._node = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "flow-svg" in (a.get("class") or ""):
            self.inside = True
            self.size = (float(a["width"]), float(a["height"]))
        if not self.inside:
            return
        if tag == "rect":
            self._rect = {k: float(a[k]) for k in ("x", "y", "width", "height")}
        elif tag == "text" and a.get("data-node"):
            self._node = {"node": a["data-node"], "rect": self._rect, "lines": []}
            self.boxes.append(self._node)
        elif tag == "tspan" and self._node is not None:
            self._span = [float(a["x"]), float(a["y"]), "", a.get("font-weight") == "700"]

    def handle_data(self, data):
        if self._span is not None:
            self._span[2] += data

    def handle_endtag(self, tag):
        if tag == "tspan" and self._span is not None:
            self._node["lines"].append(tuple(self._span))
            self._span = None
        elif tag == "text":
            self._node = None
        elif tag == "svg":
            self.inside = False


def svg_of(html: str) -> _Svg:
    parser = _Svg()
    parser.feed(html)
    assert parser.size, "the page has the flow SVG"
    return parser


def generous_width(text: str, bold: bool, size: float = 14) -> float:
    """The issue's yardstick: a CJK character is 1 em; a space at most 0.35 em; others at most 0.62 em (0.68 bold)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.35 if c == " " else 0.68 if bold else 0.62
               for c in text) * size


def paths(flow, start: str | None = None) -> list[list[str]]:
    """Every path from the start (or another node), following 是 and 否."""
    nodes = flow.nodes()
    result, stack = [], [[start or flow.start]]
    while stack:
        path = stack.pop()
        node = nodes[path[-1]]
        if isinstance(node, End):
            result.append(path)
            continue
        for following in (node.yes, node.no):
            assert following not in path, f"loop in {flow.jurisdiction.id}: {path + [following]}"
            stack.append(path + [following])
    return result


# -- the graph, on the real data ---------------------------------------------------------------------

def test_every_effective_rule_is_in_the_flow(kb):
    for j in kb.jurisdictions.values():
        flow = build_flow(kb, j)
        in_flow = {end.effective.rule.id: end for end in flow.ends.values() if end.effective}
        rules = kb.effective_rules(j)
        assert set(in_flow) == {e.rule.id for e in rules}, j.id
        for e in rules:
            end = in_flow[e.rule.id]
            assert end.name == e.answer_line().words(status=False) and end.grade == e.rule.evidence, (j.id, e.rule.id)
            key = e.rule.key_condition
            # an outcome is never stated without the condition that limits it, in the box or the question
            assert key is None or key.text in end.name, (j.id, e.rule.id)
            if not e.rule.situation.fallback:
                question = next(q for q in flow.questions if q.situation == e.rule.situation and q.end == end.id)
                # a condition the reader meets is asked on its own, after the situation; an explanation is not
                assert question.label == e.rule.situation.name + "？", (j.id, e.rule.id)
                assert (question.condition is not None) == (key is not None and key.asked), (j.id, e.rule.id)
                assert question.condition is None or question.condition.label == key.text + "？"


def test_questions_follow_the_vocabulary_and_none_of_the_above_ends_at_the_general_rule(kb):
    order = [s.id for s in kb.situations]
    general = [s for s in kb.situations if s.fallback]
    for j in kb.jurisdictions.values():
        flow = build_flow(kb, j)
        asked = [q.situation.id for q in flow.questions]
        assert asked == sorted(asked, key=order.index), j.id
        assert not any(q.situation.fallback for q in flow.questions)
        final = flow.final
        general_rule = [e for e in kb.effective_rules(j) if e.rule.situation in general]
        if general_rule:
            assert final.effective == general_rule[0], j.id
        else:
            assert final.effective is None and final.cash == "未查明", j.id


def test_every_branch_ends_in_an_outcome_and_no_node_is_unreachable(kb):
    for j in kb.jurisdictions.values():
        flow = build_flow(kb, j)
        nodes = flow.nodes()
        for q in flow.questions:
            assert q.yes in nodes and q.no in nodes, (j.id, q.id)
            assert isinstance(nodes[q.end], End), (j.id, q.id)
            if q.condition:           # 是 asks the condition; its 否 goes where the situation's 否 goes
                assert q.yes == q.condition.id and q.condition.no == q.no and q.condition.yes == q.end
            else:
                assert q.yes == q.end
        every = paths(flow)
        assert all(isinstance(nodes[p[-1]], End) for p in every)
        reached = {node for p in every for node in p}
        assert reached == set(nodes), (j.id, set(nodes) - reached)
        # one 是 per question (its condition's 否 adds a path to the next question's), plus 以上都不是
        assert len(every) == len(flow.questions) + 1 + sum(
            len(paths(flow, q.condition.no)) for q in flow.questions if q.condition)


# -- the built pages -----------------------------------------------------------------------------------

def test_svg_on_every_page_shows_every_question_and_outcome(built, kb):
    for j in kb.jurisdictions.values():
        flow = build_flow(kb, j)
        svg = svg_of(page_html(built, check_url_of(j)))
        shown = {box["node"]: "".join(line[2] for line in box["lines"]) for box in svg.boxes}
        for node_id, node in flow.nodes().items():
            assert node_id in shown, (j.id, node_id)
            label = node.name if isinstance(node, End) else node.label
            # a line break stands for a space: compare without spaces
            assert label.replace(" ", "") in shown[node_id].replace(" ", ""), (j.id, node_id, shown[node_id])
            if isinstance(node, End) and node.effective:
                assert f"证据 {node.grade}" in shown[node_id]
                assert ("待核实" in shown[node_id]) == node.effective.rule.unverified


def test_labels_fit_their_boxes(built, kb):
    for j in kb.jurisdictions.values():
        svg = svg_of(page_html(built, check_url_of(j)))
        width, height = svg.size
        for box in svg.boxes:
            rect = box["rect"]
            assert rect["x"] >= 0 and rect["x"] + rect["width"] <= width, (j.id, box["node"])
            assert rect["y"] >= 0 and rect["y"] + rect["height"] <= height, (j.id, box["node"])
            for x, y, text, bold in box["lines"]:
                assert x >= rect["x"] + 4, (j.id, text)
                assert x + generous_width(text, bold) <= rect["x"] + rect["width"] - 4, (j.id, text)
                assert y - 14 >= rect["y"] and y + 5 <= rect["y"] + rect["height"], (j.id, text)


def test_text_version_lists_the_same_flow(built, kb):
    for j in kb.jurisdictions.values():
        flow = build_flow(kb, j)
        html = page_html(built, check_url_of(j))
        start = html.index('id="flow-text"')
        text = html[start: html.index("</article>", start)]      # the text version ends the page
        ordered = text[text.index("<ol>"): text.rindex("</ol>")]
        items = re.split(r"<li>\s*(?:<p>)?(?=\S)", ordered)[1:]
        assert len(items) == len(flow.questions) + len(flow.conditions) + 1, j.id
        items = iter(items)
        for q in flow.questions:
            item = next(items)
            end = flow.ends[q.end]
            assert item.strip().startswith(q.label)
            if q.condition:              # the condition is a list item of its own under the situation's
                assert "再问下面这个条件" in item
                item = next(items)
                assert item.strip().startswith("条件：" + q.condition.label)
            # the rule, on the place's own page
            assert end.name in item and f'href="../#{end.effective.rule.id}"' in item
        assert flow.final.name in next(items)


def test_checker_holds_the_flow_and_the_place_page_answers(built, kb, export):
    """Every question and answer of the flow is in the page, hidden until checker.js shows it: the
    buttons lead where the flow does, and each answer says what the place page says about the rule
    (outcome, condition, grade, summary, quotes) and links to it there. No data for a script."""
    for j in export["jurisdictions"]:
        html = page_html(built, check_url_of(j))
        assert 'id="flow-data"' not in html                             # no copy of the flow for a script
        checker = checker_of(html)
        flow = build_flow(kb, kb.jurisdictions[j["id"]])
        assert checker.start == flow.start
        assert set(checker.parts) == set(flow.nodes()) | ({"service"} if flow.claimable else set()), j["id"]
        assert all(part["hidden"] for part in checker.parts.values())
        for q in flow.questions:
            assert checker.parts[q.id]["go"] == [q.yes, q.no]
            assert q.label in checker.parts[q.id]["text"]
        for rule in j["rules"]:
            end = next(e for e in flow.ends.values() if e.effective and e.effective.rule.id == rule["id"])
            part, r = checker.parts[end.id], end.effective.rule
            text = part["text"]
            said = " · ".join(p for p in (rule["answer"]["parts"]["outcome"], rule["answer"]["parts"]["payee"]) if p)
            assert "结果：" + said in text and f"证据 {rule['evidence']}" in text, (j["id"], end.id)
            assert r.key_condition is None or r.key_condition.text in text
            assert " ".join(rule["summary"].split()) in " ".join(text.split())
            assert all(c["quote_shown"] in text for c in rule["citations"]), (j["id"], end.id)   # as pages show it
            assert "../#" + rule["id"] in part["links"]                    # the rule, on the place's own page
            assert (part["with"] == "service") == end.claimable             # how to apply, where money comes out


def test_checker_script_writes_no_text():
    """The words the checker shows are in the page (rendered by the generator); the script has none."""
    script = (ROOT / "site_overrides/assets/checker.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", code), re.findall(r".*[\u3000-\u9fff].*", code)
    assert "textContent" not in code and "innerHTML" not in code and "createElement" not in code


def test_without_a_general_rule_the_checker_ends_at_unknown(kb):
    """A place with no rule for the general situation: 以上都不是 ends at 未查明 in the checker too."""
    national = kb.jurisdictions["national"]
    general = {s.id for s in kb.situations if s.fallback}
    rules = tuple(r for r in national.rules if r.situation.id not in general)
    assert len(rules) < len(national.rules)
    bare = dataclasses.replace(kb, jurisdictions=dict(kb.jurisdictions, national=dataclasses.replace(national, rules=rules)))
    flow = build_flow(bare, bare.jurisdictions["national"])
    assert flow.final.effective is None
    text = render_place_pages(bare, SITE_NAME, {"national"})["national/check/index.md"]
    html = markdown_to_html(text)
    part = checker_of(html).parts[flow.final.id]
    assert part["hidden"] and "结果：" + flow.final.name in part["text"] and "以上都不是" in part["text"]
    assert checker_of(html).parts[flow.questions[-1].id]["go"][1] == flow.final.id


def test_city_page_loads_nothing_from_other_hosts_and_stays_small(built):
    page = built / "hunan/changsha/check/index.html"          # the checker's page
    html = page.read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]*)"', html)
    loaded += [href for tag in re.findall(r"<link\b[^>]*>", html)
               if re.search(r'rel="[^"]*(stylesheet|icon|preload|modulepreload)', tag)
               for href in re.findall(r'href="([^"]*)"', tag)]
    loaded += re.findall(r"url\((?!#)([^)]*)\)", html)
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    loaded.append(config["search"])                          # the search worker starts on every page
    assert any(src.endswith("assets/checker.js") for src in loaded)
    for src in loaded:
        assert not re.match(r"(?i)([a-z]+:)?//", src), f"loaded from another host: {src}"
    files = {(page.parent / src).resolve() for src in loaded}
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    lunr = built / "assets/javascripts/lunr/min"          # the worker's language files (not the index)
    files |= {lunr / "lunr.stemmer.support.min.js", lunr / "lunr.multi.min.js"}
    files |= {lunr / f"lunr.{lang}.min.js" for lang in index["config"]["lang"] if lang != "en"}
    total = len(gzip.compress(page.read_bytes(), 6))
    for path in files:
        assert path.is_file(), path
        total += len(gzip.compress(path.read_bytes(), 6))
    print(f"长沙页面及其加载的 CSS/JS/图片（不含搜索索引）gzip 后共 {total / 1024:.1f} KB")
    assert total < PAGE_BUDGET


# -- the flow follows the data ---------------------------------------------------------------------

TRICKY = '余额</script><script>alert("x")</script> & <b>不是标签</b>'


def test_changing_a_rule_changes_the_flow(data_copy):
    changsha = data_copy / "policies/hunan/changsha.yaml"
    text = changsha.read_text(encoding="utf-8")
    text = text.replace("    outcome: pay-heirs\n    summary: 第三方网站说，参保人去世后，直系亲属或所在单位办理终止参保手续，带死亡证明等材料到政务中心医保窗口填写承诺书后，办理个人账户余额提现。",
                        "    outcome: heir-account\n    summary: TRICKY")
    assert "heir-account" in text
    # a new rule for a situation asked earlier in the vocabulary becomes the first question
    text = text.replace("rules:\n", "rules:\n  - situation: retirement\n    outcome: pay-self\n"
                        "    summary: 退休时可以一次性领取。\n    answer_cite: [1]\n"
                        "    key_condition:\n      text: 测试用的条件\n      cite: [1]\n"
                        "    citations:\n"
                        "      - source: bendibao-changsha-2023-03-28\n        quote: 参保人员有以下情况的,可以申报医保个人账户提现\n\n", 1)
    changsha.write_text(text, encoding="utf-8")
    vocabulary = data_copy / "policies/vocabulary.yaml"
    long_name = "参保人死亡（含被宣告死亡）WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW MMMM 的情形"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("name: 参保人死亡", f"name: {long_name}"),
                          encoding="utf-8")

    # The data lint refuses HTML in a file, so the hostile summary goes into the loaded model.
    kb = with_text(load(data_copy), "changsha", "death", lambda r: dataclasses.replace(r, summary=TRICKY))
    changsha_j = kb.jurisdictions["changsha"]
    site = rendered_site(data_copy, kb, pages=(check_url_of(changsha_j),))
    flow = build_flow(kb, changsha_j)
    assert flow.start == "q-retirement"
    assert flow.ends["o-death"].name == "不能取现 · 转入继承人医保账户或用于其医疗费"
    assert flow.ends["o-death"].cash == "不能"

    html = page_html(site, check_url_of(changsha_j))
    assert '<script>alert("x")' not in html                     # the data cannot open a tag
    checker = checker_of(html)
    assert checker.start == "q-retirement"
    assert TRICKY in checker.parts["o-death"]["text"]            # shown as the text typed
    assert "结果：不能取现 · 转入继承人医保账户或用于其医疗费" in checker.parts["o-death"]["text"]
    svg = svg_of(html)
    shown = {box["node"]: "".join(line[2] for line in box["lines"]) for box in svg.boxes}
    assert "转入继承人医保账户或用于其医疗费" in shown["o-death"]
    assert long_name + "？" == shown["q-death"]
    assert "达到退休年龄？" == shown["q-retirement"]              # the situation, then its key condition
    assert "条件：测试用的条件？" == shown["c-retirement"]
    assert checker.parts["q-retirement"]["go"] == ["c-retirement", "q-relocated-retiree"]
    assert checker.parts["c-retirement"]["go"] == ["o-retirement", "q-relocated-retiree"]
    for box in svg.boxes:
        for x, _, line, bold in box["lines"]:
            assert x + generous_width(line, bold) <= box["rect"]["x"] + box["rect"]["width"] <= WIDTH


def test_line_breaking_never_overflows_and_keeps_every_character():
    import random
    rng = random.Random(3)
    alphabet = "长沙医保账户，。、“”（）《》ABCWMmw il1 0"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))
        width = rng.choice([60, 120, 248, 292])
        for bold in (False, True):
            lines = wrap(text, width, bold)
            assert all(generous_width(line, bold) <= width for line in lines), (text, width, lines)
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (text, lines)
    for _ in range(500):       # Chinese-like text: words with single punctuation marks between them
        words = ["".join(rng.choice("长沙医保账户ABCm1") for _ in range(rng.randint(1, 6))) for _ in range(12)]
        text = "".join(w + rng.choice(["，", "。", "、", "（", "）", "“", "”", ""]) for w in words)
        lines = wrap(text, rng.choice([60, 120, 248]))
        assert not any(line[0] in "，。、）》”" for line in lines[1:]), (text, lines)
        assert not any(line[-1] in "（《“" for line in lines[:-1]), (text, lines)


def test_xiamen_retirement_box_names_its_hukou_condition(built, kb):
    """厦门's retirement rule covers only non-厦门 hukou holders: the flowchart box, its question and the
    checker data say so, so "达到退休年龄？是 → 一次性支付给本人" cannot be read as a rule for everyone."""
    j = kb.jurisdictions["xiamen"]
    svg = svg_of(page_html(built, check_url_of(j)))
    shown = {box["node"]: "".join(line[2] for line in box["lines"]) for box in svg.boxes}
    assert "一次性支付给本人" in shown["o-retirement"] and "外地户籍" in shown["o-retirement"]
    assert "外地户籍" in shown["c-retirement"] and shown["q-retirement"] == "达到退休年龄？"
    checker = checker_of(page_html(built, check_url_of(j)))
    assert "外地户籍" in checker.parts["o-retirement"]["text"]


# -- questions answerable yes or no (issue 21 item 8) ---------------------------------------------------

class _Questions(HTMLParser):
    """The text of every checker question on a built check page (.checker-question)."""

    def __init__(self):
        super().__init__()
        self.questions: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._depth += 1
        elif "checker-question" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.questions.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.questions[-1] += data


def test_every_checker_question_is_one_yes_or_no_question(built, kb):
    """On every check page each question asks one thing: it ends with ？ and holds no ；or 并且. A key
    condition the reader meets is asked after its situation; one that explains the result is not asked."""
    asked_conditions = 0
    for j in kb.jurisdictions.values():
        parser = _Questions()
        parser.feed(page_html(built, check_url_of(j)))
        flow = build_flow(kb, j)
        assert len(parser.questions) == len(flow.questions) + len(flow.conditions), j.id
        for question in parser.questions:
            question = question.strip()
            assert question.endswith("？") and "；" not in question and ";" not in question, (j.id, question)
            assert "并且" not in question, (j.id, question)
        asked_conditions += len(flow.conditions)
    assert asked_conditions >= 20
    changsha = build_flow(kb, kb.jurisdictions["changsha"])
    transfer = next(q for q in changsha.questions if q.situation.id == "transfer-out")
    assert transfer.label == "跨统筹区转移？" and transfer.condition is None     # 省内即时到账；跨省…: a 说明
    assert "省内随关系即时到账" in changsha.ends[transfer.end].name              # shown with the outcome
    relocated = next(q for q in changsha.questions if q.situation.id == "relocated-retiree")
    assert relocated.condition.label == "已办理异地安置手续？"
