"""Read every file under policies/, check it, and build the model.

Each file is parsed once (yamlfile), checked against the schema and the text rules
(textcheck), then checked across files here: references between files, unique ids,
the jurisdiction hierarchy, and dates. Every problem is collected before anything is
raised, so a maintainer sees them all in one run.
"""
from __future__ import annotations

import hashlib

from datetime import date
from pathlib import Path

from ..model import (Citation, Claim, Jurisdiction, KnowledgeBase, Milestone, Outcome, Place, ResearchEntry, Rule,
                     RuleVersion, SeenIn, Service, Situation, Source, Statement)
from ..model.dates import date_range
from ..model.vocabulary import CURRENT, LEVEL_ORDER, LEVELS, REFUTED, SOURCE_CLASSES, STATUS_CODES
from . import glossary, questions, schema, textcheck
from .excerpts import Excerpts
from .problems import Problem, display_path, suggest, unknown_word
from .yamlfile import LoadedFile, load

VOCABULARY_FILE = "vocabulary.yaml"
FAQ_FILE = "faq.yaml"           # general questions, see questions.py; not a jurisdiction
CLAIMS_FILE = "claims.yaml"          # 网传说法核查: not a jurisdiction file
# What a rule (or a service block) says, statement by statement; each carries `cite` numbers.
RULE_STATEMENTS = {"conditions": "list", "materials": "list", "steps": "list", "where": "places",
                   "time_limit": "one", "proxy": "one", "payout": "one", "fees": "one", "key_condition": "one"}
KEY_CONDITION_MAX = 40          # characters: it is printed in a flowchart box and a comparison cell
SERVICE_STATEMENTS = {"channels": "places", "address": "one", "hours": "one", "phone": "one"}


class Checker:
    def __init__(self, root: Path, today: date, memo: dict | None = None):
        self.root = root
        self.memo = memo          # the live preview's: (kind, file, content hash) → a file that read cleanly
        self.excerpts = Excerpts(root / "policies")
        self.today = today
        self.problems: list[Problem] = []
        self._by_name: dict[int, tuple[dict, dict]] = {}
        self.broken_sources: set[str] = set()     # defined, but refused by the schema (schema.usable)

    def report(self, loaded: LoadedFile, path: tuple, message: str) -> None:
        self.problems.append(Problem(loaded.shown, loaded.line_of(path), loaded.field(path), message))

    # -- dates --------------------------------------------------------------
    def check_dates(self, loaded: LoadedFile, node: dict, base: tuple, keys) -> dict[str, tuple]:
        """Each date is a real day and not in the future; returns the parsed ranges."""
        ranges = {}
        for key in keys:
            text = node.get(key)
            if text is None:
                continue
            parsed = date_range(text)
            if parsed is None:
                self.report(loaded, base + (key,), f"没有这一天：“{text}”（{schema.date_format()}）")
            elif parsed[0] > self.today:
                self.report(loaded, base + (key,), f"日期 {text} 在今天（{self.today}）之后：不能写未来的日期")
            else:
                ranges[key] = parsed
        return ranges

    def check_order(self, loaded, path, earlier_name, earlier, later_name, later, later_text) -> None:
        if earlier and later and earlier[0] > later[1]:
            self.report(loaded, path, f"日期顺序不对：{later_name}（{later_text}）早于{earlier_name}")

    # -- the whole tree -------------------------------------------------------
    def read_optional(self, path: Path, kind: str) -> LoadedFile | None:
        """An optional file (faq.yaml, glossary.yaml): None when absent or when nothing of it is usable."""
        if not path.exists():
            return None
        return self.read(path, kind)

    def read(self, path: Path, kind: str) -> LoadedFile | None:
        """Parse one file and check it against the schema definition `kind` and the text rules,
        recording every problem. Returns what the checks across files can use: the file, or the part
        of it the schema accepts (schema.usable); None when it cannot be read or nothing is usable.
        """
        key = None
        if self.memo is not None:           # the same bytes read cleanly before: same file, no problems
            try:
                key = (kind, str(path), hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                key = None
            if key in self.memo:
                return self.memo[key]
        loaded, problems = load(path, display_path(path, self.root))
        self.problems += problems
        if loaded is None:
            return None
        schema_problems = schema.check(loaded, kind)
        text_problems = textcheck.check(loaded)
        self.problems += schema_problems + text_problems
        if key is not None and not schema_problems and not text_problems:
            self.memo[key] = loaded
        return schema.usable(loaded, kind) if schema_problems else loaded

    def run(self) -> KnowledgeBase | None:
        policies = self.root / "policies"
        vocab_file = policies / VOCABULARY_FILE
        claims_file = policies / CLAIMS_FILE
        glossary_file = policies / glossary.GLOSSARY_FILE
        files = sorted(p for p in policies.rglob("*.yaml")
                       if p not in (vocab_file, policies / FAQ_FILE, claims_file, glossary_file))
        files += sorted(policies.rglob("*.yml"))
        situations, outcomes = self.load_vocabulary(vocab_file)
        faq_file = self.read_optional(policies / FAQ_FILE, "faqFile")
        glossary_loaded = self.read_optional(glossary_file, "glossaryFile")

        loaded_files: list[LoadedFile] = []
        for path in files:
            loaded = self.read(path, "jurisdictionFile")
            if loaded is not None:
                loaded_files.append(loaded)
        if not files:
            self.problems.append(Problem(display_path(policies, self.root), 1, "(目录)", "没有找到任何地区文件"))
        if situations is None:
            return None
        sources = self.collect_sources(loaded_files + ([glossary_loaded] if glossary_loaded else []))
        source_of = {source_id: source for source_id, (source, _) in sources.items()}
        jurisdictions = self.collect_jurisdictions(loaded_files, situations, outcomes, source_of)
        self.check_hierarchy(jurisdictions, {j.id: lf for j, lf in jurisdictions})
        milestones = self.collect_milestones(jurisdictions, situations, source_of)
        claims, claims_loaded = self.load_claims(claims_file, {j.id for j, _ in jurisdictions}, source_of,
                                                 situations, outcomes)
        all_sources = dict(sorted((s.id, s) for s, _ in sources.values()))
        if self.problems:
            # The model would be incomplete: the checks of the rules in force stop here, but what needs only
            # the sources is still checked, so that every file's problems show in this run.
            partial = KnowledgeBase(list(situations.values()), list(outcomes.values()), {}, all_sources)
            questions.collect(self, faq_file, partial, with_rules=False)
            glossary.collect(self, glossary_loaded, partial)
            return None
        ordered = self.display_order([j for j, _ in jurisdictions])
        kb = KnowledgeBase(list(situations.values()), list(outcomes.values()), ordered, all_sources, claims=claims)
        kb.milestones = sorted(milestones, key=lambda m: date_range(m.date)[0], reverse=True)
        self.check_outdated(kb, jurisdictions)
        self.check_claims_against_rules(kb, claims_loaded)
        kb.questions = questions.collect(self, faq_file, kb)   # needs sources and effective rules
        kb.glossary = glossary.collect(self, glossary_loaded, kb)
        kb.search_terms = self.search_terms
        kb.synonyms = self.synonyms
        kb.excerpts = {s: text for s in kb.sources if (text := self.excerpts.raw(s)) is not None}
        return None if self.problems else kb

    def load_vocabulary(self, path: Path):
        loaded = self.read(path, "vocabularyFile")
        # Without all its words, every rule naming a missing one would be reported too: stop at the vocabulary.
        if loaded is None or any(where[0] in ("situations", "outcomes") for where in loaded.left_out):
            return None, None
        situations: dict[str, Situation] = {}
        outcomes: dict[str, Outcome] = {}
        self.search_terms = list(loaded.data.get("search_terms", []))
        self.synonyms = self.check_synonyms(loaded)
        for key, target, build in (
            ("situations", situations, lambda i, d: Situation(d["id"], d["name"], d["question"], i,
                                                         d["id"] == loaded.data.get("fallback"))),
            ("outcomes", outcomes, lambda i, d: Outcome(d["id"], d["name"], d["short"], d["cash"])),
        ):
            seen_names: set[str] = set()
            for index, item in enumerate(loaded.data[key]):
                if item["id"] in target:
                    self.report(loaded, (key, index, "id"), f"标识 `{item['id']}` 重复")
                elif item["name"] in seen_names:
                    self.report(loaded, (key, index, "name"), f"名称 “{item['name']}” 重复")
                else:
                    target[item["id"]] = build(index, item)
                    seen_names.add(item["name"])
        fallback = loaded.data.get("fallback")
        if fallback is not None and fallback not in situations:
            self.report(loaded, ("fallback",), f"情形里没有 `{fallback}`" + suggest(fallback, situations))
        return situations, outcomes

    def check_synonyms(self, loaded: LoadedFile) -> list[tuple[str, ...]]:
        """Search synonym groups: a word belongs to one group only, so a query word has one meaning."""
        groups: list[tuple[str, ...]] = []
        seen: dict[str, int] = {}
        for index, group in enumerate(loaded.data.get("synonyms", [])):
            for w_index, word in enumerate(group):
                if word in seen:
                    first = ("synonyms", seen[word])
                    where = "同一组里" if seen[word] == index else \
                        f"第 {loaded.original(first)[1] + 1} 组（{loaded.field(first)}）"
                    self.report(loaded, ("synonyms", index, w_index), f"“{word}” 已经写在{where}：一个词只能属于一组")
                seen.setdefault(word, index)
            groups.append(tuple(dict.fromkeys(group)))
        return groups

    def collect_sources(self, files: list[LoadedFile]) -> dict[str, tuple[Source, LoadedFile]]:
        sources: dict[str, tuple[Source, LoadedFile]] = {}
        self.broken_sources = set().union(*(loaded.left_out_ids("sources") for loaded in files))
        for loaded in files:
            for index, item in enumerate(loaded.data.get("sources", [])):
                path = ("sources", index)
                if item["id"] in sources:
                    first = sources[item["id"]][1]
                    self.report(loaded, path + ("id",),
                                f"来源标识 `{item['id']}` 重复（{first.shown} 已经定义过）")
                    continue
                ranges = self.check_dates(loaded, item, path, ("issued", "effective_from", "retrieved"))
                self.check_order(loaded, path + ("effective_from",), "发布日期", ranges.get("issued"),
                                 "施行日期", ranges.get("effective_from"), item.get("effective_from"))
                self.check_order(loaded, path + ("retrieved",), "发布日期", ranges.get("issued"),
                                 "读取日期", ranges.get("retrieved"), item.get("retrieved"))
                source = Source(
                    id=item["id"], title=item["title"], source_class=SOURCE_CLASSES[item["class"]],
                    issuer=item.get("issuer"), document_number=item.get("document_number"),
                    issued=item.get("issued"), effective_from=item.get("effective_from"),
                    url=item.get("url"), official_copy=item.get("url_kind") == "官方网址",
                    retrieved=item.get("retrieved"), note=item.get("note"),
                    defined_in=loaded.data.get("id", "glossary"))
                sources[source.id] = (source, loaded)
                if source.url and not self.excerpts.has(source.id):
                    self.report(loaded, path + ("url",), f"有网址的来源必须存档原文摘录：把读到的段落（连同网页的标题和"
                                f"日期行）保存为 UTF-8 文本 {self.excerpts.shown(source.id)}")
        return sources

    def collect_jurisdictions(self, files, situations, outcomes, sources):
        outcome_by_name = self.by_name(outcomes)
        result: list[tuple[Jurisdiction, LoadedFile]] = []
        seen: dict[str, LoadedFile] = {}
        for loaded in files:
            data = loaded.data
            if data["id"] in seen:
                self.report(loaded, ("id",), f"地区标识 `{data['id']}` 重复（{seen[data['id']].shown} 已经用过）")
                continue
            seen[data["id"]] = loaded
            if loaded.path.stem != data["id"]:
                self.report(loaded, ("id",), f"标识 `{data['id']}` 与文件名 {loaded.path.name} 不一致：两者要相同")
            self.check_dates(loaded, data, (), ("last_verified",))
            rules = []
            used: dict[str, int] = {}
            for index, item in enumerate(data.get("rules", [])):
                path = ("rules", index)
                situation = self.word(loaded, path + ("situation",), item["situation"], situations, "情形")
                outcome = self.word(loaded, path + ("outcome",), item["outcome"], outcomes, "结果")
                if situation is not None and situation.id in used:
                    self.report(loaded, path + ("situation",), f"情形 “{situation.name}” 已有一条规则"
                                f"（{loaded.field(('rules', used[situation.id]))}）：每种情形只写一条，把两条合并")
                    continue
                rule_dates = self.check_dates(loaded, item, path, ("effective_from", "last_verified"))
                verified_text = item.get("last_verified") or data.get("last_verified")    # the schema requires it
                verified = rule_dates.get("last_verified") or (date_range(verified_text) if verified_text else None)
                verified_path = path + ("last_verified",) if "last_verified" in item else ("last_verified",)
                citations = self.collect_citations(loaded, path, item["citations"], sources,
                                                   (verified, verified_text), verified_path)
                history = self.collect_history(loaded, item, path, rule_dates, outcome_by_name, sources)
                if situation is None or outcome is None:
                    continue
                used[situation.id] = index
                said = self.statements(loaded, path, item, len(item["citations"]))
                if said["key_condition"] and len(said["key_condition"].text) > KEY_CONDITION_MAX:
                    self.report(loaded, path + ("key_condition", "text"), f"关键条件太长（{len(said['key_condition'].text)} 个字）："
                                f"它要写进流程图的方框和对比表的格子，不超过 {KEY_CONDITION_MAX} 个字；细节写在 conditions 里")
                rules.append(Rule(
                    jurisdiction_id=data["id"], situation=situation, outcome=outcome,
                    summary=item["summary"], notes=tuple(item.get("notes", ())),
                    effective_from=item.get("effective_from"), last_verified=verified_text,
                    citations=tuple(citations), history=history,
                    status=STATUS_CODES.get(item.get("status"), CURRENT), status_reason=item.get("status_reason"),
                    status_cites=self.statements(loaded, path, {"s": {"text": "-", "cite": item.get("status_cite", [])}},
                                                 len(item["citations"]), {"s": "one"})["s"].cites, **said))
            service = None
            if "service" in data:
                block = data["service"]
                said = self.statements(loaded, ("service",), block, len(block["citations"]), SERVICE_STATEMENTS)
                service = Service(notes=tuple(block.get("notes", ())), citations=tuple(self.collect_citations(
                    loaded, ("service",), block["citations"], sources)), **said)
            jurisdiction = Jurisdiction(
                id=data["id"], name=data["name"], short_name=data.get("short_name", data["name"]),
                level=LEVELS[data["level"]], parent_id=data.get("parent"),
                last_verified=data.get("last_verified"), notes=tuple(data.get("notes", ())),
                rules=tuple(rules), file=loaded.shown, research=self.collect_research(loaded, situations),
                service=service)
            result.append((jurisdiction, loaded))
        return result

    def by_name(self, words: dict) -> dict:
        """Situations or outcomes by id and by name (data may use either), built once per vocabulary."""
        names = self._by_name.get(id(words))
        if names is None or names[0] is not words:
            names = self._by_name[id(words)] = (words, {**{w.name: w for w in words.values()}, **words})
        return names[1]

    def word(self, loaded, path, value: str, words: dict, label: str):
        """The situation or outcome a rule or claim names; an unknown one is reported with a suggestion."""
        by_name = self.by_name(words)
        found = by_name.get(value)
        if found is None:
            self.report(loaded, path, unknown_word(label, f"“{value}”", value, by_name, words))
        return found

    def collect_milestones(self, pairs, situations, sources) -> list[Milestone]:
        """Dated changes (milestones:) of every file: unique ids, real past dates, known situations."""
        found: list[Milestone] = []
        seen: dict[str, str] = {}
        for jurisdiction, loaded in pairs:
            for index, item in enumerate(loaded.data.get("milestones", ())):
                path = ("milestones", index)
                if item["id"] in seen:
                    self.report(loaded, path + ("id",), f"变化标识 `{item['id']}` 重复（{seen[item['id']]} 已经用过）")
                    continue
                seen[item["id"]] = loaded.shown
                ok = bool(self.check_dates(loaded, item, path, ("date",)))
                named = []
                for position, situation_id in enumerate(item["situations"]):
                    if situation_id not in situations:
                        self.report(loaded, path + ("situations", position),
                                    unknown_word("情形", f"`{situation_id}`", situation_id, situations))
                        ok = False
                    elif situations[situation_id] not in named:
                        named.append(situations[situation_id])
                citations = self.collect_citations(loaded, path, item["citations"], sources)
                if ok and len(citations) == len(item["citations"]):
                    found.append(Milestone(
                        id=item["id"], date=item["date"], title=item["title"], jurisdiction_id=jurisdiction.id,
                        situations=tuple(named), effect=item["effect"], issuer=item.get("issuer"),
                        document_number=item.get("document_number"), note=item.get("note"),
                        citations=tuple(citations)))
        return found

    def check_outdated(self, kb: KnowledgeBase, pairs) -> None:
        """An own rule whose newest cited source (as_of, when known) predates a milestone that applies
        to it must say so (status) or cite a newer source. Citing the milestone's own source counts."""
        for jurisdiction, loaded in pairs:
            situation_of = {**{s.name: s.id for s in kb.situations}, **{s.id: s.id for s in kb.situations}}
            index_of = {situation_of.get(item["situation"]): i for i, item in enumerate(loaded.data.get("rules", ()))}
            for rule in jurisdiction.rules:
                if rule.status != CURRENT or not rule.as_of:
                    continue
                cited = {c.source.id for c in rule.citations}
                for milestone in kb.milestones_for(jurisdiction, rule.id):
                    if (date_range(rule.as_of)[1] < date_range(milestone.date)[0]
                            and not cited & {c.source.id for c in milestone.citations}):
                        where = kb.jurisdictions[milestone.jurisdiction_id].name
                        self.report(loaded, ("rules", index_of.get(rule.id, 0)),
                                    f"所引来源最新的发布于 {rule.as_of}，早于 {milestone.date} 的变化“{milestone.title}”"
                                    f"（{where}，milestones 里的 {milestone.id}）：核对后改引更新的来源，"
                                    "或写 status: 可能已过时 并在 status_reason 里说明")
                        break

    def collect_research(self, loaded: LoadedFile, situations: dict[str, Situation]) -> tuple[ResearchEntry, ...]:
        """The research log (research:): real past dates, known situation ids, each named once per entry."""
        entries = []
        for index, item in enumerate(loaded.data.get("research", ())):
            path = ("research", index)
            self.check_dates(loaded, item, path, ("date",))
            named: list[Situation] = []
            for position, situation_id in enumerate(item.get("situations", ())):
                situation = situations.get(situation_id)
                if situation is None:
                    self.report(loaded, path + ("situations", position),
                                unknown_word("情形", f"`{situation_id}`", situation_id, situations))
                elif situation in named:
                    self.report(loaded, path + ("situations", position), f"情形 `{situation_id}` 写了两次")
                else:
                    named.append(situation)
            entries.append(ResearchEntry(item["date"], item["searched"], item["result"], tuple(named)))
        return tuple(entries)

    def statements(self, loaded, path, item, count: int, fields=RULE_STATEMENTS) -> dict:
        """The cited statements of a rule (or service block) as model objects.

        Each `cite` number must name one of the item's `count` citations (1-based, as the
        footnotes read); the schema already refused a statement without `cite`."""
        def cites(node, where) -> tuple[int, ...]:
            numbers = tuple(int(number) for number in node["cite"])     # the schema allowed digits only
            for index, number in enumerate(numbers):
                if number > count:
                    self.report(loaded, where + ("cite", index), f"依据编号 {number} 超出范围：这里只有 {count} 条引用"
                                f"（citations），编号从 1 数到 {count}")
            return numbers

        said: dict = {}
        for key, kind in fields.items():
            value = item.get(key)
            if kind == "list":
                said[key] = tuple(Statement(s["text"], cites(s, path + (key, i))) for i, s in enumerate(value or ()))
            elif kind == "places":
                said[key] = tuple(Place(p["type"], p["name"], p.get("note"), cites(p, path + (key, i)))
                                  for i, p in enumerate(value or ()))
            else:
                said[key] = Statement(value["text"], cites(value, path + (key,))) if value else None
        return said

    def collect_citations(self, loaded, path, citations, sources, verified=None, verified_path=None) -> list[Citation]:
        """Resolve every citation at path + ('citations', i); report missing sources.

        sources maps id → Source. When the item has a last-verified date, a cited source
        issued after it is reported: nobody can check a rule against a text not yet issued.
        """
        resolved = []
        for index, cite in enumerate(citations):
            source = sources.get(cite["source"])
            if source is None:
                if cite["source"] not in self.broken_sources:      # reported where it is defined
                    self.report(loaded, path + ("citations", index, "source"), f"找不到来源 `{cite['source']}`："
                                "先在某个地区文件的 sources 里定义它" + suggest(cite["source"], sources))
                continue
            if verified and source.issued:
                self.check_order(loaded, verified_path, f"所引来源 {source.id} 的发布日期", date_range(source.issued),
                                 "最后核对日期", verified[0], verified[1])
            if self.excerpts.contains(source.id, cite["quote"]) is False:
                self.report(loaded, path + ("citations", index, "quote"),
                            f"原文摘录在 {self.excerpts.shown(source.id)} 里找不到（已忽略标点、空白和繁简差异）："
                            "请照抄原文，或把读到的这段原文补进摘录文件")
            resolved.append(Citation(source, cite.get("locator"), cite["quote"]))
        return resolved

    def collect_history(self, loaded, item, path, rule_dates, outcome_by_name, sources) -> tuple:
        """Earlier versions of a rule, newest first; each ends before the next one begins."""
        versions: list[RuleVersion] = []
        newer_from, newer_until = rule_dates.get("effective_from"), None
        newer_name = "现行版本"
        for index, version in enumerate(item.get("history", ())):
            v_path = path + ("history", index)
            outcome = outcome_by_name.get(version["outcome"])
            if outcome is None:
                self.report(loaded, v_path + ("outcome",),
                            unknown_word("结果", f"“{version['outcome']}”", version["outcome"], outcome_by_name))
            dates = self.check_dates(loaded, version, v_path, ("effective_from", "effective_until"))
            start, until = dates.get("effective_from"), dates.get("effective_until")
            self.check_order(loaded, v_path + ("effective_until",), "这一版本的生效日期", start,
                             "停止适用日期", until, version["effective_until"])
            if until and newer_until and until[0] > newer_until[1]:
                self.report(loaded, v_path + ("effective_until",), f"顺序不对：早期版本要从新到旧排列，"
                            f"这一版本（停止于 {version['effective_until']}）比上面的{newer_name}还新")
            elif until and newer_from and until[0] > newer_from[1]:
                self.report(loaded, v_path + ("effective_until",), f"与{newer_name}重叠：这一版本停止于 "
                            f"{version['effective_until']}，晚于{newer_name}的生效日期")
            citations = self.collect_citations(loaded, v_path, version["citations"], sources)
            if outcome is not None and citations:
                versions.append(RuleVersion(
                    outcome=outcome, summary=version["summary"], effective_from=version.get("effective_from"),
                    effective_until=version["effective_until"], conditions=tuple(version.get("conditions", ())),
                    notes=tuple(version.get("notes", ())), citations=tuple(citations)))
            newer_from, newer_until, newer_name = start, until, f"早期版本 {loaded.field(path + ('history', index))}"
        return tuple(versions)

    def check_hierarchy(self, pairs, files_by_id) -> None:
        known = {j.id: j for j, _ in pairs}
        for jurisdiction, loaded in pairs:
            parent_id = jurisdiction.parent_id
            if jurisdiction.level == "national":
                if parent_id:
                    self.report(loaded, ("parent",), "国家级不能有上级：删掉 parent")
                continue
            if not parent_id:
                self.report(loaded, ("parent",), "缺少上级地区 `parent`（省和直辖市写 national，市写所在省的标识）")
                continue
            parent = known.get(parent_id)
            if parent is None:
                self.report(loaded, ("parent",), f"找不到上级地区 `{parent_id}`" + suggest(parent_id, known))
                continue
            if LEVEL_ORDER[parent.level] >= LEVEL_ORDER[jurisdiction.level]:
                self.report(loaded, ("parent",), f"上级 `{parent_id}` 的级别不高于本地区：省的上级是国家，市的上级是省（直辖市的上级是国家）")
            # A cycle can only pass through levels that are out of order; walk to be sure.
            seen, current = {jurisdiction.id}, parent
            while current is not None and current.parent_id:
                if current.id in seen:
                    self.report(loaded, ("parent",), "上级关系形成了循环")
                    break
                seen.add(current.id)
                current = known.get(current.parent_id)

    def load_claims(self, path: Path, jurisdiction_ids: set[str], sources, situations, outcomes) -> tuple[list[Claim], LoadedFile | None]:
        """policies/claims.yaml, checked like rules: known jurisdiction, situation and outcome, every citation
        resolves. Returns the claims and the file (for the check against rules, which needs the data first)."""
        if not path.exists():
            return [], None      # the register is optional
        loaded = self.read(path, "claimsFile")      # a malformed claim is left out; the others are checked
        if loaded is None:
            return [], None
        claims: list[Claim] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(loaded.data["claims"]):
            base = ("claims", index)
            ok = True
            if item["id"] in seen:
                self.report(loaded, base + ("id",), f"说法标识 `{item['id']}` 重复（{loaded.field(('claims', seen[item['id']]))} 已经用过）")
                ok = False
            seen.setdefault(item["id"], index)
            if item["jurisdiction"] not in jurisdiction_ids:
                self.report(loaded, base + ("jurisdiction",), f"找不到地区 `{item['jurisdiction']}`"
                            + (suggest(item["jurisdiction"], jurisdiction_ids) or "：写某个地区文件的 id"))
                ok = False
            self.check_dates(loaded, item["seen_in"], base + ("seen_in",), ("date",))
            about = {key: self.word(loaded, base + (key,), item[key], words, label)
                     for key, words, label in (("situation", situations, "情形"), ("outcome", outcomes, "结果"))
                     if key in item}
            ok = ok and None not in about.values()
            citations = self.collect_citations(loaded, base, item["citations"], sources)
            ok = ok and len(citations) == len(item["citations"])
            if ok:
                seen_in = item["seen_in"]
                claims.append(Claim(
                    id=item["id"], jurisdiction_id=item["jurisdiction"], text=item["claim"],
                    seen_in=SeenIn(seen_in["title"], seen_in.get("note"), seen_in.get("date"), seen_in.get("url")),
                    verdict=item["verdict"], reasoning=item["reasoning"], citations=tuple(citations), **about))
        return claims, loaded

    def check_claims_against_rules(self, kb: KnowledgeBase, claims_file: LoadedFile) -> None:
        """A claim we rate 无依据 / 与规定不符 must not be what the place's own page states outright:
        if the rule in force there gives the same outcome, the rule must carry what makes the
        difference (its key_condition, or a status saying it may not be current)."""
        for index, claim in enumerate(kb.claims):
            if claim.outcome is None or claim.verdict not in REFUTED:
                continue
            place = kb.jurisdictions[claim.jurisdiction_id]
            effective = next((e for e in kb.effective_rules(place) if e.rule.id == claim.situation.id), None)
            if effective and effective.rule.outcome.id == claim.outcome.id and not effective.rule.limited:
                home = kb.jurisdictions[effective.rule.jurisdiction_id]
                self.report(claims_file, ("claims", index, "verdict"),
                            f"说法被评为“{claim.verdict}”，但{place.name}适用的规定（{home.file}，{claim.situation.name}）"
                            f"同样写着“{claim.outcome.name}”，又没有写关键条件（key_condition）或时效状态（status）："
                            "在规则里写明限定这个结果的条件，或者重新核查这条说法")

    @staticmethod
    def display_order(jurisdictions: list[Jurisdiction]) -> dict[str, Jurisdiction]:
        """National first, then each province followed by its cities, by id."""
        by_parent: dict[str | None, list[Jurisdiction]] = {}
        for j in jurisdictions:
            by_parent.setdefault(j.parent_id, []).append(j)
        ordered: dict[str, Jurisdiction] = {}

        def visit(j: Jurisdiction) -> None:
            ordered[j.id] = j
            for child in sorted(by_parent.get(j.id, []), key=lambda c: (LEVEL_ORDER[c.level] == 2, c.id)):
                visit(child)

        for root in sorted(by_parent.get(None, []), key=lambda j: j.id):
            visit(root)
        return ordered

