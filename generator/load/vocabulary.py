"""policies/vocabulary.yaml: the situations and outcomes rules are written in, and the search words.

A rule or claim may name a word by its id or by its name; Words holds both lookups, built once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..model import Outcome, Situation, urls
from .problems import suggest, unknown_word
from .yamlfile import LoadedFile

VOCABULARY_FILE = "vocabulary.yaml"


@dataclass(frozen=True)
class Words:
    """The situations (or the outcomes): by id, in the vocabulary's order, and by id or name."""
    label: str                      # 情形 / 结果, as messages name them
    by_id: MappingProxyType
    by_name: MappingProxyType       # every name and every id → the word

    @classmethod
    def of(cls, label: str, words: dict) -> "Words":
        return cls(label, MappingProxyType(dict(words)),
                   MappingProxyType({**{w.name: w for w in words.values()}, **words}))


@dataclass(frozen=True)
class Vocabulary:
    situations: Words
    outcomes: Words
    search_terms: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]


def read(checker, path: Path) -> Vocabulary | None:
    """The vocabulary file: unique ids and names, a known fallback, synonym groups that do not overlap.
    None when the file cannot be used (its problems are recorded)."""
    loaded, _ = checker.read(path, "vocabularyFile")
    # Without all its words, every rule naming a missing one would be reported too: stop at the vocabulary.
    if loaded is None or any(where[0] in ("situations", "outcomes") for where in loaded.left_out):
        return None
    situations: dict[str, Situation] = {}
    outcomes: dict[str, Outcome] = {}
    for key, target, build in (
        ("situations", situations, lambda i, d: Situation(d["id"], d["name"], d["question"], i,
                                                     d["id"] == loaded.data.get("fallback"))),
        ("outcomes", outcomes, lambda i, d: Outcome(d["id"], d["name"], d["short"], d["cash"])),
    ):
        seen_names: set[str] = set()
        for index, item in enumerate(loaded.data[key]):
            if item["id"] in target:
                checker.report(loaded, (key, index, "id"), f"标识 `{item['id']}` 重复")
            elif item["name"] in seen_names:
                checker.report(loaded, (key, index, "name"), f"名称 “{item['name']}” 重复")
            else:
                clash = urls.anchor_clash(item["id"]) if key == "situations" else None
                if clash:           # reported, and kept: the rules naming it are not reported again
                    checker.report(loaded, (key, index, "id"), f"情形标识 `{item['id']}` 与页面上固定的位置 #{clash} "
                                   f"冲突：地区页面用情形标识给每条规定编址（#{item['id']}、#{item['id']}-sources、"
                                   f"#faq-{item['id']}），请换一个标识")
                target[item["id"]] = build(index, item)
                seen_names.add(item["name"])
    fallback = loaded.data.get("fallback")
    if fallback is not None and fallback not in situations:
        checker.report(loaded, ("fallback",), f"情形里没有 `{fallback}`" + suggest(fallback, situations))
    return Vocabulary(Words.of("情形", situations), Words.of("结果", outcomes),
                      tuple(loaded.data.get("search_terms", [])), check_synonyms(checker, loaded))


def check_synonyms(checker, loaded: LoadedFile) -> tuple[tuple[str, ...], ...]:
    """Search synonym groups: a word belongs to one group only, so a query word has one meaning."""
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for index, group in enumerate(loaded.data.get("synonyms", [])):
        for w_index, word in enumerate(group):
            if word in seen:
                first = ("synonyms", seen[word])
                where = "同一组里" if seen[word] == index else \
                    f"第 {loaded.original(first)[1] + 1} 组（{loaded.field(first)}）"
                checker.report(loaded, ("synonyms", index, w_index), f"“{word}” 已经写在{where}：一个词只能属于一组")
            seen.setdefault(word, index)
        groups.append(tuple(dict.fromkeys(group)))
    return tuple(groups)


def unknown_situation(checker, loaded, path, situation_id: str, situations: Words) -> None:
    """A list of situation ids (research, milestones, FAQ) names one the vocabulary lacks."""
    checker.report(loaded, path, unknown_word("情形", f"`{situation_id}`", situation_id, situations.by_id))
