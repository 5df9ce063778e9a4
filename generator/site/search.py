"""Search: the segmenter's dictionary from the data, and the index refined after MkDocs writes it.

Material's search (lunr, in a web worker) reads site/search/search_index.json. The generator
- gives jieba a user dictionary: domain words, place names, glossary terms and every synonym
  (so 去世, 医保卡 stay whole wherever the text uses them);
- after the build, names the place in every section title of a jurisdiction page ("长沙 · 参保人死亡":
  twelve pages have a section called 参保人死亡), weighs the page's head and summary sections below
  its situation sections (PAGE_WIDE_BOOST), gives each inherited rule a small index-only entry
  (the page shows it, but its text repeats the parent's and is left out of the index: the entry says
  the place, the situation's question and the outcome), and applies the synonyms at index time: each
  entry gets the site's word for every synonym its title or text uses (提现 → 取现, 去世 → 死亡) in two
  extra fields weighted like title and text, so a section written with the reader's word is found by
  the site's word; an entry using one of the site's words that contains others (异地安置) gets the words
  inside it too (异地, 安置), as the index held them before such words were kept whole. Each place without
  a page of its own gets an entry at the address the finder uses for it. The synonym groups, those
  compounds and place names go into the index config, where
  site_overrides/assets/javascripts/workers/yibao-search.js reads them to rewrite queries the same way.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..export.words import compound_parts, search_dictionary, segmenter as _segmenter   # shared with the database
from ..model import KnowledgeBase, urls
from ..model.places import routes

INDEX = "search/search_index.json"
ZWSP = "\u200b"          # the word separator jieba's output uses in the index (mkdocs.yml `separator`)
SYNONYM_FIELDS = {"title": "title_syn", "text": "text_syn"}    # field → its field of the site's words
# What a place page says about all situations at once, its head (a title every place page shares,
# "…的钱能取出来吗？") and its summary sections (简要回答, 怎么办理, …), weighs less than the section on
# one situation: Material shows the page above its best section and folds away every section that
# scores below the best, so a query about one situation must find that situation's section best.
PAGE_WIDE_BOOST = 0.3
# A place without a page of its own weighs less than a page's own sections: 海南 is first the province
# with its own page, then 青海's 海南藏族自治州 (served by 青海's page), as in the home page's finder.
UNCOVERED_BOOST = 0.2
_TAGS = re.compile(r"<[^>]*>")


def _segment(tokenizer, text: str) -> str:
    return ZWSP.join(word for word in tokenizer.cut(text) if word.strip())


def _site_words(field: str, canonical: dict[str, str], parts: dict[str, list[str]]) -> str:
    """The site's word for each synonym the field uses, and the words inside each compound it uses
    (异地安置 → 异地 安置), unless the field already has them; in the order the field first uses them
    (never a set's order, which changes with the interpreter's hash seed)."""
    words = dict.fromkeys(re.split(r"[\s\u200b\-]+", _TAGS.sub(" ", field.lower())))
    added = []
    for word in words:
        for part in [word] + parts.get(word, []):
            added += [part] if part != word else []
            added += [canonical[part]] if part in canonical else []
    return ZWSP.join(dict.fromkeys(w for w in added if w not in words))


def _uncovered_entries(kb: KnowledgeBase, tokenizer) -> list[dict]:
    """One index-only entry per place without a page of its own, at the address the finder uses for it
    (the page serving it, which then names it at the top): a search for 成都 finds 四川's page. The
    address has no fragment: Material files a page's entry under its address without one."""
    entries = []
    for route in routes(kb):
        if route.covered:
            continue
        d, page = route.division, route.page
        province = kb.provincial_names.get(d.province, "")
        if route.via_national:
            said = f"{d.name}（{province}）还没有单独整理，{province}也还没有整理：请看{page.name}的规定。"
        else:
            said = f"{d.name}还没有单独整理：请看{page.name}的规定。"
        entries.append({"location": urls.place_url(page, d.adcode).split("#")[0], "title": _segment(tokenizer, d.name),
                        "text": _segment(tokenizer, said), "boost": UNCOVERED_BOOST})
    return entries


def refine_index(site: Path, kb: KnowledgeBase) -> None:
    """Rewrite site/search/search_index.json in place (see the module docstring)."""
    path = site / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    by_page: dict[str, list[dict]] = {}      # a page's entries: its head, then its sections (location page#id)
    for doc in docs:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc)
    for j in kb.jurisdictions.values():
        page = urls.url(urls.page(j))
        situations = {urls.url(urls.page(j), urls.rule_anchor(e.rule.id)) for e in kb.effective_rules(j)}
        for doc in by_page.get(page, ()):
            if "#" in doc["location"]:
                doc["title"] = f"{j.short_name} · {doc['title']}"
                if doc["location"] not in situations:
                    doc["boost"] = doc.get("boost", 1) * PAGE_WIDE_BOOST
            else:
                doc["boost"] = doc.get("boost", 1) * PAGE_WIDE_BOOST
    added = []
    tokenizer = _segmenter(search_dictionary(kb))
    for j in kb.jurisdictions.values():
        for e in kb.effective_rules(j):
            if e.inherited_from is None:
                continue
            location = urls.url(urls.page(j), urls.rule_anchor(e.rule.id))
            if location in by_location:
                continue
            origin = by_location.get(urls.url(urls.page(e.inherited_from), urls.rule_anchor(e.rule.id)))
            situation = origin["title"].split(" · ", 1)[-1] if origin else e.rule.situation.name
            # What the page shows above the parent's text: the place's question, the outcome as stated
            # everywhere (with its key condition, or that the local procedure is unknown), whose rule.
            said = (f"{j.short_name}：{e.rule.situation.question} 结果：{e.answer_line().text}。"
                    f"本条沿用{e.inherited_from.name}的规定。")
            added.append({"location": location, "title": f"{j.short_name} · {situation}",
                          "text": _segment(tokenizer, said)})
    # Each page's entries stay together, the page first: Material groups results by page. A place
    # without a page of its own is a page of its own to the search (its address has ?city=), after the rest.
    order = {doc["location"]: i for i, doc in enumerate(docs)}
    docs += added + _uncovered_entries(kb, tokenizer)
    docs.sort(key=lambda d: (order.get(d["location"].split("#")[0], len(order)), "#" in d["location"]))
    canonical = {word.lower(): group[0].lower() for group in kb.synonyms for word in group[1:]}
    parts = {word.lower(): [p.lower() for p in cut] for word, cut in compound_parts(kb).items()}
    for doc in docs:
        for field, extra in SYNONYM_FIELDS.items():
            words = _site_words(doc.get(field, ""), canonical, parts)
            if words:
                doc[extra] = words
    fields = index["config"]["fields"]
    for field, extra in SYNONYM_FIELDS.items():
        fields[extra] = dict(fields[field])
    index["config"]["synonyms"] = [list(group) for group in kb.synonyms]
    index["config"]["compounds"] = parts
    index["config"]["places"] = list(dict.fromkeys(j.short_name for j in kb.jurisdictions.values()))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
