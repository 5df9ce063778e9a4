"""Policy data → validation → model → rendering → site.

Modules, in the order data flows through them:
  yamlfile   read one YAML file, keeping line numbers, refusing duplicate keys
  problems   the one shape of an error a maintainer sees: FILE:LINE: field: message
  schema     check each file against policies/schema.json
  validate   cross-file checks (references, ids, dates) and the `validate` entry point
  model      typed objects: jurisdictions, rules, sources; inheritance; evidence grades
  export     site/api/v1/policies.json
  faq        questions generated from the rules + policies/faq.yaml; FAQ page, FAQPage JSON-LD
  render     Markdown pages through Jinja templates
  claims     the 网传说法核查 page (claims are never rules)
  build      generate docs, run MkDocs, swap the site in whole
"""
