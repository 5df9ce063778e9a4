"""Atom feeds of rule changes: feed.xml for the whole site, feeds/<id>.xml per jurisdiction.

Ids are tag: URIs built from the data only, so an entry keeps its id across
builds; `updated` is the newest change date, never the build time. site_url is
empty, so links are relative to the feed file (Atom resolves them against the
feed's own address).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .export import rule_anchor
from .history import Change, all_changes, changes_for
from .model import Jurisdiction, KnowledgeBase

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
TAG = "tag:yibao-quxian,2026:"
SITE_TITLE = "医保个人账户取现查询"
CHANGES_URL = "changes/"


def feed_path(j: Jurisdiction) -> str:
    return f"feeds/{j.id}.xml"


def timestamp(day: str) -> str:
    """'2025-07-10' (or '2025-07', '2025') → an RFC 3339 time at the start of that day, China time."""
    parts = (day.split("-") + ["01", "01"])[:3]
    return "-".join(parts) + "T00:00:00+08:00"


def _link(here: str, target: str) -> str:
    """Site-relative target as seen from the feed file at `here` (both relative to the site root)."""
    return "../" * here.count("/") + target


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def entry_title(change: Change) -> str:
    prefix = f"{change.jurisdiction.short_name} · {change.rule.situation.name}："
    if change.before_outcome == change.after_outcome:
        return f"{prefix}规定有变化（结果仍为{change.after_outcome.name}）"
    return f"{prefix}{change.before_outcome.name} → {change.after_outcome.name}"


def _entry(feed: ET.Element, change: Change, here: str) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", f"{TAG}change/{change.key}")
    _text(entry, "title", entry_title(change))
    _text(entry, "updated", timestamp(change.date))
    target = f"{change.jurisdiction.page_path}#{rule_anchor(change.rule.id)}"
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": _link(here, target)})
    sources = "；".join(c.source.title + (f"（{c.source.document_number}）" if c.source.document_number else "")
                       for c in change.citations)
    _text(entry, "summary", f"{change.date} 起，{change.jurisdiction.name}“{change.rule.situation.name}”的规定："
                            f"以前：{change.before_summary} 现在：{change.after_summary} 依据：{sources}",
          type="text")


def atom(kb: KnowledgeBase, changes: list[Change], here: str, feed_id: str, title: str) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _text(feed, "id", TAG + feed_id)
    _text(feed, "title", title)
    # Deterministic: the newest change, or the newest check of the data when nothing changed yet.
    newest = changes[0].date if changes else max(j.last_verified for j in kb.jurisdictions.values())
    _text(feed, "updated", timestamp(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", SITE_TITLE)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                             "href": _link(here, CHANGES_URL)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": _link(here, here)})
    for change in changes:
        _entry(feed, change, here)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_files(kb: KnowledgeBase) -> dict[str, str]:
    files = {FEED_PATH: atom(kb, all_changes(kb), FEED_PATH, "changes", f"{SITE_TITLE}：最近变化")}
    for j in kb.jurisdictions.values():
        files[feed_path(j)] = atom(kb, changes_for(kb, j), feed_path(j), f"changes/{j.id}",
                                   f"{SITE_TITLE}：{j.name}的规定变化")
    return files
