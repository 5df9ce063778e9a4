"""Machine-readable files placed in the site: api/v1/policies.json, rules.csv, citations.csv, yibao.sqlite,
schema.json, Atom feeds.

policies   the JSON contract, and everything built from the same records
tables     rules.csv (every place × every situation) and citations.csv (rule × citation)
database   yibao.sqlite (the same rows as tables, with foreign keys and a full-text index) and its metadata
feeds      feed.xml for the whole site and feeds/<id>.xml per jurisdiction
places     places.json: every prefecture-level place and the page serving it
"""
from __future__ import annotations

from ..model import KnowledgeBase, urls
from .feeds import feed_files
from .places import places_json
from .policies import data_files


def export_files(kb: KnowledgeBase, site_title: str, site_url: str = "") -> dict[str, str | bytes]:
    """{file inside docs/: text} for every export; links are absolute when mkdocs.yml sets site_url."""
    return {**data_files(kb, site_title, site_url), **feed_files(kb, site_title, site_url), urls.PLACES: places_json(kb)}
