"""Read every file under policies/, check it, and build the model.

Each file is parsed once (yamlfile), checked against the schema and the text rules
(textcheck), then checked across files by the module of its concept:

  vocabulary    policies/vocabulary.yaml: situations, outcomes, search words
  sources       sources (ids, dates, excerpts) and the citations that point at them
  rules         one file's rules: cited statements, key condition, status, history
  jurisdictions the files themselves: ids, service block, research log, hierarchy, order
  milestones    dated changes, and every rule's currency computed from its answer's dates
  claims        policies/claims.yaml, and refuted claims against the rules in force
  questions     policies/faq.yaml          glossary   policies/glossary.yaml

The Checker here is what they share: the problems found so far (every problem is collected
before anything is raised, so a maintainer sees them all in one run), reading a file, dates,
and looking up a word of the vocabulary. run() calls the concepts in order.
"""
from __future__ import annotations

import hashlib

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..model import KnowledgeBase
from ..model.dates import date_range
from ..paths import Paths
from . import claims, glossary, jurisdictions, milestones, questions, schema, sources, textcheck, vocabulary
from .excerpts import Excerpts
from .problems import Problem, display_path, unknown_word
from .yamlfile import LoadedFile, load

class Checker:
    def __init__(self, paths: Paths, today: date, memo: dict | None = None):
        self.paths = paths
        self.root = paths.root
        self.schema = paths.schema.read_text(encoding="utf-8")     # the data format, as its text (schema.py)
        self.memo = memo          # the live preview's: (kind, file, content hash) → a file that read cleanly
        self.excerpts = Excerpts(paths.policies)
        self.today = today
        self.problems: list[Problem] = []
        self.broken_sources: set[str] = set()     # defined, but refused by the schema (sources.collect)

    def report(self, loaded: LoadedFile, path: tuple, message: str) -> None:
        """A problem at path inside loaded: its line and its field name both come from path (as numbered in
        the file, also when loaded is the part of it the schema accepts)."""
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
                self.report(loaded, base + (key,), f"没有这一天：“{text}”（{schema.date_format(self.schema)}）")
            elif parsed[0] > self.today:
                self.report(loaded, base + (key,), f"日期 {text} 在今天（{self.today}）之后：不能写未来的日期")
            else:
                ranges[key] = parsed
        return ranges

    def check_order(self, loaded, path, earlier_name, earlier, later_name, later, later_text) -> None:
        if earlier and later and earlier[0] > later[1]:
            self.report(loaded, path, f"日期顺序不对：{later_name}（{later_text}）早于{earlier_name}")

    # -- the vocabulary's words ------------------------------------------------
    def word(self, loaded, path, value: str, words: vocabulary.Words):
        """The situation or outcome a rule or claim names (by id or name); an unknown one is reported
        with a suggestion."""
        found = words.by_name.get(value)
        if found is None:
            self.report(loaded, path, unknown_word(words.label, f"“{value}”", value, words.by_name, words.by_id))
        return found

    # -- reading files ----------------------------------------------------------
    def read_optional(self, path: Path, kind: str) -> LoadedFile | None:
        """An optional file (faq.yaml, glossary.yaml): None when absent or when nothing of it is usable."""
        if not path.exists():
            return None
        return self.read(path, kind)[0]

    def read(self, path: Path, kind: str) -> tuple[LoadedFile | None, list[Problem]]:
        """Parse one file and check it against the schema definition `kind` and the text rules,
        recording every problem. Returns what the checks across files can use — the file, or the part of
        it the schema accepts (schema.usable); None when it cannot be read or nothing is usable — and the
        file's schema problems.
        """
        key = None
        if self.memo is not None:           # the same bytes read cleanly before: same file, no problems
            try:
                key = (kind, str(path), hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                key = None
            if key in self.memo:
                return self.memo[key], []
        loaded, problems = load(path, display_path(path, self.root))
        self.problems += problems
        if loaded is None:
            return None, []
        schema_problems = schema.check(loaded, kind, self.schema)
        text_problems = textcheck.check(loaded)
        self.problems += schema_problems + text_problems
        if key is not None and not schema_problems and not text_problems:
            self.memo[key] = loaded
        return (schema.usable(loaded, kind, self.schema) if schema_problems else loaded), schema_problems

    # -- the whole tree -------------------------------------------------------
    def run(self) -> KnowledgeBase | None:
        policies = self.paths.policies
        vocab_file = policies / vocabulary.VOCABULARY_FILE
        claims_file = policies / claims.CLAIMS_FILE
        glossary_file = policies / glossary.GLOSSARY_FILE
        faq_file = policies / questions.FAQ_FILE
        files = sorted(p for p in policies.rglob("*.yaml") if p not in (vocab_file, faq_file, claims_file, glossary_file))
        files += sorted(policies.rglob("*.yml"))
        words = vocabulary.read(self, vocab_file)
        faq_loaded = self.read_optional(faq_file, "faqFile")
        glossary_loaded = self.read_optional(glossary_file, "glossaryFile")

        loaded_files: list[LoadedFile] = []
        for path in files:
            loaded, _ = self.read(path, "jurisdictionFile")
            if loaded is not None:
                loaded_files.append(loaded)
        if not files:
            self.problems.append(Problem(display_path(policies, self.root), 1, "(目录)", "没有找到任何地区文件"))
        if words is None:
            return None
        found_sources = sources.collect(self, loaded_files + ([glossary_loaded] if glossary_loaded else []))
        source_of = {source_id: source for source_id, (source, _) in found_sources.items()}
        places = jurisdictions.collect(self, loaded_files, words, source_of)
        jurisdictions.check_hierarchy(self, places)
        jurisdictions.check_inheritance_claims(self, places, words)
        found_milestones = milestones.collect(self, places, words, source_of)
        found_claims, claims_loaded = claims.collect(self, claims_file, {j.id for j, _ in places}, source_of, words)
        all_sources = dict(sorted((s.id, s) for s, _ in found_sources.values()))
        if self.problems:
            # The model would be incomplete: the checks of the rules in force stop here, but what needs only
            # the sources is still checked, so that every file's problems show in this run.
            partial = KnowledgeBase(list(words.situations.by_id.values()), list(words.outcomes.by_id.values()),
                                    {}, all_sources)
            questions.collect(self, faq_loaded, partial, with_rules=False)
            glossary.collect(self, glossary_loaded, partial)
            return None
        kb = KnowledgeBase(list(words.situations.by_id.values()), list(words.outcomes.by_id.values()),
                           jurisdictions.display_order([j for j, _ in places]), all_sources, claims=found_claims,
                           milestones=sorted(found_milestones, key=lambda m: date_range(m.date)[0], reverse=True))
        kb = milestones.apply_currency(self, kb)
        claims.check_against_rules(self, kb, claims_loaded)
        kb = replace(kb, questions=questions.collect(self, faq_loaded, kb),    # needs sources and effective rules
                     glossary=glossary.collect(self, glossary_loaded, kb),
                     search_terms=list(words.search_terms), synonyms=list(words.synonyms), schema=self.schema,
                     excerpts={s: text for s in kb.sources if (text := self.excerpts.raw(s)) is not None})
        sources.check_orphans(self, kb.sources)
        return None if self.problems else kb
