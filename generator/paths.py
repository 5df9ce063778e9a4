"""Where things are in a project: the one place the project's layout is written down.

A Paths is made from the project root (python -m generator --root sets it; PROJECT is this checkout)
and handed to every stage that reads or writes files: loading (policies/, data/), the pages (the
contributor guide), the site (mkdocs.yml, content/, site_overrides/, build/, site/) and the tools.
Code that ships with the generator (its templates) is found next to the code, not under the root.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    root: Path

    @classmethod
    def of(cls, where: "Paths | Path | str") -> "Paths":
        """A Paths, or the one for a project root given as a path."""
        return where if isinstance(where, Paths) else cls(Path(where))

    @property
    def policies(self) -> Path:
        return self.root / "policies"

    @property
    def schema(self) -> Path:
        """The data format (policies/schema.json): what the loader checks and the site publishes."""
        return self.policies / "schema.json"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def content(self) -> Path:
        """Hand-written pages."""
        return self.root / "content"

    @property
    def contributing(self) -> Path:
        """CONTRIBUTING.md, also published as the site's 参与维护 page."""
        return self.root / "CONTRIBUTING.md"

    @property
    def mkdocs(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build(self) -> Path:
        """Generated Markdown, the generated MkDocs config and the live preview."""
        return self.root / "build"

    @property
    def site(self) -> Path:
        """The published site."""
        return self.root / "site"

    def mkdocs_config(self) -> dict:
        import yaml         # a data library: loading the project's config needs nothing that renders
        return yaml.safe_load(self.mkdocs.read_text(encoding="utf-8"))

    def site_name(self) -> str:
        """The site's name (mkdocs.yml site_name): the one home of the title."""
        return self.mkdocs_config()["site_name"]


PROJECT = Paths(Path(__file__).resolve().parent.parent)     # this checkout: the default --root
