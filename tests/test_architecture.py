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


def test_a_page_renders_from_its_own_render_without_module_state():
    """A fresh process renders one place page straight from a Render it made: no registry has to be
    filled first (urls.place_sources() used to be required, or any sources link was a KeyError)."""
    code = ("from generator.load import load_knowledge_base; from generator.paths import PROJECT; "
            "from generator.pages import addresses; from generator.pages.markup import Render; "
            "from generator.pages.jurisdiction import jurisdiction_page; "
            "kb = load_knowledge_base(PROJECT); site = addresses(kb); "
            "page = jurisdiction_page(kb, Render(site, 'x'), kb.jurisdictions['changsha']); "
            "source = kb.effective_rules(kb.jurisdictions['changsha'])[0].rule.citations[0].source.id; "
            "print(site.source_page(source) in page.replace('../', '') or site.source_page(source))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True", result.stdout


def test_root_is_honoured_for_the_schema_and_the_guide(data_copy, capsys):
    """--root sets every path: the schema validate checks against and the guide the site publishes are
    the root's (both were read next to the package)."""
    from helpers import cli_main, generate
    schema = data_copy / "policies/schema.json"
    document = json.loads(schema.read_text(encoding="utf-8"))
    document["$defs"]["jurisdictionFile"]["properties"]["name"]["maxLength"] = 2
    schema.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["--root", str(data_copy), "validate"]) == 1
    assert "policies/hunan/changsha.yaml:" in capsys.readouterr().out        # 长沙市 is three characters
    del document["$defs"]["jurisdictionFile"]["properties"]["name"]["maxLength"]
    schema.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    guide = data_copy / "CONTRIBUTING.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n本副本专有的一句话。\n", encoding="utf-8")
    config = generate(data_copy, data_copy / "build")
    assert "本副本专有的一句话。" in (config.parent / "docs/contributing.md").read_text(encoding="utf-8")
    export = json.loads((config.parent / "docs/api/v1/schema.json").read_text(encoding="utf-8"))
    assert export == document                     # the published format is the one the data was checked against


def test_loading_and_rendering_leave_every_module_as_it_was():
    """No module-level registry: in a fresh process, loading the data, rendering every page and exporting
    change no dict, list or set held by a generator module (urls.place_sources() filled one, and
    pages.markup.SITE was set per render). Caches of pure functions (functools) are not data."""
    code = """
import importlib, json, pkgutil, sys
import generator
from generator.paths import PROJECT
names = [m.name for m in pkgutil.walk_packages(generator.__path__, "generator.") if not m.name.endswith("__main__")]
modules = [importlib.import_module(n) for n in names]
def state():
    return {f"{m.__name__}.{k}": repr(v) for m in modules for k, v in vars(m).items()
            if isinstance(v, (dict, list, set)) and not k.startswith("__")}
before = state()
from generator.load import load_knowledge_base
from generator.pages import render_pages
from generator.export import export_files
kb = load_knowledge_base(PROJECT)
render_pages(kb, PROJECT.site_name()); export_files(kb, PROJECT.site_name())
after = state()
print(json.dumps(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], result.stdout
