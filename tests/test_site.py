"""The built site: a page per jurisdiction, every rule anchor, sources, determinism, atomic builds."""
from __future__ import annotations

import datetime
import json
import posixpath
import re
from html.parser import HTMLParser

import pytest

from helpers import ROOT, DataError, build, build_flow, generate, page_file, parse, previous_site, section, urls


def test_every_jurisdiction_has_a_page_with_every_rule_anchor(built, export):
    for j in export["jurisdictions"]:
        page = page_file(built, j["url"])
        assert page.exists(), j["url"]
        ids = parse(page).ids
        for rule in j["rules"]:
            url, anchor = rule["url"].split("#")
            assert url == j["url"]
            assert anchor in ids, rule["url"]


def test_citation_links_resolve_to_source_entries(built, export):
    """Every source is listed on one sources page per provincial unit; every citation link reaches it."""
    listed = {}
    for page in (built / "sources").glob("*/index.html"):
        for anchor in parse(page).ids:
            if anchor.startswith("src-"):
                assert anchor not in listed, anchor
                listed[anchor] = page.parent.name
    assert set(listed) == {f"src-{s['id']}" for s in export["sources"]}
    for j in export["jurisdictions"]:
        for link in parse(page_file(built, j["url"])).links:
            if "#src-" in link:
                target = posixpath.normpath(posixpath.join(j["url"], link.split("#")[0]))
                assert target == f"sources/{listed[link.split('#')[1]]}", (j["id"], link)


def test_old_source_links_are_forwarded(built, export):
    """sources/#src-<id> (the single list before the split) still works: the index maps each id to its page."""
    html = (built / "sources/index.html").read_text(encoding="utf-8")
    moved = json.loads(re.search(r'<script type="application/json" id="moved-sources">(.*?)</script>', html, re.S)[1])
    for s in export["sources"]:
        target = moved[f"src-{s['id']}"]
        path, anchor = target.split("#")
        assert anchor in parse(page_file(built, posixpath.normpath(posixpath.join("sources/", path)))).ids


OLD_URLS = ["", "compare/", "faq/", "sources/", "changes/", "quality/", "claims/", "contributing/", "about/"]


def test_every_old_url_still_resolves(built, export, kb):
    """Addresses published before the national-scale split keep working (as the page or an index)."""
    situations = {r["situation"] for j in export["jurisdictions"] for r in j["rules"]}
    for url in OLD_URLS + [j["url"] for j in export["jurisdictions"]] + [f"compare/{s}/" for s in situations]:
        assert page_file(built, url).exists(), url


class _Count(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1


def test_no_built_page_is_heavier_than_the_dom_budget(built):
    """Lighthouse flags pages above 1,400 elements; bench/run.py checks the same at national scale."""
    for page in built.rglob("*.html"):
        counter = _Count()
        counter.feed(page.read_text(encoding="utf-8"))
        assert counter.count <= 1400, (page.relative_to(built).as_posix(), counter.count)


def test_unverified_rules_are_marked_on_the_page(built, export):
    for j in export["jurisdictions"]:
        html = page_file(built, j["url"]).read_text(encoding="utf-8")
        for rule in j["rules"]:
            head = re.search(r'<p class="rule-outcome">.*?</p>', section(html, rule["id"]), re.S).group()
            assert f"grade-{rule['evidence']}" in head
            assert ("待核实" in head) == (rule["evidence"] == "C"), rule["url"]


def test_inherited_rules_say_where_from(built, export):
    names = {j["id"]: j["name"] for j in export["jurisdictions"]}
    for j in export["jurisdictions"]:
        html = page_file(built, j["url"]).read_text(encoding="utf-8")
        for rule in j["rules"]:
            text = section(html, rule["id"])
            if rule["inherited_from"]:
                assert "沿用" in text and names[rule["inherited_from"]] in text, rule["url"]
            else:
                assert "本条沿用" not in text, rule["url"]


def test_changsha_page_reads_as_an_answer(built):
    html = (built / "hunan/changsha/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "能，但只限下面几种情形" in text
    for situation in ("异地安置退休", "港澳台或外籍人员离境", "参保人死亡"):
        assert situation in text
    assert "最后核对：" in text


def test_xuchang_page_is_honest(built):
    html = (built / "henan/xuchang/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "没有查到许昌本地的取现规定" in text
    assert "待核实" in text


def test_home_and_sources_and_nav(built, export):
    home = (built / "index.html").read_text(encoding="utf-8")
    for j in export["jurisdictions"]:
        assert j["name"] in home
    assert (built / "sources/index.html").exists()
    assert 'lang="zh"' in home


def test_generation_is_deterministic(tmp_path):
    first = generate(ROOT, tmp_path / "one")
    second = generate(ROOT, tmp_path / "two")
    files_one = sorted(p.relative_to(tmp_path / "one/docs") for p in (tmp_path / "one/docs").rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(tmp_path / "two/docs") for p in (tmp_path / "two/docs").rglob("*") if p.is_file())
    assert files_one == files_two
    for relative in files_one:
        assert (tmp_path / "one/docs" / relative).read_bytes() == (tmp_path / "two/docs" / relative).read_bytes()
    assert first.read_text(encoding="utf-8").replace(str(tmp_path / "one"), "") == \
        second.read_text(encoding="utf-8").replace(str(tmp_path / "two"), "")


def test_failed_build_leaves_previous_site_intact(data_copy):
    site = data_copy / "site"
    before = previous_site(site)
    changsha = data_copy / "policies/hunan/changsha.yaml"
    changsha.write_text(changsha.read_text(encoding="utf-8").replace("parent: hunan", "parent: nowhere"),
                        encoding="utf-8")
    with pytest.raises(DataError):
        build(data_copy, site=site, out=data_copy / "build")
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.exhaustive
def test_two_full_builds_are_byte_identical(tmp_path, built):
    """site/ itself, not just the Markdown: sitemap.xml(.gz) and search_index.json included."""
    second = build(ROOT, site=tmp_path / "site", out=tmp_path / "build")
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "api/v1/schema.json"} <= set(files)
    different = [f for f in files if (built / f).read_bytes() != (second / f).read_bytes()]
    assert not different


def test_sitemap_date_comes_from_the_data(built, export):
    """The sitemap's date (here: the gzip header's mtime) comes from the data, not from the day of the build."""
    latest = max(d for j in export["jurisdictions"] for d in [j["last_verified"]] + [r["last_verified"] for r in j["rules"]] if d)
    mtime = int.from_bytes((built / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date().isoformat() == latest


def test_changsha_statements_link_to_their_quotes(built, kb):
    """Each condition and material on 长沙's page carries footnote links, and each link resolves to
    an anchor inside that rule's 依据 list (no JavaScript involved)."""
    import html
    import re
    page = (built / "hunan/changsha/index.html").read_text(encoding="utf-8")
    for rule in kb.jurisdictions["changsha"].rules:
        start = page.index(f'id="{rule.id}"')
        sources_at = page.index(f'id="{rule.id}-sources"', start)
        body, sources = page[start:sources_at], section(page, f"{rule.id}-sources")
        for said in rule.conditions + rule.materials:
            sup = re.search(re.escape(html.escape(said.text, quote=False)) + r'\s*<sup class="cite">(.*?)</sup>', body)
            assert sup, (rule.id, said.text)
            links = re.findall(r'href="#([^"]+)"', sup.group(1))
            assert links == [f"{rule.id}-cite-{n}" for n in said.cites], (rule.id, said.text, links)
            for anchor in links:
                assert f'id="{anchor}"' in sources, (rule.id, anchor)


def test_excerpts_are_published_and_linked(built, export):
    """Each source with a URL has its archived excerpt at its excerpt_url, linked from the sources page."""
    listing = {}                      # source id → (the sources page listing it, its depth below the root)
    for page in (built / "sources").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(built).parts) - 1
        for source_id in re.findall(r'id="src-([^"]+)"', html):
            listing[source_id] = (html, depth)
    with_url = [s for s in export["sources"] if s["url"]]
    assert with_url
    for source in with_url:
        assert source["excerpt_url"] == f"api/v1/excerpts/{source['id']}.txt"
        assert (built / source["excerpt_url"]).read_text(encoding="utf-8").strip()
        html, depth = listing[source["id"]]
        assert f'href="{"../" * depth}{source["excerpt_url"]}"' in html and "原文摘录" in html


def test_xuchang_death_answer_is_inherited_not_a_local_yes(built, export):
    """许昌 only inherits the national "余额可以继承": its page says how to claim is not known locally,
    and the death comparison does not count it among the places where the money can come out."""
    xuchang = next(j for j in export["jurisdictions"] if j["id"] == "xuchang")
    death = next(r for r in xuchang["rules"] if r["situation"] == "death")
    assert death["inherited_from"] == "national" and death["how_unknown"]
    text = re.sub(r"<[^>]+>", "", section(page_file(built, xuchang["url"]).read_text(encoding="utf-8"), "death"))
    assert "本地怎么领取、到哪里办未查到" in text
    page = page_file(built, "compare/death/henan").read_text(encoding="utf-8")
    summary = page[page.index('id="summary"'):page.index("<h2", page.index('id="summary"'))]
    # 一览: one item per cash answer, its places listed under it
    groups = dict(re.findall(r"<li><strong>([^<]+)</strong>：(.*?)(?=<li><strong>|$)", summary, re.S))
    assert "许昌" not in groups.get("能取出", "") and "许昌" in groups["视情况"]


def test_first_use_of_each_glossary_term_links_to_its_entry(built, export):
    """On every place page each glossary term is linked once (its first use), to an entry that exists."""
    entries = parse(page_file(built, "glossary")).ids
    linked_somewhere = set()
    for j in export["jurisdictions"]:
        html = page_file(built, j["url"]).read_text(encoding="utf-8")
        anchors = re.findall(r'href="[./]*glossary/#(term-g\d+)"', html)
        assert len(anchors) == len(set(anchors)), (j["id"], anchors)
        assert set(anchors) <= entries, j["id"]
        linked_somewhere |= set(anchors)
    changsha = page_file(built, "hunan/changsha").read_text(encoding="utf-8")
    assert re.search(r'href="[./]*glossary/#term-g\d+">异地安置', changsha)
    assert len(linked_somewhere) >= 5


def test_place_pages_use_no_fixed_anchor_that_urls_does_not_name(built, kb):
    """Every id a situation id could also make (a slug) on a place page or its check page is either made
    from the data (a rule, its 依据 list and quotes, its question, a milestone) or one of
    urls.PLACE_ANCHORS, which the validator keeps situation ids away from (urls.anchor_clash)."""
    slug = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
    for j in kb.jurisdictions.values():
        made = {urls.milestone_anchor(m.id) for m in kb.milestones if m.jurisdiction_id == j.id}
        for e in kb.effective_rules(j):
            made |= {urls.rule_anchor(e.rule.id), urls.rule_sources_anchor(e.rule.id), urls.faq_anchor(e.rule.id)}
            made |= {urls.citation_anchor(e.rule.id, n) for n in range(1, len(e.rule.citations) + 1)}
        service = kb.service_for(j)
        if service:
            made |= {urls.citation_anchor(urls.SERVICE, n) for n in range(1, len(service.service.citations) + 1)}
        made |= {urls.checker_part_anchor(node) for node in (*build_flow(kb, j).nodes(), urls.SERVICE)}   # the checker
        for page in (urls.page(j), urls.check(j)):
            ids = set(re.findall(r'id="([^"]+)"', page_file(built, urls.url(page)).read_text(encoding="utf-8")))
            fixed = {i for i in ids if slug.fullmatch(i)} - made
            assert fixed <= set(urls.PLACE_ANCHORS), (page, sorted(fixed - set(urls.PLACE_ANCHORS)))
