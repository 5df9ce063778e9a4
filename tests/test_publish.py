"""Issue 15 for journalists and readers: licences, absolute links when site_url is set, the 404 page,
the glossary page and its cited terms."""
from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from helpers import ROOT, cached_site, edit, rendered_site

SITE_URL = "https://example.org/yibao/"


@pytest.fixture(scope="module")
def published():
    """The real data built with site_url set to a sub-path, as a deployment would."""
    return cached_site(SITE_URL)


def test_licences_are_stated(built, export):
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert export["license"]["id"] == "CC-BY-4.0"
    about = (built / "about/index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in about and "MIT" in about
    assert "CC BY 4.0" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_csv_has_quotes_and_source_titles(built, export):
    rows = list(csv.DictReader(io.StringIO((built / "api/v1/rules.csv").read_text(encoding="utf-8-sig"))))
    changsha = next(r for r in rows if r["jurisdiction_id"] == "changsha" and r["situation"] == "death")
    assert changsha["url"] == "hunan/changsha/#death"   # relative without site_url
    record = next(j for j in export["jurisdictions"] if j["id"] == "changsha")
    rule = next(r for r in record["rules"] if r["situation"] == "death")
    quotes = list(csv.DictReader(io.StringIO((built / "api/v1/citations.csv").read_text(encoding="utf-8-sig"))))
    cited = [q for q in quotes if (q["rule_jurisdiction_id"], q["situation"]) == (changsha["rule_jurisdiction_id"], "death")]
    assert [q["quote"] for q in cited] == [c["quote"] for c in rule["citations"]] and all(q["source_title"] for q in cited)


def test_exports_link_absolutely_when_site_url_is_set(data_copy):
    """rules.csv and the feeds (written by the generator) carry absolute links under the site's address."""
    edit(data_copy, "mkdocs.yml", 'site_url: ""', f'site_url: "{SITE_URL}"')
    site = rendered_site(data_copy)
    rows = list(csv.DictReader(io.StringIO((site / "api/v1/rules.csv").read_text(encoding="utf-8-sig"))))
    assert rows and all(r["url"].startswith(SITE_URL) and SITE_URL in r["cite_as"] for r in rows)
    assert all(r["compare_url"].startswith(SITE_URL) for r in rows if r["compare_url"])
    for feed_file in [site / "feed.xml", *sorted((site / "feeds").glob("*.xml"))]:
        hrefs = re.findall(r'href="([^"]*)"', feed_file.read_text(encoding="utf-8"))
        assert hrefs and all(h.startswith(SITE_URL) for h in hrefs), (feed_file.name, hrefs[:3])


@pytest.mark.exhaustive
def test_pages_link_absolutely_when_site_url_is_set(published):
    """What the site engine writes from site_url: the sitemap and each page's canonical link (and the
    exports of that whole build, as above)."""
    rows = list(csv.DictReader(io.StringIO((published / "api/v1/rules.csv").read_text(encoding="utf-8-sig"))))
    assert rows and all(r["url"].startswith(SITE_URL) for r in rows)
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert len(locs) > 20 and all(loc.startswith(SITE_URL) for loc in locs)
    page = (published / "hunan/changsha/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}hunan/changsha/">' in page


@pytest.mark.exhaustive
def test_404_works_under_a_sub_path(published):
    """Served for any missing address (/yibao/a/b/c/), every link and asset resolves under /yibao/."""
    page = (published / "404.html").read_text(encoding="utf-8")
    assert "没有找到这个页面" in page
    refs = re.findall(r'(?:href|src)="([^"#]+)"', page)
    local = [r for r in refs if not r.startswith(("http:", "https:", "data:", "mailto:"))]
    assert local and all(r.startswith("/yibao/") for r in local), [r for r in local if not r.startswith("/yibao/")]
    for target in ("/yibao/compare/", "/yibao/faq/", "/yibao/glossary/"):
        assert f'href="{target}"' in page


def test_glossary_page_lists_every_term_with_its_sources(built, kb):
    page = (built / "glossary/index.html").read_text(encoding="utf-8")
    data = yaml.safe_load((ROOT / "policies/glossary.yaml").read_text(encoding="utf-8"))
    assert len(kb.glossary) == len(data["terms"]) >= 10
    for term in kb.glossary:
        assert f'id="term-{term.id}"' in page
        assert term.editorial or term.citations
        for c in term.citations:
            assert c.quote.split()[0] in page          # quotes shown (escaped text, first line)
    assert "术语表" in (built / "index.html").read_text(encoding="utf-8")      # in the navigation
