"""The site: MkDocs config and navigation, the build with its atomic swap, HTML compaction, search words.

build    generate docs/ + mkdocs.yml from the data, run MkDocs --strict, swap site/ in whole
compact  strip theme indentation from built HTML
search   the search segmenter's dictionary from the data
"""


class BuildError(Exception):
    """The site could not be built; site/ is left as it was."""


PAGE_BUDGET_KB = 150   # gzipped KB a city page may load with its CSS and JS, search index excluded
