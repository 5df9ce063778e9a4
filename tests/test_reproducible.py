"""Same data, same bytes: the real site built twice, in two interpreters with different string-hash seeds
(PYTHONHASHSEED, which reorders every set of strings), gives two identical trees, file for file and byte
for byte. Each build runs generator.site.build.build(), the code path of `make site`, into its own folders."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

_BUILD = ("import sys; from pathlib import Path; from generator.site.build import build; "
          "build(Path(sys.argv[1]), site=Path(sys.argv[2]), out=Path(sys.argv[3]))")


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, at - 40)

    def show(data: bytes) -> str:
        return repr(data[start:at + 40].decode("utf-8", "replace"))
    return f"byte {at} (sizes {len(a)} / {len(b)}):\n      seed 1: {show(a)}\n      seed 2: {show(b)}"


def differences(one: Path, two: Path) -> list[str]:
    """What differs between two site trees: files only in one, and each differing file's first difference."""
    a, b = _files(one), _files(two)
    found = [f"only in the seed-{n} build: {path}" for n, only in ((1, a.keys() - b.keys()), (2, b.keys() - a.keys()))
             for path in sorted(only)]
    for path in sorted(a.keys() & b.keys()):
        x, y = a[path].read_bytes(), b[path].read_bytes()
        if x != y:
            found.append(f"{path}: first difference at {_first_difference(x, y)}")
    return found


def test_site_words_follow_the_text_not_a_set(built, kb):
    """The search index's extra fields list the site's word for each reader's word (and the words inside each
    compound of the site's words: 异地安置 → 异地 安置) in the order the entry first uses them (a set's order
    would change with the hash seed: 能不能​取现 in one build, 取现​能不能 in the next). Cheap check on the
    shared build; the two-seed build below compares every file."""
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    split = re.compile(index["config"]["separator"])
    canonical = {word.lower(): group[0].lower() for group in kb.synonyms for word in group[1:]}
    parts = index["config"]["compounds"]
    gives = {w: ({canonical.get(w)} | {x for p in parts.get(w, []) for x in (p, canonical.get(p))}) - {None}
             for w in set(canonical) | set(parts)}     # a word of the text → the extra words it gives
    several = 0
    for doc in index["docs"]:
        for field, extra in (("title", "title_syn"), ("text", "text_syn")):
            if extra not in doc:
                continue
            words = split.split(re.sub(r"<[^>]*>", " ", doc[field]).lower())
            first_use = [min(i for i, w in enumerate(words) if site in gives.get(w, ())) for site in doc[extra].split("\u200b")]
            assert first_use == sorted(first_use), (doc["location"], field, doc[extra])
            several += len(first_use) > 1
    assert several >= 20          # entries with two or more site words, where order can go wrong


@pytest.mark.exhaustive
def test_two_builds_with_different_hash_seeds_are_byte_identical(tmp_path):
    runs = []
    for seed in ("1", "2"):                  # both at once: two interpreters, one core each
        work = tmp_path / f"seed{seed}"
        runs.append((work / "site", subprocess.Popen(
            [sys.executable, "-c", _BUILD, str(ROOT), str(work / "site"), str(work / "build")], cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
    for _, process in runs:
        output, _ = process.communicate()
        assert process.returncode == 0, output
    (one, _), (two, _) = runs
    assert len(_files(one)) > 500              # the whole site was built, not an empty folder
    found = differences(one, two)
    assert not found, f"{len(found)} files differ between the two builds:\n" + "\n".join(found[:20])
