"""site/api/v1/yibao.sqlite — the data as SQLite tables, for sqlite3, DuckDB or Datasette (`make explore`).

Built from the same records as policies.json (the document) and rules.csv / citations.csv (the rows):
no second reading of the YAML, no second idea of what a rule is. Tables (described column by column
in METADATA, shipped beside the database as yibao.metadata.json for Datasette):

  jurisdictions  the places with a file (national, provinces, municipalities, cities)
  places         every prefecture-level place of the official list, and the jurisdiction serving it
  situations, outcomes   the vocabulary
  rules          one row per rule where it is written (jurisdiction × situation)
  answers        the complete grid: every jurisdiction × every situation (= rules.csv, the rule text kept
                 once in rules and statements)
  statements     what a rule says, one row per condition / material / step / place / time limit …
  sources, citations     the sources, and each rule's citations in footnote order (= citations.csv)
  research       the research log (我们查过什么)
  claims, claim_citations   circulating claims and the sources of each verdict
  changes        rule changes, newest first
  search         FTS5 over quotes, statements, summaries and claims, the Chinese cut into words by
                 jieba with the site's search dictionary (words.py): query it with words separated by
                 spaces, e.g. `SELECT * FROM search WHERE search MATCH '继承'`
  meta           data version, licence, schema version

Deterministic: the same data gives the same bytes (fixed insert order, VACUUM, no timestamps).
"""
from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from ..model import KnowledgeBase, urls
from ..model.places import routes
from ..model.vocabulary import CLASS_TEXT, DATA_LICENSE
from .places import place_records
from .tables import CITATION_FIELDS, GRID_FIELDS, written_rules
from .words import search_dictionary, words

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE situations (id TEXT PRIMARY KEY, name TEXT NOT NULL, question TEXT NOT NULL, sort_order INTEGER NOT NULL);
CREATE TABLE outcomes (id TEXT PRIMARY KEY, name TEXT NOT NULL, short TEXT NOT NULL, cash TEXT NOT NULL);
CREATE TABLE jurisdictions (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, level TEXT NOT NULL,
  parent TEXT REFERENCES jurisdictions(id), province TEXT REFERENCES jurisdictions(id),
  last_verified TEXT, url TEXT NOT NULL);
CREATE TABLE places (
  adcode TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, pinyin TEXT NOT NULL, kind TEXT NOT NULL,
  province TEXT, covered INTEGER NOT NULL, jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
  page TEXT NOT NULL);
CREATE TABLE sources (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, class TEXT NOT NULL, class_name TEXT NOT NULL, issuer TEXT,
  document_number TEXT, issued TEXT, url TEXT, official_copy INTEGER NOT NULL, retrieved TEXT, grade TEXT NOT NULL,
  defined_in TEXT);
CREATE TABLE rules (
  jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id), situation TEXT NOT NULL REFERENCES situations(id),
  outcome TEXT NOT NULL REFERENCES outcomes(id), key_condition TEXT, summary TEXT NOT NULL, evidence TEXT NOT NULL,
  status TEXT NOT NULL, status_reason TEXT, effective_from TEXT, last_verified TEXT NOT NULL, as_of TEXT,
  url TEXT NOT NULL,
  PRIMARY KEY (jurisdiction_id, situation));
CREATE TABLE answers (
  {answers},
  PRIMARY KEY (jurisdiction_id, situation),
  FOREIGN KEY (jurisdiction_id) REFERENCES jurisdictions(id),
  FOREIGN KEY (situation) REFERENCES situations(id),
  FOREIGN KEY (rule_jurisdiction_id, situation) REFERENCES rules(jurisdiction_id, situation));
CREATE TABLE statements (
  id INTEGER PRIMARY KEY, rule_jurisdiction_id TEXT NOT NULL, situation TEXT NOT NULL, kind TEXT NOT NULL,
  position INTEGER NOT NULL, text TEXT NOT NULL, citations TEXT NOT NULL,
  FOREIGN KEY (rule_jurisdiction_id, situation) REFERENCES rules(jurisdiction_id, situation));
CREATE TABLE citations (
  {citations},
  PRIMARY KEY (rule_jurisdiction_id, situation, position),
  FOREIGN KEY (rule_jurisdiction_id, situation) REFERENCES rules(jurisdiction_id, situation),
  FOREIGN KEY (source_id) REFERENCES sources(id));
CREATE TABLE research (
  id INTEGER PRIMARY KEY, jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id), date TEXT NOT NULL,
  searched TEXT NOT NULL, result TEXT NOT NULL, situations TEXT);
CREATE TABLE claims (
  id TEXT PRIMARY KEY, jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
  situation TEXT REFERENCES situations(id), outcome TEXT REFERENCES outcomes(id), claim TEXT NOT NULL,
  seen_in_title TEXT, seen_in_date TEXT, seen_in_url TEXT, verdict TEXT NOT NULL, reasoning TEXT NOT NULL,
  url TEXT NOT NULL);
CREATE TABLE claim_citations (
  claim_id TEXT NOT NULL REFERENCES claims(id), position INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id), locator TEXT, quote TEXT NOT NULL,
  PRIMARY KEY (claim_id, position));
CREATE TABLE changes (
  id INTEGER PRIMARY KEY, date TEXT NOT NULL, jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
  situation TEXT NOT NULL REFERENCES situations(id),
  before_outcome TEXT REFERENCES outcomes(id), before_summary TEXT,
  after_outcome TEXT REFERENCES outcomes(id), after_summary TEXT, url TEXT NOT NULL);
CREATE VIRTUAL TABLE search USING fts5(
  words, text UNINDEXED, kind UNINDEXED, jurisdiction_id UNINDEXED, situation UNINDEXED, source_id UNINDEXED,
  tokenize = 'unicode61');
"""

INTEGER_COLUMNS = {"how_unknown", "position", "official_copy"}
# rules.csv repeats a rule's text on every row that inherits it; the database keeps it once, in rules and
# statements, and the answers table holds the rest of each row.
RULE_TEXT = ("summary", "conditions", "materials", "steps", "where", "time_limit")
ANSWER_FIELDS = [f for f in GRID_FIELDS if f not in RULE_TEXT]

# Datasette metadata: one description per table and per column (the README says the same in prose).
TABLES = {
    "meta": ("数据版本、许可与格式版本", {"key": "名称", "value": "值"}),
    "situations": ("情形（词表）", {"id": "情形标识", "name": "情形名称", "question": "问题", "sort_order": "在问题里的顺序"}),
    "outcomes": ("结果（词表）", {"id": "结果标识", "name": "结果", "short": "简称（对比表用）",
                              "cash": "能不能取出：能 / 视情况 / 不能 / 未查明"}),
    "jurisdictions": ("有数据文件的地区：全国、省、直辖市、城市", {
        "id": "地区标识", "name": "名称", "short_name": "简称", "level": "级别：national / province / municipality / city",
        "parent": "上级地区", "province": "所属省级单位（省、直辖市；全国为自身）", "last_verified": "最后核对日期",
        "url": "本站页面（相对网站根目录）"}),
    "places": ("全部地级行政区与直辖市（官方行政区划代码），以及为它提供页面的地区", {
        "adcode": "行政区划代码", "name": "名称", "short_name": "简称", "pinyin": "拼音（无声调）",
        "kind": "类别（地级市、地区、自治州、盟、直辖市）", "province": "本站的省级标识",
        "covered": "1 = 有自己的页面", "jurisdiction_id": "提供页面的地区（自己、所在省或全国）", "page": "页面"}),
    "sources": ("来源", {
        "id": "来源标识", "title": "标题", "class": "类别：official / media / third-party", "class_name": "类别（官方 / 媒体 / 第三方）",
        "issuer": "发布机关", "document_number": "文号", "issued": "发布日期", "url": "网址",
        "official_copy": "1 = 读自官方网址", "retrieved": "读取日期", "grade": "这个来源单独能给的证据等级",
        "defined_in": "在哪个地区文件里定义"}),
    "rules": ("规定：每条是一个地区写下的一种情形的规定（沿用的规定见 answers）", {
        "jurisdiction_id": "写下这条规定的地区", "situation": "情形", "outcome": "结果", "key_condition": "关键条件",
        "summary": "一句话摘要", "evidence": "证据等级 A / B / C（C = 只有第三方说法，待核实）",
        "status": "时效：current / possibly-outdated（可能已过时）/ disputed（说法矛盾）", "status_reason": "时效说明",
        "effective_from": "生效日期", "last_verified": "最后核对日期", "as_of": "所引来源中最新的发布日期",
        "url": "本站页面上的这条规定"}),
    "answers": ("完整的表：每个地区 × 每种情形一行，与 rules.csv 相同，只是规定的正文（摘要、条件、材料、步骤、办理地点、时限）"
                "不重复：按 rule_jurisdiction_id + situation 连接 rules 和 statements", {}),
    "statements": ("规定的内容，一行一项", {
        "id": "序号", "rule_jurisdiction_id": "写下规定的地区", "situation": "情形",
        "kind": "种类：condition 条件、material 材料、step 步骤、where 办理地点、time_limit 时限、proxy 代办、payout 支付方式、"
                "fees 费用、key_condition 关键条件、note 说明",
        "position": "在同类中的顺序（从 1 起）", "text": "内容", "citations": "依据：这条规定的第几条引用（JSON 列表，从 1 起）"}),
    "citations": ("每条规定的引用：一行一条（与 citations.csv 相同）", {}),
    "research": ("查找记录（我们查过什么）", {
        "id": "序号", "jurisdiction_id": "地区", "date": "查找日期", "searched": "查了什么", "result": "结果",
        "situations": "涉及的情形（逗号分隔；空 = 全部情形）"}),
    "claims": ("网传说法核查（不是规定）", {
        "id": "标识", "jurisdiction_id": "地区", "situation": "说法讲的情形", "outcome": "说法声称的结果",
        "claim": "原话摘录", "seen_in_title": "在哪里看到", "seen_in_date": "日期", "seen_in_url": "网址",
        "verdict": "结论：属实 / 部分属实 / 无依据 / 与规定不符", "reasoning": "理由", "url": "本站页面"}),
    "claim_citations": ("网传说法核查的依据", {"claim_id": "说法", "position": "顺序", "source_id": "来源",
                                           "locator": "条款位置", "quote": "原文摘录"}),
    "changes": ("规定变化（最新在前）", {
        "id": "序号", "date": "变化日期", "jurisdiction_id": "地区", "situation": "情形",
        "before_outcome": "原来的结果", "before_summary": "原来的摘要", "after_outcome": "现在的结果",
        "after_summary": "现在的摘要", "url": "本站页面"}),
    "search": ("全文索引（FTS5）：中文已用 jieba 分词，词与词之间是空格；查询也要分好词，例如 MATCH '继承' 或 MATCH '个人账户 继承'", {
        "words": "分好词的文本（查询这一列）", "text": "原文", "kind": "quote 引文、statement 规定内容、summary 摘要、claim 网传说法",
        "jurisdiction_id": "地区", "situation": "情形", "source_id": "来源（引文）"}),
}
# The two tables that are the CSV files: the README documents each CSV column; the database says the same.
GRID_DESCRIPTIONS = {
    "jurisdiction_id": "地区标识", "jurisdiction_name": "地区名称", "level": "级别", "parent": "上级地区",
    "province": "所属省级单位", "province_name": "所属省级单位名称", "situation": "情形", "situation_name": "情形名称",
    "answer_kind": "own 本地规定 / inherited 沿用上级 / researched 查过，未找到 / missing 未整理",
    "answer_kind_name": "同上，中文", "answer": "网站上的回答（带关键条件）", "outcome": "结果标识", "outcome_name": "结果",
    "cash": "能 / 视情况 / 不能 / 未查明", "key_condition": "关键条件", "evidence": "证据等级 A / B / C",
    "status": "current / possibly-outdated / disputed", "status_name": "现行 / 可能已过时 / 说法矛盾",
    "status_reason": "时效说明", "how_unknown": "1 = 沿用的规定没写本地怎么办理", "rule_jurisdiction_id": "规定写在哪个地区",
    "inherited_from": "沿用自哪个地区", "inherited_from_name": "沿用自（名称）", "summary": "摘要",
    "effective_from": "生效日期", "last_verified": "最后核对日期（没有规定时：最近一次查找日期）",
    "conditions": "条件（; 分隔）", "materials": "申请材料", "steps": "办理步骤", "where": "在哪里办", "time_limit": "时限",
    "source_ids": "来源标识（; 分隔，详见 citations）", "url": "本站页面", "compare_url": "各地怎么办页面上的这一行",
    "cite_as": "引用本条的文字", "data_version": "数据版本"}
CITATION_DESCRIPTIONS = {
    "rule_jurisdiction_id": "写下规定的地区", "rule_jurisdiction_name": "地区名称", "situation": "情形",
    "position": "第几条引用（页面上的脚注号）", "source_id": "来源标识", "source_title": "来源标题",
    "source_class": "official / media / third-party", "source_class_name": "官方 / 媒体 / 第三方", "issuer": "发布机关",
    "document_number": "文号", "issued": "发布日期", "source_url": "来源网址", "official_copy": "1 = 读自官方网址",
    "locator": "条款位置", "quote": "原文摘录", "rule_url": "本站页面上的这条规定", "data_version": "数据版本"}


def _columns(fields: list[str], descriptions: dict) -> str:
    assert set(fields) == set(descriptions), set(fields) ^ set(descriptions)     # every column described
    return ", ".join(f'"{f}" {"INTEGER" if f in INTEGER_COLUMNS else "TEXT"}' for f in fields)


def metadata(site_name: str, kb: KnowledgeBase) -> dict:
    tables = {}
    for name, (description, columns) in TABLES.items():
        if name == "answers":
            columns = {f: GRID_DESCRIPTIONS[f] for f in ANSWER_FIELDS}
        elif name == "citations":
            columns = CITATION_DESCRIPTIONS
        tables[name] = {"description": description, "columns": columns}
    tables["search"]["searchmode"] = "raw"
    return {
        "title": site_name,
        "description": f"职工医保个人账户取现规定的数据（数据版本 {kb.edition.label}）。中文全文检索：在 search 表里用分好词的词查询。",
        "license": "CC BY 4.0", "license_url": DATA_LICENSE["url"],
        "source": site_name,
        "databases": {"yibao": {"tables": tables}},
    }


def metadata_json(site_name: str, kb: KnowledgeBase) -> str:
    return json.dumps(metadata(site_name, kb), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _insert(db: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    fields = list(rows[0])
    db.executemany(f'INSERT INTO {table} ({", ".join(chr(34) + f + chr(34) for f in fields)}) '
                   f'VALUES ({", ".join("?" * len(fields))})', [[row[f] for f in fields] for row in rows])


def _statements(rules) -> list[dict]:
    rows = []
    for j, r in rules:
        items = [("condition", s) for s in r.conditions] + [("material", s) for s in r.materials]
        items += [("step", s) for s in r.steps]
        items += [("where", p) for p in r.where]
        items += [(kind, s) for kind, s in (("time_limit", r.time_limit), ("proxy", r.proxy), ("payout", r.payout),
                                            ("fees", r.fees), ("key_condition", r.key_condition)) if s]
        counts: dict[str, int] = {}
        for kind, s in items:
            counts[kind] = counts.get(kind, 0) + 1
            text = s.text if hasattr(s, "text") else f"{s.type}：{s.name}" + (f"（{s.note}）" if s.note else "")
            rows.append({"rule_jurisdiction_id": j.id, "situation": r.id, "kind": kind, "position": counts[kind],
                         "text": text, "citations": json.dumps(list(s.cites))})
        for n, note in enumerate(r.notes, 1):
            rows.append({"rule_jurisdiction_id": j.id, "situation": r.id, "kind": "note", "position": n,
                         "text": note, "citations": "[]"})
    return rows


def _fill(db: sqlite3.Connection, kb: KnowledgeBase, document: dict, grid: list[dict], citations: list[dict]) -> None:
    edition = kb.edition
    _insert(db, "meta", [{"key": k, "value": v} for k, v in (
        ("data_version", edition.label), ("data_date", edition.date), ("commit", edition.commit),
        ("license", DATA_LICENSE["id"]), ("license_url", DATA_LICENSE["url"]),
        ("schema_version", str(document["schema_version"])))])
    _insert(db, "situations", [{"id": s.id, "name": s.name, "question": s.question, "sort_order": s.order}
                               for s in kb.situations])
    _insert(db, "outcomes", [{"id": o.id, "name": o.name, "short": o.short, "cash": o.cash} for o in kb.outcomes])
    _insert(db, "jurisdictions", [{"id": j["id"], "name": j["name"], "short_name": kb.jurisdictions[j["id"]].short_name,
                                   "level": j["level"], "parent": j["parent"],
                                   "province": kb.group_of(kb.jurisdictions[j["id"]]).id,
                                   "last_verified": j["last_verified"], "url": j["url"]}
                                  for j in document["jurisdictions"]])
    _insert(db, "places", [{**{k: p[k] for k in ("adcode", "name", "short_name", "pinyin", "kind", "province")},
                            "covered": int(p["covered"]), "jurisdiction_id": route.page.id, "page": p["page"]}
                           for p, route in zip(place_records(kb), routes(kb))])
    _insert(db, "sources", [{"id": s["id"], "title": s["title"], "class": s["class"],
                             "class_name": CLASS_TEXT[s["class"]], "issuer": s["issuer"],
                             "document_number": s["document_number"], "issued": s["issued"], "url": s["url"],
                             "official_copy": int(s["official_copy"]), "retrieved": s["retrieved"],
                             "grade": kb.sources[s["id"]].grade, "defined_in": kb.sources[s["id"]].defined_in}
                            for s in document["sources"]])
    rules = written_rules(kb)
    _insert(db, "rules", [{"jurisdiction_id": j.id, "situation": r.id, "outcome": r.outcome.id,
                           "key_condition": r.key_condition.text if r.key_condition else None, "summary": r.summary,
                           "evidence": r.evidence, "status": r.status, "status_reason": r.status_reason,
                           "effective_from": r.effective_from, "last_verified": r.last_verified, "as_of": r.as_of,
                           "url": urls.url(urls.page(j), urls.rule_anchor(r.id))} for j, r in rules])
    _insert(db, "answers", [{f: row[f] for f in ANSWER_FIELDS} for row in grid])
    statements = _statements(rules)
    _insert(db, "statements", statements)
    _insert(db, "citations", citations)
    _insert(db, "research", [{"jurisdiction_id": j["id"], "date": r["date"], "searched": r["searched"],
                              "result": r["result"], "situations": ",".join(r["situations"]) or None}
                             for j in document["jurisdictions"] for r in j["research"]])
    claims = kb.claims
    _insert(db, "claims", [{"id": c["id"], "jurisdiction_id": c["jurisdiction"],
                            "situation": claim.situation.id if claim.situation else None,
                            "outcome": claim.outcome.id if claim.outcome else None, "claim": c["claim"],
                            "seen_in_title": c["seen_in"]["title"], "seen_in_date": c["seen_in"]["date"],
                            "seen_in_url": c["seen_in"]["url"], "verdict": c["verdict"], "reasoning": c["reasoning"],
                            "url": c["url"]} for c, claim in zip(document["claims"], claims)])
    _insert(db, "claim_citations", [{"claim_id": c["id"], "position": n, "source_id": ci["source"],
                                     "locator": ci["locator"], "quote": ci["quote"]}
                                    for c in document["claims"] for n, ci in enumerate(c["citations"], 1)])
    _insert(db, "changes", [{"date": c["date"], "jurisdiction_id": c["jurisdiction"], "situation": c["rule"],
                             "before_outcome": c["before"]["outcome"], "before_summary": c["before"]["summary"],
                             "after_outcome": c["after"]["outcome"], "after_summary": c["after"]["summary"],
                             "url": c["url"]} for c in document["changes"]])
    dictionary = search_dictionary(kb)
    found = [("quote", c["quote"], c["rule_jurisdiction_id"], c["situation"], c["source_id"]) for c in citations]
    found += [("statement", s["text"], s["rule_jurisdiction_id"], s["situation"], None) for s in statements]
    found += [("summary", r.summary, j.id, r.id, None) for j, r in rules]
    found += [("claim", c["claim"], c["jurisdiction"], None, None) for c in document["claims"]]
    _insert(db, "search", [{"words": words(text, dictionary), "text": text, "kind": kind, "jurisdiction_id": jid,
                            "situation": sid, "source_id": source} for kind, text, jid, sid, source in found])


def database(kb: KnowledgeBase, document: dict, grid: list[dict], citations: list[dict]) -> bytes:
    """The SQLite file's bytes."""
    with tempfile.TemporaryDirectory(prefix="yibao-db-") as work:
        path = Path(work) / "yibao.sqlite"
        db = sqlite3.connect(path, isolation_level=None)      # transactions written out below
        try:
            db.execute("PRAGMA page_size = 4096")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA foreign_keys = ON")
            db.executescript(SCHEMA.format(answers=_columns(ANSWER_FIELDS, {f: GRID_DESCRIPTIONS[f] for f in ANSWER_FIELDS}),
                                           citations=_columns(CITATION_FIELDS, CITATION_DESCRIPTIONS)))
            db.execute("BEGIN")
            _fill(db, kb, document, grid, citations)
            db.execute("INSERT INTO search(search) VALUES ('optimize')")
            db.execute("COMMIT")
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ValueError(f"yibao.sqlite: foreign keys do not hold: {problems[:5]}")
            db.execute("VACUUM")
        finally:
            db.close()
        return path.read_bytes()
