"""The model: what the data means, built only from data that passed generator.load.

entities    jurisdictions, rules, sources, claims, questions; inheritance; evidence grades
answer      the one-line answer of a rule, composed from parts (AnswerLine): the one place that words an outcome
vocabulary  the fixed words (levels, source classes, grades, verdicts, cash answers) with codes and order
urls        every address on the site: page files, URLs, anchors, relative links
dates       YYYY / YYYY-MM / YYYY-MM-DD as date ranges
currency    how current a rule is, computed from the dates of its answer's sources
history     rule changes over time (one place for page, feed and export)
quality     figures about the data itself
flow        the "can I take the money out?" question graph of one jurisdiction
grid        every place × every situation (own, inherited, researched, missing), its 引用本条 text, the data version
"""
from .answer import AnswerLine
from .entities import (Citation, Claim, EffectiveRule, GeneralQuestion, GlossaryTerm, Jurisdiction, KeyCondition,
                       KnowledgeBase, Milestone, Outcome, Place, ResearchEntry, Rule, RuleVersion, SeenIn, Service, Situation, Source,
                       Statement, Window)

__all__ = ["AnswerLine", "Citation", "Claim", "EffectiveRule", "GeneralQuestion", "GlossaryTerm", "Jurisdiction", "KeyCondition", "KnowledgeBase",
           "Milestone", "Outcome", "Place", "ResearchEntry", "Rule", "RuleVersion", "SeenIn", "Service", "Situation", "Source",
           "Statement", "Window"]
