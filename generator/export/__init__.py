"""Machine-readable files placed in the site: api/v1/policies.json, rules.csv, schema.json, Atom feeds.

policies   the JSON contract and the CSV, from the same records
feeds      feed.xml for the whole site and feeds/<id>.xml per jurisdiction
places     places.json: every prefecture-level place and the page serving it
"""
from __future__ import annotations

from ..model import KnowledgeBase, urls
from .feeds import feed_files
from .places import places_json
from .policies import data_files


def export_files(kb: KnowledgeBase, site_title: str) -> dict[str, str]:
    """{file inside docs/: text} for every export."""
    return {**data_files(kb), **feed_files(kb, site_title), urls.PLACES: places_json(kb)}
