"""policies/claims.yaml (网传说法核查), checked like rules: a known jurisdiction, situation and outcome,
citations that resolve; and, once the model exists, a refuted claim must not be what the place's rule
in force states outright."""
from __future__ import annotations

from pathlib import Path

from ..model import Claim, KnowledgeBase, SeenIn
from ..model.vocabulary import REFUTED
from . import sources as cited
from .problems import suggest
from .vocabulary import Vocabulary
from .yamlfile import LoadedFile

CLAIMS_FILE = "claims.yaml"          # not a jurisdiction file


def collect(checker, path: Path, jurisdiction_ids: set[str], sources, words: Vocabulary) -> tuple[list[Claim], LoadedFile | None]:
    """The claims and the file (for check_against_rules, which needs the model first)."""
    if not path.exists():
        return [], None      # the register is optional
    loaded, _ = checker.read(path, "claimsFile")      # a malformed claim is left out; the others are checked
    if loaded is None:
        return [], None
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(loaded.data["claims"]):
        base = ("claims", index)
        ok = True
        if item["id"] in seen:
            checker.report(loaded, base + ("id",), f"说法标识 `{item['id']}` 重复（{loaded.field(('claims', seen[item['id']]))} 已经用过）")
            ok = False
        seen.setdefault(item["id"], index)
        if item["jurisdiction"] not in jurisdiction_ids:
            checker.report(loaded, base + ("jurisdiction",), f"找不到地区 `{item['jurisdiction']}`"
                           + (suggest(item["jurisdiction"], jurisdiction_ids) or "：写某个地区文件的 id"))
            ok = False
        checker.check_dates(loaded, item["seen_in"], base + ("seen_in",), ("date",))
        about = {key: checker.word(loaded, base + (key,), item[key], kind)
                 for key, kind in (("situation", words.situations), ("outcome", words.outcomes)) if key in item}
        ok = ok and None not in about.values()
        citations = cited.citations(checker, loaded, base, item["citations"], sources)
        ok = ok and len(citations) == len(item["citations"])
        if ok:
            seen_in = item["seen_in"]
            claims.append(Claim(
                id=item["id"], jurisdiction_id=item["jurisdiction"], text=item["claim"],
                seen_in=SeenIn(seen_in["title"], seen_in.get("note"), seen_in.get("date"), seen_in.get("url")),
                verdict=item["verdict"], reasoning=item["reasoning"], citations=tuple(citations), **about))
    return claims, loaded


def check_against_rules(checker, kb: KnowledgeBase, claims_file: LoadedFile | None) -> None:
    """A claim we rate 无依据 / 与规定不符 must not be what the place's own page states outright:
    if the rule in force there gives the same outcome, the rule must carry what makes the
    difference (its key_condition, or a status saying it may not be current)."""
    index_of = {item["id"]: i for i, item in enumerate(claims_file.data["claims"])} if claims_file else {}
    for claim in kb.claims:
        if claim.outcome is None or claim.verdict not in REFUTED:
            continue
        place = kb.jurisdictions[claim.jurisdiction_id]
        effective = next((e for e in kb.effective_rules(place) if e.rule.id == claim.situation.id), None)
        if effective and effective.rule.outcome.id == claim.outcome.id and not effective.rule.limited:
            home = kb.jurisdictions[effective.rule.jurisdiction_id]
            checker.report(claims_file, ("claims", index_of[claim.id], "verdict"),
                           f"说法被评为“{claim.verdict}”，但{place.name}适用的规定（{home.file}，{claim.situation.name}）"
                           f"同样写着“{claim.outcome.name}”，又没有写关键条件（key_condition）或时效状态（status）："
                           "在规则里写明限定这个结果的条件，或者重新核查这条说法")
