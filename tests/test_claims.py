"""网传说法核查: the register on the real data, the built pages, and bad claims."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, VERDICTS as MODEL, assert_reported, line_of, load, page_file, parse, problems

CLAIMS = "policies/claims.yaml"
VERDICTS = {"属实", "部分属实", "无依据", "与规定不符"}


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _seed_dir() -> Path | None:
    """The two seed articles live beside the repository (../shared/seeds from main)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared/seeds").is_dir():
            return base / "shared/seeds"
    return None


# -- the register on the real data ------------------------------------------------------

def test_both_seed_articles_are_checked_with_cited_verdicts(export):
    sources = {s["id"] for s in export["sources"]}
    jurisdictions = {j["id"] for j in export["jurisdictions"]}
    seeds = [c for c in export["claims"] if c["seen_in"]["title"] == "网络文章"]
    assert {"changsha", "xuchang"} <= {c["jurisdiction"] for c in seeds}
    for claim in export["claims"]:
        assert claim["jurisdiction"] in jurisdictions, claim["id"]
        assert claim["verdict"] in VERDICTS, claim["id"]
        assert claim["reasoning"].strip(), claim["id"]
        assert claim["citations"], claim["id"]
        for citation in claim["citations"]:
            assert citation["source"] in sources, (claim["id"], citation)
            assert citation["quote"].strip(), claim["id"]
    for claim in seeds:
        assert claim["seen_in"]["url"] is None, "the seed articles have no address: none may be invented"
    by_text = {c["claim"]: c for c in seeds}
    retire = [c for t, c in by_text.items() if "法定退休年龄" in t and "一次性取出" in t]
    emergency = [c for t, c in by_text.items() if "突发重大疾病" in t]
    assert retire and retire[0]["jurisdiction"] == "changsha"
    assert retire[0]["verdict"] in {"与规定不符", "无依据"}
    assert emergency and emergency[0]["jurisdiction"] == "xuchang"
    assert emergency[0]["verdict"] == "无依据"


def test_seed_claims_are_brief_exact_quotes():
    seeds = _seed_dir()
    if seeds is None:
        pytest.skip("seed articles not present beside this checkout")
    articles = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    register = yaml.safe_load((ROOT / CLAIMS).read_text(encoding="utf-8"))["claims"]
    quoted = [c for c in register if c["seen_in"]["title"] == "网络文章"]
    assert quoted
    for claim in quoted:
        assert claim["claim"] in articles, f"{claim['id']}: not copied exactly from a seed article"
        assert len(claim["claim"]) <= 60, claim["id"]


def test_schema_verdicts_match_the_model():
    schema = json.loads((ROOT / "policies/schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["claim"]["properties"]["verdict"]["enum"]) == set(MODEL) == VERDICTS


# -- the built site ------------------------------------------------------------------------

def test_claims_page_has_an_anchor_per_claim_labelled_with_its_verdict(built, export):
    page = (built / "claims/index.html").read_text(encoding="utf-8")
    ids = parse(built / "claims/index.html").ids
    assert "class=\"grade" not in page, "claims are not rules: no evidence badge"
    for claim in export["claims"]:
        url, anchor = claim["url"].split("#")
        assert url == "claims/" and anchor in ids, claim["url"]
        start = page.index(f'id="{anchor}"')
        ends = [i for i in (page.find("<h3", start), page.find("<h2", start), page.find("</article>", start)) if i != -1]
        raw = page[start: min(ends)]
        section = _text(raw)
        assert "<p><strong>核查结论：</strong>" in raw, f"{claim['id']}: the verdict starts its own paragraph"
        assert "网传" in section and claim["claim"] in section
        assert f"核查结论：{claim['verdict']}" in section, claim["id"]
        assert claim["reasoning"] in section
        assert "\\" not in section, "Markdown escapes must not leak into the page"
        if claim["seen_in"]["url"]:
            assert claim["seen_in"]["url"] in section


def test_city_boxes_link_to_existing_claim_anchors(built, export):
    claim_ids = parse(built / "claims/index.html").ids
    about: dict[str, set[str]] = {}
    for claim in export["claims"]:
        about.setdefault(claim["jurisdiction"], set()).add(claim["url"].split("#")[1])
    assert about
    for j in export["jurisdictions"]:
        page = parse(page_file(built, j["url"]))
        linked = {link.split("#")[1] for link in page.links if re.search(r"(^|/)claims/#", link)}
        assert linked <= claim_ids, j["id"]
        assert linked == about.get(j["id"], set()), j["id"]
        assert ("claims" in page.ids) == (j["id"] in about), j["id"]


def test_a_claim_never_appears_among_the_rules(built, export):
    for j in export["jurisdictions"]:
        page = page_file(built, j["url"]).read_text(encoding="utf-8")
        # The answer cards and the rules' sections, up to 来源和核查记录, where the claims are (folded).
        rules = _text(page[page.index('id="rules"'):page.index('id="about-sources"')])
        box = _text(page[page.index('id="about-sources"'):])
        for claim in export["claims"]:
            assert claim["claim"] not in rules, (j["id"], claim["id"])
            if claim["jurisdiction"] == j["id"]:
                assert claim["claim"] in box and "不是规定" in box, (j["id"], claim["id"])
        assert "网传" not in rules, j["id"]


# -- bad claims: FILE:LINE: field: message, exit 1 -------------------------------------------

BAD_CLAIM = """
  - id: test-bad-claim
    jurisdiction: changsha
    claim: 测试用的网传说法
    seen_in:
      title: 网络文章
    verdict: 无依据
    reasoning: 测试用的理由。
    citations:
      - source: social-insurance-law
        quote: 个人账户不得提前支取
"""


def _append_bad_claim(root: Path, old: str, new: str) -> tuple[Path, int]:
    path = root / CLAIMS
    index = len(yaml.safe_load(path.read_text(encoding="utf-8"))["claims"])
    assert old in BAD_CLAIM
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + BAD_CLAIM.replace(old, new),
                    encoding="utf-8")
    return path, index


@pytest.mark.parametrize("old, new, needle, field, message", [
    ("jurisdiction: changsha", "jurisdiction: changsah", "jurisdiction: changsah", "jurisdiction", "`changsha`"),
    ("source: social-insurance-law", "source: social-insurance", "source: social-insurance\n", "citations[0].source", "找不到来源"),
    ("reasoning: 测试用的理由。", "reasoning: '  '", "reasoning: '  '", "reasoning", "不能为空"),
    ("verdict: 无依据", "verdict: 谣言", "verdict: 谣言", "verdict", "只能填"),
    ("claim: 测试用的网传说法", "claim: " + "很长" * 31, "claim: 很长", "claim", "最多 60 个字"),
    ("id: test-bad-claim", "id: changsha-retirement-lump-sum", "id: changsha-retirement-lump-sum", "id", "重复"),
    ("    citations:\n      - source: social-insurance-law\n        quote: 个人账户不得提前支取\n", "    citations: []\n",
     "citations: []", "citations", "至少要有一项"),
    ("    seen_in:\n      title: 网络文章\n", "    seen_in:\n      title: 网络文章\n      date: 2099-01-01\n",
     "date: 2099-01-01", "seen_in.date", "未来"),
])
def test_bad_claim_is_reported_with_file_line_and_field(data_copy, old, new, needle, field, message):
    path, index = _append_bad_claim(data_copy, old, new)
    occurrence = path.read_text(encoding="utf-8").count(needle.strip("\n"))
    assert_reported(data_copy, CLAIMS, line_of(path, needle.strip("\n"), occurrence),
                    f"claims[{index}].{field}", message)


def test_claims_file_is_optional_and_never_read_as_a_jurisdiction(data_copy):
    kb = load(data_copy)
    assert kb.claims and "claims" not in kb.jurisdictions
    (data_copy / CLAIMS).unlink()
    kb = load(data_copy)
    assert kb.claims == []


def test_a_broken_claims_file_stops_the_build(data_copy):
    (data_copy / CLAIMS).write_text("claims:\n  - id: x\n\tbad\n", encoding="utf-8")
    found = problems(data_copy)
    assert any(p["file"] == CLAIMS for p in found)


def test_one_malformed_claim_does_not_hide_problems_in_the_others(data_copy):
    path, index = _append_bad_claim(data_copy, "verdict: 无依据", "verdict: 谣言")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + BAD_CLAIM.replace("id: test-bad-claim", "id: test-bad-claim-2")
                    .replace("jurisdiction: changsha", "jurisdiction: nowhere"), encoding="utf-8")
    found = problems(data_copy)
    assert any(p["field"] == f"claims[{index}].verdict" for p in found), found
    assert any(p["field"] == f"claims[{index + 1}].jurisdiction" and "nowhere" in p["message"] for p in found), found


def _claim_reviews(html_text: str) -> list[dict]:
    """Every ClaimReview in the page's JSON-LD scripts (parsed with json: escaping must leave valid JSON)."""
    found = []
    for body in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html_text, re.S):
        assert "<" not in body and ">" not in body        # escaped like the FAQ JSON-LD: data cannot end the element
        document = json.loads(body)
        assert document.get("@context", "https://schema.org") == "https://schema.org"
        found += [n for n in document.get("@graph", [document]) if n.get("@type") == "ClaimReview"]
    return found


def _valid_review(review: dict, claim: dict, site_name: str) -> None:
    assert review["claimReviewed"] == claim["claim"]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == claim["verdict"] in MODEL
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if claim["seen_in"]["url"]:
        assert item["appearance"]["url"] == claim["seen_in"]["url"]
    else:
        assert "appearance" not in item
    assert review["author"] == {"@type": "Organization", "name": site_name}


def test_every_verdict_is_claim_review_markup(built, export):
    """Claims page: one ClaimReview per verdict; a place's 网传说法 box: one per claim about it."""
    site_name = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    reviews = _claim_reviews((built / "claims/index.html").read_text(encoding="utf-8"))
    assert len(reviews) == len(export["claims"]) > 0
    by_text = {c["claim"]: c for c in export["claims"]}          # the page lists them by place, in display order
    assert sorted(r["claimReviewed"] for r in reviews) == sorted(by_text)
    for review in reviews:
        _valid_review(review, by_text[review["claimReviewed"]], site_name)
    assert any("appearance" in r["itemReviewed"] for r in reviews)
    for j in export["jurisdictions"]:
        about = [c for c in export["claims"] if c["jurisdiction"] == j["id"]]
        boxed = _claim_reviews(page_file(built, j["url"]).read_text(encoding="utf-8"))
        assert len(boxed) == len(about), j["id"]
        for review, claim in zip(boxed, about):
            _valid_review(review, claim, site_name)
