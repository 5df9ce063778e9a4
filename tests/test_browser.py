"""The built site in a real browser (Debian's headless Chromium through Playwright).

Proves what a reader on a phone in mainland China depends on: no request leaves the
site's own host, the flowchart renders, the checker reaches an outcome by clicking,
the checker (assets/checker.js) walks every path of the page's flow to its outcome, the city
finder and the search find the right page, and pages fit a 390 px screen.
Screenshots at 390 and 1280 px are kept in build/screenshots/ as test artefacts.

Server, browser and contexts: browser_support.py. CI installs chromium (.ci/run); elsewhere the
tests are skipped when it is missing.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

from browser_support import WORKER_SEARCH, new_context, require_chromium
from generator.model.vocabulary import STATUS_TEXT
from helpers import ROOT, build_flow, url_of

require_chromium()

SCREENSHOTS = ROOT / "build" / "screenshots"
PAGES = {"home": "", "changsha": "hunan/changsha/", "changsha-check": "hunan/changsha/check/",
         "changsha-checklist": "hunan/changsha/checklist/",
         "compare": "compare/", "compare-hunan": "compare/in/hunan/", "faq": "faq/", "map": "map/"}


def open_page(browser, url, width=390):
    page = new_context(browser, width).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requests


@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_site(browser, server, name):
    page, requests = open_page(browser, server + PAGES[name])
    page.wait_for_timeout(300)        # let late scripts fire
    own = urlparse(server).netloc
    foreign = [url for url in requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != own]
    assert requests and not foreign, foreign
    page.context.close()


@pytest.mark.parametrize("name", ["home", "changsha", "changsha-check", "changsha-checklist", "compare", "compare-hunan",
                                  "map"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_and_no_horizontal_scroll(browser, server, name, width):
    page, _ = open_page(browser, server + PAGES[name], width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    # Tables may scroll inside their own box; the page itself must not.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    page.context.close()


def test_changsha_footnotes_at_390px(browser, server):
    """On a phone, each condition and material of 长沙's first rule shows its footnote number, and the
    number jumps (no JavaScript needed: a plain link) to that quote in the rule's 依据 list."""
    page, _ = open_page(browser, server + PAGES["changsha"])
    rule = page.locator("#relocated-retiree")
    items = page.locator("li:has(sup.cite)")
    assert items.count() >= 3
    first = page.locator("sup.cite a[href^='#relocated-retiree-cite-']").first   # the rule's, not 怎么办理's
    first.scroll_into_view_if_needed()
    assert first.is_visible() and first.inner_text().strip() == "1"
    href = first.get_attribute("href")
    assert href.startswith("#relocated-retiree-cite-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "changsha-footnotes-390.png"))     # the viewport around the footnote
    first.click()
    page.wait_for_timeout(100)
    target = page.locator(href)
    assert target.count() == 1 and rule.count() == 1
    assert page.evaluate("location.hash") == href
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 844              # the quote is now on screen
    page.context.close()


def test_flowchart_renders_and_checker_reaches_an_outcome(browser, server):
    page, _ = open_page(browser, server + PAGES["changsha-check"])
    svg = page.locator("svg").filter(has=page.locator("title")).first
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    checker = page.locator("#checker-app")
    checker.scroll_into_view_if_needed()
    # Answer 否 until the death question, then 是: the walk ends at that rule's outcome.
    for _ in range(20):
        text = checker.inner_text()
        if "死亡" in text or "去世" in text:
            break
        checker.get_by_role("button", name="否", exact=True).click()
    checker.get_by_role("button", name="是", exact=True).click()
    result = checker.inner_text()
    assert "支付给继承人" in result
    assert "死亡证明" in result                    # materials
    assert "政务中心医保窗口" in result             # where to apply
    assert checker.locator("a[href*='#src-']").count() >= 1   # citations
    page.context.close()


def test_changsha_checker_asks_the_registration_and_ends_with_how_to_apply(browser, server, kb):
    """A retiree in 长沙 living elsewhere: the question states what the rule requires (the 异地安置
    registration), and the outcome says how to act — channels, address, hours, phone (each cited, or
    未查明), 能否代办 and 钱怎么付 — with footnotes that land on the quotes on 长沙's page."""
    j = kb.jurisdictions["changsha"]
    flow = build_flow(kb, j)
    rule = next(e.rule for e in kb.effective_rules(j) if e.rule.id == "relocated-retiree")
    index = next(i for i, q in enumerate(flow.questions) if q.situation.id == "relocated-retiree")
    page, _ = open_page(browser, server + url_of(j) + "check/")
    checker = page.locator("#checker-app")
    for _ in range(index):
        checker.get_by_role("button", name="否", exact=True).click()
    asked = checker.inner_text()
    assert "异地安置退休？" in asked and rule.key_condition.text not in asked     # the situation first
    # the term is explained where it is asked, with a link to the glossary entry
    term = checker.locator(".checker-term", has=page.locator("a[href*='glossary/#term-']")).first
    assert "异地安置" in term.inner_text() and "备案" in term.inner_text()
    checker.get_by_role("button", name="是", exact=True).click()
    asked = page.evaluate(CHECKER_STATE)
    assert f"您符合这个条件吗：{rule.key_condition.text}？" in asked["text"]      # then the registration, yes or no
    assert asked["focused"] == f"您符合这个条件吗：{rule.key_condition.text}？"
    checker.get_by_role("button", name="是", exact=True).click()
    shown = page.evaluate(CHECKER_STATE)
    text = shown["text"]
    assert rule.key_condition.text in text                      # the outcome keeps its condition
    service = j.service
    assert service is not None and service.channels
    for channel in service.channels:
        assert channel.name in text
    for title, said in (("窗口地址", service.address), ("办公时间", service.hours), ("咨询电话", service.phone)):
        assert f"{title}：" + (said.text if said else "未查明") in text, title
    for title, said in (("能否代办", rule.proxy), ("钱怎么付", rule.payout)):    # as on the place page: the
        assert (f"{title}：{said.text}" in text if said                        # unknown ones named together
                else re.search(f"未查明：[^\n]*{title}", text)), title
    service_links = [link for link in shown["links"] if "#service-cite-" in link]
    assert service_links
    page.goto(urljoin(page.url, service_links[0]), wait_until="load")
    anchor = service_links[0].split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1       # the footnote lands on its quote
    page.context.close()


def outcome_said(effective) -> str:
    """How a rule's section (and the checker's answer) begins: 结果： and its one-line answer's outcome and payee."""
    line = effective.answer_line()
    return "结果：" + " · ".join(p for p in (line.outcome, line.payee) if p)


# What the checker shows: its visible text (every question and answer is in the page, the ones not shown
# are hidden), its visible links as written (href attributes) and the text of the focused element (None
# while focus has not moved from the page itself).
CHECKER_STATE = """() => {
  const app = document.getElementById("checker-app");
  const active = document.activeElement;
  return {
    text: app.innerText,
    links: Array.from(app.querySelectorAll("a")).filter(a => a.checkVisibility()).map(a => a.getAttribute("href")),
    focused: active && active !== document.body ? active.textContent : null,
  };
}"""


def test_checker_walks_the_page_flow_to_each_outcome(browser, server, kb):
    j = kb.jurisdictions["changsha"]
    flow = build_flow(kb, j)
    page, _ = open_page(browser, server + url_of(j) + "check/")
    checker = page.locator("#checker-app")

    def run(answers: list[str]) -> dict:
        """Load the page afresh, click the answers in order, and read the checker."""
        page.goto(server + url_of(j) + "check/", wait_until="load")
        for answer in answers:
            checker.get_by_role("button", name=answer, exact=True).click()
        return page.evaluate(CHECKER_STATE)

    asked = [j.short_name + e.rule.situation.question for e in kb.effective_rules(j)]   # the answers' headings
    first = run([])
    assert "第 1 问" in first["text"] and flow.questions[0].label in first["text"]
    assert not [a for a in asked if a in first["text"]]      # no answer shown before the questions are answered
    assert first["focused"] is None                         # loading the page does not move focus
    assert any(q.condition for q in flow.questions) and any(not q.condition for q in flow.questions)
    for index, q in enumerate(flow.questions):
        if q.condition:      # 是 to the situation asks its condition; 否 to that goes on to the next situation
            condition = run(["否"] * index + ["是"])
            assert q.condition.label in condition["text"] and not [a for a in asked if a in condition["text"]]
            following = run(["否"] * index + ["是", "否"])
            assert (flow.questions[index + 1].label if index + 1 < len(flow.questions) else "以上都不是") \
                in following["text"]
        shown = run(["否"] * index + ["是"] * (2 if q.condition else 1))
        end = flow.ends[q.end]
        rule = end.effective.rule
        outcome = outcome_said(end.effective)
        # the answer as on the place page: outcome, its condition (with footnotes), grade and status words
        assert outcome in shown["text"] and f"证据 {rule.evidence}" in shown["text"]
        assert rule.key_condition is None or rule.key_condition.text in shown["text"]
        assert rule.status not in STATUS_TEXT or STATUS_TEXT[rule.status] in shown["text"]
        for item in (tuple(s.text for s in rule.materials) + tuple(p.name for p in rule.where)
                     + tuple(c.readable for c in rule.citations)):       # quotes as pages show them
            assert item in shown["text"], (q.id, item)
        # one answer at a time: the question heading of this rule, none of the others
        assert [a for a in asked if a in shown["text"]] == [j.short_name + rule.situation.question], q.id
        page_url = urljoin(server, url_of(j))
        assert any(urljoin(page.url, link) == f"{page_url}#{rule.id}" for link in shown["links"])   # the place's page
        assert any("#src-" in link for link in shown["links"])
        assert shown["focused"] and outcome in shown["focused"]
    last = run(["否"] * len(flow.questions))
    assert outcome_said(flow.final.effective) in last["text"]
    # 长沙's transfer rule explains how the money moves (省内即时到账；跨省……): not a question, shown with the outcome
    transfer = next(i for i, q in enumerate(flow.questions) if q.situation.id == "transfer-out")
    run(["否"] * transfer)
    question = page.locator("#checker-app .checker-node:not([hidden]) .checker-question").inner_text()
    assert question == "您属于这种情况吗：跨统筹区转移？"
    answered = run(["否"] * transfer + ["是"])
    assert "省内随关系即时到账；跨省原则上随转" in answered["text"] and "结果：视情况" in answered["text"]
    restarted = run(["否", "重新开始"])
    assert "第 1 问" in restarted["text"]
    back = run(["否", "上一步"])
    assert flow.questions[0].label in back["text"]
    page.context.close()


def test_a_link_to_an_answer_shows_it_in_the_checker(browser, server, kb):
    """The FAQ lists link to a place's answers (check/#faq-<rule>): the checker shows that answer, the
    reader can start over from it, and a link inside an answer (a footnote) keeps it shown."""
    j = kb.jurisdictions["changsha"]
    effective = next(e for e in kb.effective_rules(j) if e.rule.id == "death")
    rule = effective.rule
    heading = j.short_name + rule.situation.question
    page = new_context(browser, 390).new_page()
    page.goto(server + url_of(j) + "check/#faq-death", wait_until="load")
    checker = page.locator("#checker-app")
    assert page.locator("#faq-death").is_visible() and heading in checker.inner_text()
    assert "第 1 问" not in checker.inner_text() and outcome_said(effective) in checker.inner_text()
    box = page.locator("#faq-death").bounding_box()
    assert box and 0 <= box["y"] < 844                          # scrolled to it
    page.locator("#checker-o-death sup.cite a").first.click()    # a footnote: its quote, in the same answer
    assert page.locator("#faq-death").is_visible() and page.locator("#death-cite-1").count() == 1
    checker.get_by_role("button", name="重新开始", exact=True).click()
    assert "第 1 问" in checker.inner_text() and not page.locator("#faq-death").is_visible()
    page.context.close()


def test_without_scripts_the_check_page_lists_every_answer(browser, server, kb):
    """No JavaScript: the questions (which need buttons) stay hidden; every answer and the place's 怎么办理
    are shown one after another, with the note saying so, and the flowchart and text version below."""
    j = kb.jurisdictions["changsha"]
    page = new_context(browser, 390, java_script_enabled=False).new_page()
    page.goto(server + url_of(j) + "check/", wait_until="load")
    text = page.locator("#checker-app").inner_text()
    assert "需要浏览器运行脚本" in text and "第 1 问" not in text
    assert page.locator("#checker-app button:visible").count() == 0
    for e in kb.effective_rules(j):
        assert page.locator(f"#faq-{e.rule.id}").is_visible(), e.rule.id
        assert outcome_said(e) in text
    assert page.locator("#how").is_visible() and page.locator("#flow-text").is_visible()
    page.context.close()


def test_the_printed_check_page_has_every_answer_and_no_buttons(browser, server, kb):
    j = kb.jurisdictions["changsha"]
    page = new_context(browser, 390).new_page()
    page.goto(server + url_of(j) + "check/", wait_until="load")
    page.emulate_media(media="print")
    assert all(page.locator(f"#faq-{e.rule.id}").is_visible() for e in kb.effective_rules(j))
    assert page.locator("#checker-app button:visible").count() == 0
    page.context.close()


@pytest.mark.parametrize("query", ["长沙", "changsha", "cs"])
def test_city_finder(browser, server, query):
    page, _ = open_page(browser, server)
    page.fill("#city-q", query)
    first = page.locator(".city-results a").first
    assert first.inner_text() == "长沙市"
    page.press("#city-q", "Enter")
    page.wait_for_url("**/hunan/changsha/")
    page.context.close()


@pytest.mark.parametrize("query", ["成都", "chengdu", "cd"])
def test_city_finder_reaches_the_page_serving_an_uncovered_city(browser, server, built, query):
    """成都 has no page of its own: the finder links to the page serving it, which names it at the top."""
    import json
    place = next(p for p in json.loads((built / "api/v1/places.json").read_text(encoding="utf-8"))["places"]
                 if p["name"] == "成都市")
    page, _ = open_page(browser, server)
    page.fill("#city-q", query)
    link = page.locator(".city-results a", has_text="成都市").first
    link.click()
    page.wait_for_url(f"**/{place['page']}?city={place['adcode']}*")
    banner = page.locator(".uncovered-banner")
    assert banner.is_visible()
    assert banner.inner_text().startswith("成都市还没有单独整理")
    assert banner.locator("a", has_text="参与维护").get_attribute("href").endswith("contributing/")
    assert banner.bounding_box()["y"] < 844            # at the top, on the first screen
    page.context.close()


def test_map_at_390_px_draws_31_tiles_linking_to_pages(browser, server):
    page, _ = open_page(browser, server + "map/")
    first = page.locator("svg.tile-map").first
    assert first.locator("a").count() == 31
    assert first.bounding_box()["width"] <= 390
    first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/map/" not in page.url
    page.context.close()


@pytest.fixture(scope="module")
def search_page(browser, server):
    """One page at 1280 px with the search open, shared by the search tests: each query replaces the last."""
    page, _ = open_page(browser, server, 1280)
    page.click("input.md-search__input")
    yield page
    page.context.close()


# Resolves once the result list has not changed for a moment: the worker has answered the last query
# and the theme has drawn it (typing sends a query per key; only the last answer stays).
RESULTS_SETTLED = """() => new Promise(done => {
  const list = document.querySelector(".md-search-result");
  let timer = setTimeout(finish, 250);
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, 150); });
  observer.observe(list, {childList: true, subtree: true, characterData: true, attributes: true});
  function finish() { observer.disconnect(); done(); }
})"""


def results(page, query: str, how: str = "type") -> list[dict]:
    """Enter a query as a reader does; return every rendered result link, best first, as
    {"url": parsed URL, "title": its heading, "shown": visible without a click}. Material folds the
    sections of a page that score below its best into "在该页上还有 N 个符合条件的结果".

    type: key by key (keyup events); paste: the text arrives at once with no key event (menu paste,
    dictation); ime: an input method's composition ends with the text (拼音输入).
    """
    box = page.locator("input.md-search__input")
    box.fill("")                                      # the last reader's query is gone, and its results
    page.wait_for_selector(".md-search-result__item", state="detached", timeout=10000)
    box.focus()
    if how == "type":
        page.keyboard.type(query)
    elif how == "paste":
        page.keyboard.insert_text(query)              # an input event only, no keydown/keyup
    else:
        page.eval_on_selector("input.md-search__input", """(el, q) => {
            el.dispatchEvent(new CompositionEvent("compositionstart"));
            el.value = q;
            el.dispatchEvent(new InputEvent("input", {isComposing: true, data: q}));
            el.dispatchEvent(new CompositionEvent("compositionend", {data: q}));
        }""", query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.evaluate(RESULTS_SETTLED)
    links = page.eval_on_selector_all(".md-search-result__item a", """els => els.map(e => ({
        url: e.href, title: e.querySelector("h1, h2").textContent.replace(/\u200b/g, ""),
        shown: !e.closest("details:not([open])")}))""")
    return [{**link, "url": urlparse(link["url"])} for link in links]


def search(page, query: str, how: str = "type") -> list:
    """The result links a reader sees without a click, as parsed URLs, best first."""
    return [link["url"] for link in results(page, query, how) if link["shown"]]


# Everyday queries, written as people type them (issue 15), each with the page it must return first
# and, for a jurisdiction page, the section (situation) its first section link must land on. Each
# target was checked against the data: a city named → its page; no city → the comparison of the
# situation; a general question the FAQ answers → that FAQ entry. 许昌 has no death rule of its own:
# its #death section shows the inherited national rule (an index-only entry names it).
EVERYDAY = [
    ("我爸去世了医保卡里的钱怎么取", "compare/death/"),
    ("人死了医保卡余额给谁", "compare/death/"),
    ("死了", "compare/death/"),
    ("杭州 父亲去世 医保卡余额 继承", "zhejiang/hangzhou/#death"),
    ("长沙退休异地医保卡余额", "hunan/changsha/#relocated-retiree"),
    ("武汉出国定居医保个人账户", "hubei/wuhan/#emigration"),
    ("杭州离职了医保账户清算", "zhejiang/hangzhou/#insurance-ended"),
    ("深圳移民了医保个人账户怎么办", "guangdong/shenzhen/#emigration"),
    ("丹东医保转到外地余额", "liaoning/dandong/#transfer-out"),
    ("许昌医保家庭共济怎么绑定", "henan/xuchang/#family-use"),
    ("外国人回国医保账户余额", "compare/foreigner-leaving/"),
    ("香港人离开内地医保卡里的钱", "compare/foreigner-leaving/"),
    ("长沙 外籍员工回国 医保卡销户", "hunan/changsha/#foreigner-leaving"),
    ("得了大病能提前取医保卡的钱吗", "faq/#faq-emergency"),
    ("跟儿子去外地住医保卡的钱", "faq/#faq-moved-away"),      # 按参保地的规定办 (issue 21)
    ("退休了医保卡的钱能全部取出来吗", "faq/#faq-retirement"),
    ("长沙 去世", "hunan/changsha/#death"),
    ("出国定居 取现", "compare/emigration/"),
    ("许昌 清算", "henan/xuchang/"),
    ("我妈走了社保卡里的医保钱怎么办", "compare/death/"),
    ("长沙 老人过世 医保卡提现", "hunan/changsha/#death"),
    ("许昌 我爸去世了 医保卡的钱", "henan/xuchang/#death"),
    ("辞职了医保卡里的钱能取吗", "compare/insurance-ended/"),
]


def assert_first(found: list, query: str, expected: str) -> None:
    """The first page is the expected one and, for a section, the first section shown (not folded) is it."""
    page_url, _, section = expected.partition("#")
    shown = [r.geturl() for r in found[:4]]
    assert found, f"{query}: no results"
    assert found[0].path == "/" + page_url, (query, shown)
    if section:
        first_section = next((r for r in found if r.fragment), None)
        assert first_section and (first_section.path, first_section.fragment) == ("/" + page_url, section), \
            (query, shown)


@pytest.mark.parametrize("query, expected", EVERYDAY)
def test_everyday_query_finds_the_page_and_section_first(search_page, query, expected):
    assert_first(search(search_page, query), query, expected)


@pytest.mark.parametrize("how", ["paste", "ime"])
def test_search_runs_on_paste_and_on_ime_composition_end(search_page, how):
    query, expected = EVERYDAY[0]
    assert_first(search(search_page, query, how), query, expected)


def test_result_titles_name_the_place(search_page, kb):
    """Dozens of pages have a section called 参保人死亡: each result says whose it is (长沙 · 参保人死亡)."""
    names = {"/" + url_of(j): j.short_name for j in kb.jurisdictions.values()}
    deaths = [link for link in results(search_page, "去世") if link["url"].fragment == "death"
              and link["url"].path in names]
    assert len(deaths) >= 3
    for link in deaths:
        assert link["title"].startswith(names[link["url"].path] + " · "), link
    assert len({link["title"] for link in deaths}) == len(deaths)


def test_synonyms_apply_at_index_and_query_time(browser, server, built, kb):
    """For each synonym group, an entry whose words include another word of the group but not its first
    (the site's word) is found both by the site's word (index time) and by the reader's word (query time)."""
    import json
    import re
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    split = re.compile(index["config"]["separator"])
    cases = {}
    for group in kb.synonyms:
        first, *others = [word.lower() for word in group]
        for doc in index["docs"]:
            words = set(split.split(re.sub(r"<[^>]*>", " ", doc["title"] + " " + doc["text"]).lower()))
            used = [word for word in others if word in words]
            if used and first not in words:
                cases[first] = (used[0], doc["location"])
                break
    assert len(cases) >= 8, cases
    page, _ = open_page(browser, server, 1280)
    found = page.evaluate(WORKER_SEARCH, [q for first, (used, _) in cases.items() for q in (first, used)])
    page.context.close()
    for first, (used, location) in cases.items():
        assert location in found[first], (first, location)
        assert location in found[used], (used, location)


def test_unknown_words_never_empty_the_results(search_page):
    """Words the index lacks are dropped, not required: 我爸 and 了 cannot empty a query about 去世."""
    assert search(search_page, "我爸去世了啊啊啊 xyzzy")


def test_xuchang_page_explains_qingsuan(built):
    """Where 许昌 清算 lands, the page says what is and is not true about it."""
    text = (built / "henan/xuchang/index.html").read_text(encoding="utf-8")
    assert "清算" in text and "没有找到任何来源" in text


# The comparison table as a reader sees it: the situation ids of the visible columns ("" for 地区)
# and the names of the visible rows, in order; and where each visible heading sits on the screen.
COMPARE_VIEW = """() => {
  const table = document.querySelector('.md-typeset table');
  const shown = el => !el.hidden && el.getClientRects().length > 0;
  const heads = [...table.tHead.rows[0].cells].filter(shown);
  return {
    columns: heads.map(th => { const s = th.querySelector('[data-situation]'); return s ? s.dataset.situation : ''; }),
    rows: [...table.tBodies[0].rows].filter(shown).map(row => row.cells[0].innerText.trim()),
    boxes: heads.map(th => { const r = th.getBoundingClientRect(); return [r.left, r.right]; }),
  };
}"""
CHOSEN = ("emigration", "death")          # two situations, as a journalist picks them


def compare_unit(kb):
    """The provincial unit whose table has the most cities besides its own row (cities only must hide something)."""
    def cities(unit):
        return [j for j in kb.jurisdictions.values() if kb.group_of(j) is unit and j.level == "city"]
    unit = max((u for u in kb.top_level() if u.level == "province"), key=lambda u: len(cities(u)))
    assert len(cities(unit)) >= 2, unit.id
    return unit, cities(unit)


def test_comparison_view_is_kept_in_the_address_and_shared(browser, server, kb):
    """At 1280 px: tick two situations and 只看城市 → the address says so → the same address in a fresh
    browser shows the same columns and rows, and the chosen columns fit the screen without scrolling."""
    from urllib.parse import parse_qs
    unit, cities = compare_unit(kb)
    names = {s.id: s.name for s in kb.situations}
    page, _ = open_page(browser, server + f"compare/in/{unit.id}/", 1280)
    assert page.locator(".compare-pager").count() == 0, "the unit's places must fit one page"
    before = page.evaluate(COMPARE_VIEW)
    assert set(CHOSEN) < set(before["columns"]) and unit.name in before["rows"]
    for situation in CHOSEN:
        page.get_by_role("checkbox", name=names[situation], exact=True).check()
    page.get_by_role("checkbox", name="只看城市").check()
    query = parse_qs(urlparse(page.url).query)
    assert query["s"][0].split(",") == [c for c in before["columns"] if c in CHOSEN] and query["cities"] == ["1"]
    view = page.evaluate(COMPARE_VIEW)
    assert view["columns"] == [""] + [c for c in before["columns"] if c in CHOSEN]
    assert view["rows"] == [j.name for j in cities]            # the province's row is gone, every city stays
    for left, right in view["boxes"]:
        assert 0 <= left and right <= 1280, view["boxes"]
    assert page.evaluate("(() => { const w = document.querySelector('.md-typeset__scrollwrap');"
                         " return w.scrollWidth <= w.clientWidth; })()"), "the chosen columns need sideways scrolling"
    shared = page.url
    page.context.close()
    fresh, _ = open_page(browser, shared, 1280)
    assert fresh.evaluate(COMPARE_VIEW) == view
    assert fresh.get_by_role("checkbox", name="只看城市").is_checked()
    assert all(fresh.get_by_role("checkbox", name=names[s], exact=True).is_checked() for s in CHOSEN)
    assert fresh.url == shared                                  # loading does not rewrite a valid address
    fresh.context.close()


def test_comparison_address_ignores_unknown_values(browser, server, kb):
    """Made-up ids and values are dropped, the rest of the address is kept, and the page works."""
    unit, _ = compare_unit(kb)
    errors: list[str] = []
    context = new_context(browser, 390)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + f"compare/in/{unit.id}/?s=nonsense,death,death,%3Cb%3E&cities=yes&own=2&ref=mail",
              wait_until="load")
    view = page.evaluate(COMPARE_VIEW)
    assert view["columns"] == ["", "death"]
    assert unit.name in view["rows"]                            # cities=yes is not cities=1
    page.get_by_role("checkbox", name="隐藏沿用").check()
    assert urlparse(page.url).query == "ref=mail&s=death&own=1"
    assert not errors, errors
    context.close()


def test_comparison_hide_inherited_keeps_only_own_rules(browser, server, kb):
    """隐藏沿用: a row stays when one of its shown situations has a rule of its own; an inherited cell
    shows only its 沿用 mark."""
    unit, _ = compare_unit(kb)
    page, _ = open_page(browser, server + f"compare/in/{unit.id}/?s=death,family-use&own=1", 1280)
    view = page.evaluate(COMPARE_VIEW)
    assert view["columns"] == ["", "death", "family-use"]
    places = [j for j in kb.jurisdictions.values() if kb.group_of(j) is unit]
    expected = [j.name for j in places if any(e.inherited_from is None and e.rule.id in ("death", "family-use")
                                              for e in kb.effective_rules(j))]
    assert 0 < len(expected) < len(places), "the data no longer tests hiding a row"
    assert view["rows"] == expected
    marks = page.evaluate("""() => [...document.querySelectorAll('tbody tr:not([hidden]) td:not([hidden])')]
      .filter(td => td.querySelector('.cmp-inherited')).map(td => td.innerText.trim())""")
    assert marks and all(m.startswith("沿用") and "未查到" not in m for m in marks), marks
    page.context.close()


def test_comparison_first_column_stays_in_view_when_the_table_scrolls(browser, server):
    """At 390 px the table scrolls in its own box; 地区 stays at its left edge, on top, on an opaque ground."""
    page, _ = open_page(browser, server + PAGES["compare-hunan"], 390)
    page.locator("table").first.scroll_into_view_if_needed()
    moved = page.evaluate("""() => {
      const wrap = document.querySelector('.md-typeset__scrollwrap');
      const row = document.querySelector('.md-typeset table tbody tr');
      const before = row.cells[1].getBoundingClientRect().left;
      wrap.scrollLeft = wrap.scrollWidth;
      const box = wrap.getBoundingClientRect(), first = row.cells[0].getBoundingClientRect();
      const hit = document.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
      return {scrolled: wrap.scrollLeft, shift: before - row.cells[1].getBoundingClientRect().left,
              offset: first.left - box.left, onTop: row.cells[0].contains(hit),
              ground: getComputedStyle(row.cells[0]).backgroundColor};
    }""")
    assert moved["scrolled"] > 100 and moved["shift"] > 100, moved     # the table did scroll sideways
    assert abs(moved["offset"]) <= 1 and moved["onTop"], moved
    assert moved["ground"] in ("rgb(255, 255, 255)", "rgba(255, 255, 255, 1)"), moved
    page.context.close()


def test_comparison_table_is_whole_without_javascript(browser, server, kb):
    unit, _ = compare_unit(kb)
    context = new_context(browser, 390, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + f"compare/in/{unit.id}/", wait_until="load")
    view = page.evaluate(COMPARE_VIEW)
    places = [j.name for j in kb.jurisdictions.values() if kb.group_of(j) is unit]
    assert view["rows"] == places and set(CHOSEN) < set(view["columns"])
    assert page.locator("#compare-controls input").count() == 0
    context.close()
