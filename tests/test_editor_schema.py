"""What a volunteer's editor shows agrees with `validate`.

CONTRIBUTING recommends VS Code with Red Hat's YAML extension. It parses a file as YAML 1.2 (its
default), follows the file's `# yaml-language-server: $schema=…` line and checks the data against
that schema. These tests do the same with an independent YAML 1.2 parser (ruamel.yaml; PyYAML,
which the loader uses for speed, reads YAML 1.1 and cannot show what the editor sees) and
jsonschema: every file under policies/ shows zero schema errors, each file's schema line leads to
the definition the loader checks it against, and the loader and the editor agree on what a value
is and on which broken values are wrong.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urldefrag
from urllib.request import url2pathname

import jsonschema
import pytest
from referencing import Registry, Resource
from ruamel.yaml import YAML
from ruamel.yaml.resolver import BaseResolver

from helpers import ROOT, data_schema, load, read_yaml

POLICIES = ROOT / "policies"
FILES = sorted([*POLICIES.rglob("*.yaml"), *POLICIES.rglob("*.yml")])
MODELINE = re.compile(r"^#\s*yaml-language-server\s*:\s*\$schema=(\S+)")


class _Core12(BaseResolver):
    """The YAML 1.2 core schema's tag resolution (YAML 1.2.2, section 10.3.2), which the extension's
    parser (eemeli/yaml) applies in its default 1.2 mode. ruamel's own 1.2 resolver adds timestamps,
    `0b`, `_` separators and `0777` octals; the editor has none of them."""
    processing_version = (1, 2)

    def __init__(self, version=None, loader=None, loadumper=None):
        super().__init__(loader or loadumper)


for _tag, _pattern, _first in (
        ("null", r"~|null|Null|NULL|", "~nN"),
        ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
        ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
        ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
         "-+0123456789."),
):
    _Core12.add_implicit_resolver_base(f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"),
                                       list(_first) + ([""] if _tag == "null" else []))


@cache
def editor_data(text: str):
    """The data as the editor sees it (the same text is parsed once: ruamel's pure-Python parser is slow)."""
    parser = YAML(typ="safe", pure=True)
    parser.Resolver = _Core12
    return parser.load(text)


def schema_line(path: Path) -> str:
    """The schema a file names, as the extension finds it: the first comment line of that form."""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = MODELINE.match(line)
        if match:
            return match.group(1)
    pytest.fail(f"{path.relative_to(ROOT)} has no `# yaml-language-server: $schema=` line")


@cache
def _retrieve(uri: str) -> Resource:
    """Schemas are files next to the data; a reference elsewhere (the network) fails the test."""
    assert uri.startswith("file:"), uri
    return Resource.from_contents(json.loads(Path(url2pathname(uri[len("file:"):])).read_text(encoding="utf-8")))


REGISTRY = Registry(retrieve=_retrieve)


def editor_errors(path: Path, text: str | None = None) -> list[str]:
    """The schema errors the editor shows for a file (or for text saved as that file)."""
    uri = urljoin(path.as_uri(), schema_line(path))
    dialect = jsonschema.validators.validator_for(_retrieve(uri).contents)
    validator = dialect({"$ref": uri}, registry=REGISTRY)     # refs inside resolve against the schema file's URI
    data = editor_data(path.read_text(encoding="utf-8") if text is None else text)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def target_definition(path: Path) -> str:
    """Where a file's schema line leads, following each schema file's root $ref: a URI ending #/$defs/…"""
    uri = urljoin(path.as_uri(), schema_line(path))
    for _ in range(5):
        document, fragment = urldefrag(uri)
        node = _retrieve(document).contents
        for part in filter(None, fragment.split("/")):
            node = node[part]
        if "$ref" not in node:
            return uri
        uri = urljoin(document, node["$ref"])
    pytest.fail(f"{path}: $ref chain too long")


@pytest.fixture(scope="module")
def kinds() -> dict[Path, str]:
    """The definition the loader checks each file against, seen by watching it check the real data."""
    seen: dict[Path, str] = {}
    check = data_schema.check

    def watching(loaded, kind, text):
        seen[loaded.path.resolve()] = kind
        return check(loaded, kind, text)

    data_schema.check = watching
    try:
        load(ROOT)
    finally:
        data_schema.check = check
    return seen


def test_every_data_file_is_checked_by_the_loader(kinds):
    assert set(kinds) == {p.resolve() for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(POLICIES).as_posix())
def test_editor_shows_no_schema_error(path):
    assert editor_errors(path) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(POLICIES).as_posix())
def test_schema_line_leads_to_the_loaders_definition(path, kinds):
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), "not on the first line"
    assert target_definition(path) == (POLICIES / "schema.json").as_uri() + "#/$defs/" + kinds[path.resolve()]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(POLICIES).as_posix())
def test_loader_reads_the_values_the_editor_reads(path):
    loaded, problems = read_yaml(path, path.name)
    assert problems == []
    assert loaded.data == editor_data(path.read_text(encoding="utf-8"))


SCALARS = ["1", "'1'", "0o17", "0x1f", "017", "1_000", "1e3", ".5", "1.", "-.inf", "true", "True", "TRUE",
           "yes", "no", "on", "off", "y", "~", "null", "", "2024-05-20", "2024-05", "2018", '"2018"', "12:30",
           "1:20", "+1", "-0", "0b101", "第三条", "<<", "=", "!!str 1"]


@pytest.mark.parametrize("scalar", SCALARS)
def test_loader_types_a_value_as_yaml_1_2_does(scalar, tmp_path):
    path = tmp_path / "value.yaml"
    path.write_text(f"value: {scalar}\n", encoding="utf-8")
    loaded, problems = read_yaml(path, "value.yaml")
    assert problems == []
    expected = editor_data(path.read_text(encoding="utf-8"))["value"]
    assert loaded.data["value"] == expected and type(loaded.data["value"]) is type(expected)


CHANGSHA = POLICIES / "hunan/changsha.yaml"
GLOSSARY = POLICIES / "glossary.yaml"


def as_written(text: str) -> str:
    return text


# (file, text → edited text, is it valid): each edit is judged the same by the editor and by validate.
EDITS = {
    "cite as written (number)": (CHANGSHA, as_written, True),
    "cite quoted": (CHANGSHA, lambda t: t.replace("cite: [1]", 'cite: ["1"]', 1), False),
    "cite zero": (CHANGSHA, lambda t: t.replace("cite: [1]", "cite: [0]", 1), False),
    "cite not a list": (CHANGSHA, lambda t: t.replace("cite: [1]", "cite: 1", 1), False),
    "year quoted": (CHANGSHA, lambda t: t.replace("last_verified: 2026-11-23", 'last_verified: "2026"', 1), True),
    "year as number": (CHANGSHA, lambda t: t.replace("last_verified: 2026-11-23", "last_verified: 2026", 1), False),
    "slash date": (CHANGSHA, lambda t: t.replace("last_verified: 2026-11-23", "last_verified: 2026/11/23", 1), False),
    "number as name": (CHANGSHA, lambda t: t.replace("name: 长沙市", "name: 2024", 1), False),
    "boolean as summary": (CHANGSHA, lambda t: re.sub(r"summary: .*", "summary: true", t, count=1), False),
    "unknown field": (CHANGSHA, lambda t: t.replace("name: 长沙市", "name: 长沙市\nnmae: 长沙", 1), False),
    "enum word misspelt": (CHANGSHA, lambda t: t.replace("class: 第三方", "class: 三方", 1), False),
    "yes is a word": (CHANGSHA, lambda t: t.replace("name: 长沙市", "name: yes", 1), True),
    "editorial as written (boolean)": (GLOSSARY, as_written, True),
    "editorial quoted": (GLOSSARY, lambda t: t.replace("editorial: true", 'editorial: "true"', 1), False),
    "editorial yes": (GLOSSARY, lambda t: t.replace("editorial: true", "editorial: yes", 1), False),
}


@pytest.mark.parametrize("case", list(EDITS))
def test_editor_and_loader_judge_a_value_alike(case, tmp_path, kinds):
    path, change, valid = EDITS[case]
    text = change(path.read_text(encoding="utf-8"))
    assert change is as_written or text != path.read_text(encoding="utf-8"), "test setup: nothing edited"
    editor = editor_errors(path, text)          # as if typed into the real file: its schema line is relative
    saved = tmp_path / path.name
    saved.write_text(text, encoding="utf-8")
    loaded, problems = read_yaml(saved, path.name)
    assert problems == []
    loader = data_schema.check(loaded, kinds[path.resolve()], (POLICIES / "schema.json").read_text(encoding="utf-8"))
    assert (not editor, not loader) == (valid, valid), (editor, [str(p) for p in loader])


def test_kind_schemas_only_point_into_schema_json():
    """One home for the data's shape: the small schema files name a definition of schema.json, nothing more."""
    kinds = sorted(POLICIES.glob("*.schema.json"))
    assert len(kinds) >= 4
    for path in kinds:
        contents = json.loads(path.read_text(encoding="utf-8"))
        assert set(contents) <= {"$schema", "title", "description", "$ref"}, path.name
        assert contents["$ref"].startswith("schema.json#/$defs/"), path.name
