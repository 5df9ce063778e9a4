"""Policy data → validation → model → rendering → site.

Modules, in the order data flows through them:

  data in      yamlfile   read one YAML file, keeping line numbers, refusing duplicate keys
               dates      YYYY / YYYY-MM / YYYY-MM-DD as date ranges
               problems   the one shape of an error: FILE:LINE: field: message (+ spelling hints)
  validation   schema     check each file against policies/schema.json
               validate   cross-file checks (references, ids, hierarchy, dates); load_knowledge_base
               textcheck  maintainer lint: no HTML in text, no markup symbols in names
               links      known-dead URLs with archived copies; opt-in live check-links
  model        model      jurisdictions, rules, sources, claims; inheritance; evidence grades
               history    rule changes over time (one place for page, feed and export)
               quality    figures about the data itself
  rendering    markup     escaping, links between pages, the Jinja environment
               render     jurisdiction pages, sources page, home page
               flow       the "can I take the money out?" flow: SVG, text and checker data
               faq        questions from the rules + policies/faq.yaml, FAQPage JSON-LD
               compare    comparison table and per-situation pages
               claims     the 网传说法核查 page (claims are never rules)
               report_pages  what changed, data quality
               finder     home-page city finder (pinyin at build time)
               contributing  CONTRIBUTING.md as a site page
  exports      export     api/v1/policies.json, rules.csv, schema.json
               feed       Atom feeds of changes
  site         build      generate docs, run MkDocs, compact HTML, swap the site in whole
               compact    strip theme indentation from built HTML
  tools        scaffold   new-city skeleton;  __main__: validate | build | serve | new-city | check-links
"""
