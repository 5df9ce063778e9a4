"""The benchmark still works: synthetic data validates and builds, and the report names every figure.

Not a timed test: speed targets are checked by bench/run.py, never here.
"""
from __future__ import annotations

import json

import pytest

from helpers import load


def test_synthetic_country_validates(tmp_path):
    from bench.synth import synthesise
    counts = synthesise(tmp_path, 8)
    kb = load(tmp_path)
    cities = [j for j in kb.jurisdictions.values() if j.level == "city"]
    assert len(cities) == 8 and len(kb.provinces()) == 31
    assert sum(len(j.rules) for j in kb.jurisdictions.values()) > counts["rules"] // 2
    synthetic = [s for s in kb.sources.values() if s.defined_in != "national"]
    assert synthetic and all(s.title.startswith("合成来源") for s in synthetic)
    assert all(s.url is None or s.url.startswith("https://example.invalid/") for s in synthetic)
    # some city inherits at least one rule from its province or the nation
    assert any(e.inherited_from for j in cities for e in kb.effective_rules(j))


@pytest.mark.exhaustive
def test_report_has_every_figure(tmp_path, capsys):
    """The whole benchmark at N=4 (and 1): it builds its synthetic sites several times over."""
    from bench.run import FIGURES, TARGETS, main, report
    assert main(["--n", "4", "--json", "--keep", str(tmp_path)]) == 0
    figures = json.loads(capsys.readouterr().out)
    small, big = figures["results"]
    assert (small["n"], big["n"]) == (1, 4)
    for result in (small, big):
        assert {key for key, _, _ in FIGURES} <= result.keys()
        assert 0 < result["search_index_gz_kb"] < result["search_index_kb"]
        assert result["median_city_page_kb"] < result["median_city_loads_kb"]
    assert set(figures["targets"]) == {text for text, _ in TARGETS}
    text = report(figures["results"], figures["machine"])
    for _, label, _ in FIGURES:
        assert f"| {label} |" in text, label
    for target, _ in TARGETS:
        assert target in text
