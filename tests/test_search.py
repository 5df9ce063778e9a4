"""Site search and the home page's finder as a reader uses them (issue 21 item 7), on the real built site.

The search is asked through the site's own worker as the theme asks it (browser_support.WORKER_SEARCH:
the query rewriting of assets/javascripts/workers/yibao-search.js, then the theme's lunr), or typed into
the search box; the finder is typed into on the home page. Every word of every synonym group finds
something; a reader who moved finds that the rules of the place where she is insured apply; every place
name finds its page (or its province's); the finder's pinyin is each name's reading; 长辈版 enlarges the
search; a result never shows as lacking a word the reader did not type.
"""
from __future__ import annotations

import json
import re
import pytest

from browser_support import WORKER_SEARCH, new_context, require_chromium
from generator.export.places import OTHER_SPELLINGS, PLACE_READINGS, syllables
from helpers import url_of

require_chromium()

TOP = 10            # "found" for a reader: among the first results, not somewhere in a hundred


@pytest.fixture(scope="module")
def ask(browser, server):
    """query or [queries] → {query: [locations, best first]}, through the site's search worker."""
    page = new_context(browser, 1280).new_page()
    page.goto(server, wait_until="networkidle")

    def run(queries):
        return page.evaluate(WORKER_SEARCH, list(queries))
    yield run
    page.context.close()


@pytest.fixture(scope="module")
def index(built) -> dict:
    return json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def places(built) -> list[dict]:
    return json.loads((built / "api/v1/places.json").read_text(encoding="utf-8"))["places"]


def _path(location: str) -> str:
    """A result's page: its location without query and fragment (sichuan/?city=510100 → sichuan/)."""
    return re.split(r"[?#]", location, maxsplit=1)[0]


def test_every_word_of_every_synonym_group_finds_results(ask, kb):
    """The head word of 异地安置's group was never one word of the index, so the rewriter dropped it and
    异地安置, 异地养老, 跟子女住, 去外地养老 found nothing. Every word of every group must find something."""
    words = [word for group in kb.synonyms for word in group]
    found = ask(words)
    empty = [word for word in words if not found[word]]
    assert not empty, empty


def test_a_group_word_finds_what_its_head_word_finds(ask, kb):
    """跟子女住 is 异地安置 to the search: the same first results (the comparison, the glossary entry)."""
    group = next(g for g in kb.synonyms if g[0] == "异地安置")
    found = ask(group)
    for word in group[1:]:
        assert found[word][:TOP] == found[group[0]][:TOP], word
    assert "glossary/" in {_path(loc) for loc in found["异地安置"][:TOP]}
    assert "compare/relocated-retiree/" == found["异地安置"][0]


# A reader who moved, in her own words (issue 21): the first results must include one that says the
# rules of the place where she is insured apply (按参保地…: the glossary's 参保地 entry, the FAQ, and each
# place page's 按参保地的规定办, which 退休 去深圳 跟儿子住 needs: 深圳's own sections come first).
MOVED = ["去外地", "跟子女住", "异地养老", "去外地养老", "跟儿子住", "随子女居住", "退休 去深圳 跟儿子住"]


@pytest.mark.parametrize("query", MOVED)
def test_a_reader_who_moved_finds_that_the_place_insured_decides(ask, index, query):
    said = {doc["location"]: (doc["title"] + doc["text"]).replace("\u200b", "") for doc in index["docs"]}
    first = ask([query])[query][:TOP]
    assert any("按参保地" in said.get(location, "") for location in first), (query, first)


def test_every_place_name_finds_its_page_or_the_page_serving_it(ask, places, kb):
    """成都 found nothing: a place without a page of its own is found at its province's page (the
    address the finder uses, which names it at the top). Short and full names, all 337 places. Where
    another place with a page of its own has the same short name (海南: the province; 青海's 海南州),
    that one comes first and this one is among the first results."""
    own = {j.short_name: url_of(j) for j in kb.jurisdictions.values()}
    queries = [q for p in places for q in (p["short_name"], p["name"])]
    found = ask(queries)
    wrong = []
    for p in places:
        for query in (p["short_name"], p["name"]):
            pages = [_path(loc) for loc in found[query]]
            shared = own.get(p["short_name"]) not in (None, p["page"])
            ok = p["page"] in pages[:TOP] if shared else pages[:1] == [p["page"]]
            if not ok:
                wrong.append((query, p["page"], pages[:3]))
    assert not wrong, wrong
    assert len(places) == 337


def test_a_place_without_a_page_of_its_own_links_to_the_notice_naming_it(ask, places):
    chengdu = next(p for p in places if p["name"] == "成都市")
    assert ask(["成都"])["成都"][0] == f"{chengdu['page']}?city={chengdu['adcode']}"


def test_province_and_place_typed_together_find_the_place(ask, places, kb):
    """四川成都 (and 四川省成都市) as people write addresses: the place's page, or the page serving it,
    among the first results, for every place."""
    province = {pid: j.short_name for pid, j in kb.jurisdictions.items()}
    queries = {}
    for p in places:
        if p["kind"] == "直辖市":
            continue
        queries[province[p["province"]] + p["short_name"]] = p
        queries[kb.provincial_names[p["province"]] + p["name"]] = p
    found = ask(queries)
    wrong = [(q, p["page"], found[q][:3]) for q, p in queries.items()
             if p["page"] not in [_path(loc) for loc in found[q][:TOP]]]
    assert not wrong, wrong


# ---- the home page's finder ------------------------------------------------------------------------

FINDER_FIRST = """(queries) => {
  const input = document.querySelector("#city-q");
  const first = {};
  for (const q of queries) {
    input.value = q;
    input.dispatchEvent(new Event("input"));
    const link = document.querySelector(".city-results a");
    first[q] = link ? [link.textContent, link.getAttribute("href")] : null;
  }
  return first;
}"""


@pytest.fixture(scope="module")
def finder(browser, server):
    """[queries] → {query: [name, href] of the finder's first link, or None}."""
    page = new_context(browser, 390).new_page()
    page.goto(server, wait_until="networkidle")
    yield lambda queries: page.evaluate(FINDER_FIRST, list(queries))
    page.context.close()


def test_the_finder_takes_the_province_first(finder, places, kb):
    """四川成都 found nothing in the finder. For every place: 四川成都, 四川省成都市, sichuanchengdu."""
    province = {pid: j.short_name for pid, j in kb.jurisdictions.items()}
    queries = {}
    for p in places:
        if p["kind"] == "直辖市":
            continue
        pid = p["province"]
        for q in (province[pid] + p["short_name"], kb.provincial_names[pid] + p["name"],
                  "".join(syllables(province[pid])) + p["pinyin"]):
            queries[q] = p
    first = finder(queries)
    # A place whose short name and pinyin another place of the same province shares cannot be told
    # apart by typing; none does today, so each must come first.
    wrong = [(q, p["name"], first[q]) for q, p in queries.items() if not first[q] or first[q][0] != p["name"]]
    assert not wrong, wrong


def test_the_finder_spells_every_place_as_its_name_is_read(finder, places, kb):
    """The finder's pinyin is each name's reading (漯河 luohe, not tahe): every place typed in its pinyin is
    found first, unless another place or a province shares the spelling (jilin: 吉林省 and 吉林市)."""
    by_spelling: dict[str, list[str]] = {}
    for p in places:
        by_spelling.setdefault(p["pinyin"], []).append(p["name"])
    for j in kb.jurisdictions.values():
        by_spelling.setdefault("".join(syllables(j.short_name)), []).append(j.name)
    first = finder([p["pinyin"] for p in places])
    wrong = [(p["pinyin"], p["name"], first[p["pinyin"]]) for p in places
             if not first[p["pinyin"]] or first[p["pinyin"]][0] not in by_spelling[p["pinyin"]]]
    assert not wrong, wrong


@pytest.mark.parametrize("typed, name", [("luohe", "漯河市"), ("changzhi", "长治市"), ("chaoyang", "朝阳市"),
                                         ("changdu", "昌都市"), ("xilinguole", "锡林郭勒盟"),
                                         ("kezilesu", "克孜勒苏柯尔克孜自治州"), ("aletai", "阿勒泰地区"),
                                         ("shaanxi", "陕西省"), ("lu'an", "六安市"), ("liuan", "六安市"),
                                         ("bengbu", "蚌埠市"), ("xiamen", "厦门市")])
def test_the_finder_finds_polyphone_names(finder, typed, name):
    assert finder([typed])[typed][0] == name


def test_shanxi_is_shanxi_then_shaanxi(finder, browser, server):
    """Typed as plain pinyin, shanxi is 山西 first and then 陕西 (whose official spelling is Shaanxi)."""
    page = new_context(browser, 390).new_page()
    page.goto(server, wait_until="networkidle")
    page.fill("#city-q", "shanxi")
    names = page.locator(".city-results a").all_inner_texts()
    page.context.close()
    assert names[:2] == ["山西省", "陕西省"], names


# ---- pinyin (no browser needed, but kept with the finder's tests) ------------------------------------

# Each polyphone of issue 21, and the readings of other names that people get wrong, as the names are
# read (checked against the names' standard readings and published city lists, not pypinyin).
READINGS = {"漯河": "luohe", "长治": "changzhi", "朝阳": "chaoyang", "陕西": "shaanxi", "山西": "shanxi",
            "长沙": "changsha", "长春": "changchun", "重庆": "chongqing", "厦门": "xiamen", "蚌埠": "bengbu",
            "六安": "luan", "乐山": "leshan", "丽水": "lishui", "丽江": "lijiang", "大理": "dali",
            "昌都": "changdu", "锡林郭勒": "xilinguole", "克孜勒苏": "kezilesu", "阿勒泰": "aletai",
            "巴音郭楞": "bayinguoleng", "亳州": "bozhou", "莆田": "putian", "台州": "taizhou", "济南": "jinan",
            "吕梁": "lvliang", "儋州": "danzhou", "那曲": "naqu", "日喀则": "rikaze", "喀什": "kashi",
            "六盘水": "liupanshui", "东莞": "dongguan", "郴州": "chenzhou", "衢州": "quzhou", "泸州": "luzhou",
            "鄂尔多斯": "eerduosi", "巴彦淖尔": "bayannaoer", "阿拉善": "alashan", "七台河": "qitaihe",
            "黔东南": "qiandongnan", "普洱": "puer", "百色": "baise", "吉安": "jian", "兴安": "xingan"}


def test_pinyin_of_every_place_is_its_reading(places, built, kb):
    """places.json and the home page's finder give every one of the 337 places the place-name reading
    (export.places.syllables), and the names issue 21 found wrong are right."""
    finder = json.loads(re.search(r'<script type="application/json" id="city-index">(.*?)</script>',
                                  (built / "index.html").read_text(encoding="utf-8"), re.S)[1])
    spelt = {entry["short"]: entry["pinyin"] for entry in finder}
    for p in places:
        reading = "".join(syllables(p["short_name"]))
        assert re.fullmatch(r"[a-z]+", reading), p
        assert p["pinyin"] == spelt[p["short_name"]] == reading, p
    names = {p["short_name"] for p in places} | {j.short_name for j in kb.jurisdictions.values()}
    assert {name: "".join(syllables(name)) for name in READINGS} == READINGS
    assert set(READINGS) <= names
    # The table holds place names only, each one pypinyin alone reads otherwise.
    from pypinyin import lazy_pinyin
    assert set(PLACE_READINGS) | set(OTHER_SPELLINGS) <= names
    assert all("".join(lazy_pinyin(name)) != "".join(PLACE_READINGS[name].split()) for name in PLACE_READINGS)


# ---- the search box: 长辈版 and the words a result lacks --------------------------------------------

def _open_search(page) -> None:
    """The search as a reader opens it: the magnifier in the header on a phone, the box on a wide screen."""
    button = page.locator("label.md-header__button[for='__search']")
    (button if button.is_visible() else page.locator("input.md-search__input")).click()


def _search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.focus()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(400)


SIZES = """() => {
  const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : 0;
  return {box: px(document.querySelector("input.md-search__input")),
          meta: px(document.querySelector(".md-search-result__meta")),
          title: px(document.querySelector(".md-search-result__article h1, .md-search-result__article h2")),
          text: px(document.querySelector(".md-search-result__article p")),
          main: px(document.querySelector("article.md-content__inner"))};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_elder_mode_enlarges_the_search_box_and_the_results(browser, server, width):
    """长辈版 makes the main text 24 px; the search box and the results' text were left at the theme's
    16–18 px and 12.8 px. In 长辈版 they are as large as the main text (the counts line a little smaller)."""
    sizes = {}
    for elder in (False, True):
        page = new_context(browser, width, elder=elder).new_page()
        page.goto(server + "faq/", wait_until="networkidle")
        _open_search(page)
        _search(page, "去世")
        sizes[elder] = page.evaluate(SIZES)
        page.context.close()
    normal, large = sizes[False], sizes[True]
    assert large["main"] >= 24
    assert large["box"] >= large["main"] > normal["box"], sizes
    assert large["text"] >= large["main"] > normal["text"], sizes
    assert large["title"] >= large["main"], sizes
    assert large["meta"] >= 20 > normal["meta"], sizes


@pytest.mark.parametrize("query", ["我爸去世了医保卡", "杭州 老爸过世 医保卡余额", "长沙 爸爸 跟儿子住", "老外 回国 社保卡"])
def test_a_result_lacks_only_words_the_reader_typed(browser, server, query):
    """A query showed "缺少: ~~父亲~~", a word the reader never typed (her 爸 rewritten to the site's
    父亲). Each struck word is one she typed, and some result does show a lacking word (so this can fail)."""
    page = new_context(browser, 1280).new_page()
    page.goto(server, wait_until="networkidle")
    _open_search(page)
    _search(page, query)
    # Open every folded "more results" so every result's lacking words are drawn.
    page.evaluate("() => document.querySelectorAll('.md-search-result details').forEach(d => d.open = true)")
    struck = page.locator(".md-search-result__terms del").all_inner_texts()
    page.context.close()
    assert struck, query
    typed = query.lower()
    assert all(word and word in typed for word in struck), (query, sorted(set(struck)))
