"""Synthetic country: N pooling regions (统筹区) over 31 provinces, shaped like the real data.

Everything written here is fake and says so: regions are named 示例省/示例市, every
source title starts with “合成来源”, every URL is on example.invalid (a domain that
can never resolve). Text is cut from the real YAML files at random offsets, so its
length, vocabulary and compressibility (and therefore page size, gzip ratio and
jieba's search segmentation) resemble the real pages without repeating any claim.
The real national.yaml, vocabulary, content/ and theme are copied unchanged.
"""
from __future__ import annotations

import io
import itertools
import json
import random
import re
import shutil
from pathlib import Path

import yaml

from generator.load.textcheck import reads_as_a_maintainers_note

REPO = Path(__file__).resolve().parent.parent

# Prefecture-level units per province (rounded, 2020s), used only as weights so
# that the spread of cities over provinces looks like the country's.
PROVINCE_WEIGHTS = [11, 11, 14, 12, 14, 16, 9, 13, 1, 13, 11, 16, 9, 11, 16, 17,
                    13, 14, 21, 14, 4, 1, 21, 9, 16, 7, 10, 14, 8, 5, 14]
assert len(PROVINCE_WEIGHTS) == 31

CLASSES = [("官方", 0.45), ("媒体", 0.2), ("第三方", 0.35)]
PLACE_TYPES = ["窗口", "手机应用", "网上", "电话", "银行"]
COPIED = ["mkdocs.yml", "CONTRIBUTING.md", "content", "site_overrides"]
POLICY_FILES = ["national.yaml", "vocabulary.yaml", "schema.json"]


_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def _vocabulary() -> tuple[list[str], list[str], list[int]]:
    """Words to build text from: the real data's own words (cut by jieba, as search does) and
    the common words of jieba's dictionary weighted by frequency, so pages neither repeat one
    paragraph (unrealistically small when gzipped) nor read as noise."""
    import jieba
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "policies").rglob("*.yaml")))
    domain = [w for w in jieba.lcut(text) if _CJK.match(w)]
    general, weights = [], []
    with jieba.get_dict_file() as handle:
        for line in io.TextIOWrapper(handle, encoding="utf-8"):
            word, freq, *_ = line.split()
            if int(freq) >= 50 and _CJK.match(word):
                general.append(word)
                weights.append(int(freq))
    return domain, general, weights


class _Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.domain, self.general, weights = _vocabulary()
        self.cumulative = list(itertools.accumulate(weights))
        vocabulary = yaml.safe_load((REPO / "policies/vocabulary.yaml").read_text(encoding="utf-8"))
        self.situations = [s["id"] for s in vocabulary["situations"]]
        self.outcomes = [o["id"] for o in vocabulary["outcomes"]]
        rule_schema = json.loads((REPO / "policies/schema.json").read_text(encoding="utf-8"))["$defs"]["rule"]
        self.history_schema = rule_schema["properties"].get("history")

    def text(self, low: int, high: int) -> str:
        """Chinese text of low..high characters: 60 % domain words, 40 % common words, some commas; never
        words the data lint refuses in reader text (今天 without a date, edit history)."""
        while True:
            text = self._text(low, high)
            if not reads_as_a_maintainers_note(text):
                return text

    def _text(self, low: int, high: int) -> str:
        length = self.rng.randint(low, high)
        out = ""
        while len(out) < length:
            if self.rng.random() < 0.6:
                out += self.rng.choice(self.domain)
            else:
                out += self.rng.choices(self.general, cum_weights=self.cumulative)[0]
            if self.rng.random() < 0.08 and len(out) < length - 4:
                out += "，"
        return out[:length] + "。"

    def texts(self, count_low: int, count_high: int, low: int, high: int) -> list[str]:
        return [self.text(low, high) for _ in range(self.rng.randint(count_low, count_high))]

    def date(self, first_year: int, last_year: int) -> str:
        return f"{self.rng.randint(first_year, last_year)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def source(self, source_id: str, owner: str) -> dict:
        klass = self.rng.choices([c for c, _ in CLASSES], [w for _, w in CLASSES])[0]
        item = {"id": source_id, "title": f"合成来源：{owner}{self.text(8, 24)}", "class": klass,
                "issuer": f"合成发布者（{owner}）"}
        if klass == "官方" and self.rng.random() < 0.6:
            item["document_number"] = f"合成〔{self.rng.randint(2018, 2024)}〕{self.rng.randint(1, 99)}号"
        if self.rng.random() < 0.8:
            item["issued"] = self.date(2018, 2024)
        if self.rng.random() < 0.9:
            item["url"] = f"https://example.invalid/{source_id}.html"
            item["url_kind"] = "官方网址" if klass == "官方" and self.rng.random() < 0.5 else "非官方网址"
            item["retrieved"] = self.date(2025, 2025)
        if self.rng.random() < 0.5:
            item["note"] = self.text(20, 80)
        # The class rules the validator enforces (issue 20): an official source has a 文号 or an official
        # URL, a media source names its outlet.
        if klass == "官方" and "document_number" not in item and item.get("url_kind") != "官方网址":
            item["document_number"] = f"合成〔{self.rng.randint(2018, 2024)}〕{self.rng.randint(1, 99)}号"
        if klass == "媒体":
            item["outlet"] = f"合成媒体（{owner}）"
        return item

    def rule(self, situation: str, own_sources: list[str], shared_sources: list[str]) -> dict:
        rule: dict = {"situation": situation, "outcome": self.rng.choice(self.outcomes),
                      "summary": self.text(20, 60)}
        for key, counts, lengths in (("conditions", (0, 3), (10, 40)), ("materials", (0, 4), (6, 20)),
                                     ("steps", (0, 3), (10, 40)), ("notes", (0, 1), (40, 120))):
            items = self.texts(*counts, *lengths)
            if items:
                rule[key] = items
        rule["where"] = [{"type": self.rng.choice(PLACE_TYPES), "name": self.text(6, 18)}
                         for _ in range(self.rng.randint(1, 2))]
        if self.rng.random() < 0.3:
            rule["time_limit"] = self.text(8, 20)
        if self.rng.random() < 0.5:
            rule["effective_from"] = self.date(2019, 2024)
        pool = own_sources + shared_sources
        cited = self.rng.sample(pool, min(len(pool), self.rng.randint(1, 3)))
        rule["citations"] = [{"source": s, "quote": self.text(15, 80),
                              **({"locator": f"第{self.rng.randint(1, 40)}条"} if self.rng.random() < 0.6 else {})}
                             for s in cited]
        # Synthetic sources are dated 2018–2024, before the real national milestones (2026-01-09 …):
        # the validator then asks for a status, as it would of a real rule.
        rule["status"] = "可能已过时"
        rule["status_reason"] = "合成数据：来源早于国家层面的规定变化"
        rule["answer_cite"] = [1]                       # the first quote states the answer (issue 20)
        if self.history_schema is not None:
            rule["history"] = self.history(rule)        # earlier versions keep plain-text conditions
            for version in rule["history"]:
                if version.get("citations"):
                    version["answer_cite"] = [1]
        for key in ("conditions", "materials", "steps"):      # every statement cites a quote of the rule
            if key in rule:
                rule[key] = [{"text": text, "cite": [self.rng.randint(1, len(cited))]} for text in rule[key]]
        for place in rule["where"]:
            place["cite"] = [1]
        if "time_limit" in rule:
            rule["time_limit"] = {"text": rule["time_limit"], "cite": [1]}
        return rule

    def history(self, rule: dict) -> list:
        """One earlier version per rule, filled from whatever shape the schema gives `history`."""
        items = self.history_schema.get("items", {})
        return [_example(items, rule, self)]

    def jurisdiction(self, ident: str, name: str, short: str, level: str, parent: str,
                     rule_count: tuple[int, int], source_count: tuple[int, int], shared: list[str]) -> dict:
        own = [f"{ident}-src{i}" for i in range(self.rng.randint(*source_count))]
        situations = self.rng.sample(self.situations, self.rng.randint(*rule_count))
        data = {"id": ident, "name": name, "short_name": short, "level": level, "parent": parent,
                "last_verified": self.date(2025, 2025)}
        if self.rng.random() < 0.5:
            data["notes"] = self.texts(1, 2, 40, 150)
        data["rules"] = [self.rule(s, own, shared) for s in situations]
        data["sources"] = [self.source(s, name) for s in own]
        return data


def _example(subschema: dict, rule: dict, writer: _Writer):
    """A value of this (resolved) schema, copied from the rule where the key matches."""
    defs = json.loads((REPO / "policies/schema.json").read_text(encoding="utf-8"))["$defs"]
    if "$ref" in subschema:
        subschema = {**defs[subschema["$ref"].split("/")[-1]], **{k: v for k, v in subschema.items() if k != "$ref"}}
    if "enum" in subschema:
        return subschema["enum"][0]
    kind = subschema.get("type")
    if kind == "object":
        props = subschema.get("properties", {})
        return {key: rule[key] if key in rule else _example(props[key], rule, writer)
                for key in subschema.get("required", props)}
    if kind == "array":
        return [_example(subschema.get("items", {}), rule, writer)]
    if "date" in json.dumps(subschema) or subschema.get("pattern", "").startswith("^[0-9]{4}"):
        return writer.date(2016, 2017)
    return writer.text(10, 30)


def _quotes(node, into: dict[str, list[str]]) -> None:
    """Every {source, quote} citation anywhere in node, by source id."""
    if isinstance(node, dict):
        if "source" in node and "quote" in node:
            into.setdefault(node["source"], []).append(str(node["quote"]))
        for value in node.values():
            _quotes(value, into)
    elif isinstance(node, list):
        for value in node:
            _quotes(value, into)


def synthesise(root: Path, n: int, seed: int = 7) -> dict:
    """Write a project root with n city files under 31 provinces; returns counts."""
    writer = _Writer(seed)
    policies = root / "policies"
    policies.mkdir(parents=True)
    for name in POLICY_FILES:
        shutil.copy(REPO / "policies" / name, policies / name)
    for name in COPIED:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)

    rng = writer.rng
    counts = [0] * 31
    for index in range(n):           # every province gets cities before any gets a second weighting round
        counts[index if index < 31 else rng.choices(range(31), PROVINCE_WEIGHTS)[0]] += 1
    if (REPO / "policies" / "excerpts").is_dir():       # the copied files' sources keep their excerpts
        copied = {s["id"] for name in POLICY_FILES if name.endswith(".yaml")
                  for s in (yaml.safe_load((REPO / "policies" / name).read_text(encoding="utf-8")) or {}).get("sources", [])}
        (policies / "excerpts").mkdir(exist_ok=True)
        for excerpt in sorted((REPO / "policies" / "excerpts").glob("*.txt")):
            if excerpt.stem in copied:          # an excerpt with no source is refused
                shutil.copy(excerpt, policies / "excerpts" / excerpt.name)
    quotes: dict[str, list[str]] = {}              # source id → every quote of it: the synthetic excerpt
    with_url: list[str] = []
    rules = sources = 0
    for p in range(31):
        pid = f"prov{p + 1:02d}"
        province = writer.jurisdiction(pid, f"示例省{p + 1:02d}", f"示例{p + 1:02d}", "省", "national",
                                       (2, 4), (2, 4), [])
        shared = [s["id"] for s in province["sources"]]
        files = [(policies / pid / f"{pid}.yaml", province)]
        for c in range(counts[p]):
            cid = f"{pid}-city{c + 1:03d}"
            files.append((policies / pid / f"{cid}.yaml",
                          writer.jurisdiction(cid, f"示例{p + 1:02d}省{c + 1:03d}市", f"示例市{p + 1:02d}{c + 1:03d}",
                                              "市", pid, (3, 6), (1, 3), shared)))
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            rules += len(data["rules"])
            sources += len(data["sources"])
            _quotes(data, quotes)
            with_url += [s["id"] for s in data["sources"] if s.get("url")]
    (policies / "excerpts").mkdir(exist_ok=True)
    for source_id in with_url:
        text = "\n".join(quotes.get(source_id, ())) + "\n"
        (policies / "excerpts" / f"{source_id}.txt").write_text(text, encoding="utf-8")
    return {"cities": n, "provinces": 31, "rules": rules, "sources": sources,
            "history": writer.history_schema is not None}
