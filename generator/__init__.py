"""Policy data → checks → model → pages and exports → site. Each stage is a package; imports go one way.

  generator/model/   what the data means: entities (rules, sources, inheritance, grades), the fixed
                     vocabulary, the address builder (urls), dates, history, quality, the flow graph.
                     Imports nothing outside the standard library.
  generator/load/    files → KnowledgeBase: YAML with lines, schema, text lint, cross-file checks,
                     the dead-URL list. load_knowledge_base() is the one entry point; it runs every check.
  generator/pages/   Markdown out, through one Jinja environment (templates/, partials start with "_").
  generator/export/  policies.json, rules.csv (every place × situation), citations.csv, yibao.sqlite (with a
                     jieba-segmented full-text index and Datasette metadata), schema.json, Atom feeds.
  generator/site/    MkDocs config and navigation, the build with its atomic swap, compaction, search words.
  generator/tools/   new-city skeleton, opt-in check-links and check-quotes (online).
  paths              the project's layout (Paths: policies/, content/, mkdocs.yml, build/, site/ …); --root
                     sets it for every stage, PROJECT is this checkout.
  __main__           python -m generator validate | build | serve | new-city | check-links | check-quotes
"""
