"""Atom feeds of rule changes: feed.xml for the whole site, feeds/<id>.xml per jurisdiction.

Ids are tag: URIs built from the data only, so an entry keeps its id across
builds; `updated` is the newest change date, never the build time. Links are
absolute when mkdocs.yml sets site_url; otherwise relative to the feed file (Atom
resolves them against the feed's own address).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import KnowledgeBase, urls
from ..model.history import Change, StatusMark, all_changes, changes_for, status_marks, status_marks_for
from ..model.vocabulary import STATUS_TEXT

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:yibao-quxian,2026:"


def timestamp(day: str) -> str:
    """'2025-07-10' (or '2025-07', '2025') → an RFC 3339 time at the start of that day, China time."""
    parts = (day.split("-") + ["01", "01"])[:3]
    return "-".join(parts) + "T00:00:00+08:00"


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def entry_title(change: Change) -> str:
    prefix = f"{change.jurisdiction.short_name} · {change.rule.situation.name}："
    if change.before_outcome == change.after_outcome:
        return f"{prefix}规定有变化（结果仍为{change.after_outcome.name}）"
    return f"{prefix}{change.before_outcome.name} → {change.after_outcome.name}"


def _link(here: str, target: str, anchor: str | None, site_url: str) -> str:
    """Absolute under site_url when it is set; otherwise relative to the feed file."""
    return urls.absolute(site_url, urls.url(target, anchor)) if site_url else urls.href(here, target, anchor)


def _entry(feed: ET.Element, change: Change, here: str, site_url: str = "") -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", f"{TAG}change/{change.key}")
    _text(entry, "title", entry_title(change))
    _text(entry, "updated", timestamp(change.date))
    target = _link(here, urls.page(change.jurisdiction), urls.rule_anchor(change.rule.id), site_url)
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": target})
    sources = "；".join(c.describe("title") for c in change.citations)
    _text(entry, "summary", f"{change.date} 起，{change.jurisdiction.name}“{change.rule.situation.name}”的规定："
                            f"以前：{change.before_summary} 现在：{change.after_summary} 依据：{sources}",
          type="text")


def _status_entry(feed: ET.Element, mark: StatusMark, here: str, site_url: str = "") -> None:
    """A rule marked 可能已过时 / 说法矛盾: its own entry, dated by the rule's last check."""
    rule, word = mark.rule, STATUS_TEXT[mark.rule.status]
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", f"{TAG}status/{mark.key}")
    words = rule.answer_line().words(status=False)    # the entry says the status word itself
    _text(entry, "title", f"{mark.jurisdiction.short_name} · {rule.situation.name}：{words}（证据 {rule.evidence}），"
                          f"标为{word}")
    _text(entry, "updated", timestamp(mark.date))
    target = _link(here, urls.page(mark.jurisdiction), urls.rule_anchor(rule.id), site_url)
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": target})
    _text(entry, "summary", f"{mark.jurisdiction.name}“{rule.situation.name}”的规定：{words}；证据 {rule.evidence}。"
                            f"标为{word}：{rule.status_reason} 最后核对：{rule.last_verified}。",
          type="text")


def atom(kb: KnowledgeBase, changes: list[Change], here: str, feed_id: str, title: str, site_title: str,
         site_url: str = "", marks: list[StatusMark] = ()) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _text(feed, "id", TAG + feed_id)
    _text(feed, "title", title)
    _text(feed, "subtitle", f"数据版本 {kb.edition.label}")
    # Deterministic: the newest change, or the newest check of the data when nothing changed yet.
    entries = sorted([(c.date, _entry, c) for c in changes] + [(m.date, _status_entry, m) for m in marks],
                     key=lambda e: e[0], reverse=True)      # stable: changes before marks of the same day
    newest = entries[0][0] if entries else max(j.last_verified for j in kb.jurisdictions.values() if j.last_verified)
    _text(feed, "updated", timestamp(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site_title)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                             "href": _link(here, urls.CHANGES, None, site_url)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": _link(here, here, None, site_url)})
    for _, write, item in entries:
        write(feed, item, here, site_url)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_files(kb: KnowledgeBase, site_title: str, site_url: str = "") -> dict[str, str]:
    """site_title: the site's name as mkdocs.yml gives it (the one home of the title); site_url likewise."""
    files = {urls.FEED: atom(kb, all_changes(kb), urls.FEED, "changes", f"{site_title}：最近变化", site_title,
                             site_url, status_marks(kb))}
    for j in kb.jurisdictions.values():
        files[urls.feed(j)] = atom(kb, changes_for(kb, j), urls.feed(j), f"changes/{j.id}",
                                   f"{site_title}：{j.name}的规定变化", site_title, site_url, status_marks_for(kb, j))
    return files
