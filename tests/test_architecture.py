"""The stage packages import only downward, and the fixed words have one home."""
from __future__ import annotations

import json
import subprocess
import sys

from helpers import ROOT

RENDERING = ["jinja2", "markdown", "pypinyin", "jieba", "mkdocs"]


def _modules_after(statement: str) -> set[str]:
    code = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout))


def test_loading_the_data_pulls_in_no_rendering_library():
    loaded = _modules_after("import generator.load; from generator.load import load_knowledge_base")
    assert "generator.load" in loaded
    assert not {m for m in loaded if m.split(".")[0] in RENDERING}
    assert not {m for m in loaded if m.startswith(("generator.pages", "generator.export", "generator.site"))}


def test_the_model_stands_alone():
    loaded = _modules_after("import generator.model.flow, generator.model.urls, generator.model.quality")
    assert not {m for m in loaded if m.split(".")[0] in RENDERING + ["yaml", "jsonschema"]}
    assert not {m for m in loaded if m.startswith(("generator.load", "generator.pages", "generator.export"))}


def test_validate_runs_without_the_rendering_libraries(tmp_path):
    """`python -m generator validate` must work where Jinja, pypinyin (finder), jieba, Markdown or MkDocs
    are missing: the loading stage promises no rendering library (a blocked import raises ImportError)."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(f"import sys\nfor name in {RENDERING!r}:\n    sys.modules[name] = None\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=ROOT, capture_output=True,
                            text=True, env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "数据有效" in result.stdout


def test_schema_enums_are_the_vocabulary():
    """schema.json (for editors) lists the same words as generator.model.vocabulary (for the code)."""
    from generator.model import vocabulary
    defs = json.loads((ROOT / "policies/schema.json").read_text(encoding="utf-8"))["$defs"]
    assert defs["jurisdictionFile"]["properties"]["level"]["enum"] == list(vocabulary.LEVELS)
    assert defs["source"]["properties"]["class"]["enum"] == list(vocabulary.SOURCE_CLASSES)
    assert defs["claim"]["properties"]["verdict"]["enum"] == list(vocabulary.VERDICTS)
    outcome = defs["vocabularyFile"]["properties"]["outcomes"]["items"]
    assert outcome["properties"]["cash"]["enum"] == list(vocabulary.CASH)


def test_site_title_has_one_home(built):
    import yaml
    title = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    assert f"<name>{title}</name>" in (built / "feed.xml").read_text(encoding="utf-8")
