"""What the data means: jurisdictions, rules, sources, inheritance and evidence grades.

This is the one place that knows what a "rule" is. Objects are built only from
data that already passed validation (generator.load).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .answer import AnswerLine, compose, how_unknown_note
from .vocabulary import (ASKED_KIND, CLAIMABLE, CLASS_TEXT, CONDITION, CURRENT, LOCATOR_UNKNOWN, PROVINCIAL, READ_FROM,
                         UNVERIFIED_GRADE, VERDICTS)

@dataclass(frozen=True)
class Situation:
    id: str
    name: str
    question: str
    order: int
    fallback: bool = False   # the general case: where "none of the above" ends in the flow
    added: str | None = None  # the day it joined the vocabulary: research before it did not look for it


@dataclass(frozen=True)
class Outcome:
    id: str
    name: str
    short: str
    cash: str          # 能 / 视情况 / 不能 / 未查明


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    source_class: str  # official / media / third-party
    issuer: str | None
    document_number: str | None
    issued: str | None
    effective_from: str | None
    url: str | None
    official_copy: bool
    retrieved: str | None
    note: str | None
    defined_in: str    # jurisdiction id of the file that declares it ("glossary" for policies/glossary.yaml)
    outlet: str | None = None   # the news outlet of a media source (required for media)
    shown_title: str | None = None   # the title in simplified characters without pinyin, when that differs

    @property
    def readable_title(self) -> str:
        """The title as pages show it (the data and the export keep it as written)."""
        return self.shown_title or self.title

    @property
    def grade(self) -> str:
        """Evidence grade this source alone can give a rule."""
        if self.source_class == "official":
            return "A" if self.official_copy else "B"
        if self.source_class == "media":
            return "B"
        return "C"


@dataclass(frozen=True)
class CitationText:
    """What a citation shows in one style, as parts: pages link the title and escape each part
    (pages/pieces.py), plain text (JSON-LD, feeds, the checker) joins them (Citation.describe)."""
    title: str
    details: tuple[str, ...]     # in brackets after the title, joined by "，"
    quoted: bool                 # the locator and the quote follow: · 条款：“原文”
    locator: str | None          # None: not known (LOCATOR_UNKNOWN)
    quote: str


# The one list of citation styles; a style means the same facts wherever it is used.
CITATION_STYLES = {
    "full": "标题（类别，文号，读自…）· 条款：“原文”",       # a rule's 依据 list, claims, the FAQ page, the checker
    "short": "标题（类别，文号，条款）",                     # comparison footnotes
    "brief": "标题（类别）",                                # a place's FAQ answers, on the page and in its JSON-LD
    "title": "标题（文号）",                                # what changed, on the page and in the feeds
    "name": "标题",                                         # an earlier version citing what the rule cites
}


@dataclass(frozen=True)
class Citation:
    source: Source
    locator: str | None
    quote: str                 # as in the data and the excerpt: the source's characters, reprint residue included
    # (raw quote, quote in simplified characters without pinyin residue, whether the raw was traditional), set by
    # the loader (OpenCC lives there); it holds only for the quote it was made from (a replaced quote shows as is)
    display: tuple[str, str, bool] | None = None

    @property
    def shown(self) -> str | None:
        """The converted quote when it differs from the quote, else None."""
        d = self.display
        return d[1] if d and d[0] == self.quote and d[1] != self.quote else None

    @property
    def readable(self) -> str:
        """The quote as pages show it."""
        return self.shown or self.quote

    @property
    def converted(self) -> bool:
        """The page shows a converted quote (traditional reprint, pinyin residue): it says so and links the excerpt."""
        return self.shown is not None

    @property
    def traditional(self) -> bool:
        return self.converted and self.display[2]

    def text(self, style: str = "full") -> CitationText:
        """The one citation formatter: the facts a style shows (CITATION_STYLES), in order."""
        if style not in CITATION_STYLES:
            raise ValueError(f"unknown citation style {style!r}: one of {', '.join(CITATION_STYLES)}")
        source = self.source
        number = (source.document_number,) if source.document_number else ()
        if style == "name":
            details = ()
        elif style == "title":
            details = number
        else:
            details = (CLASS_TEXT[source.source_class],)
            if style in ("full", "short"):
                details += number
            if style == "full" and source.source_class == "official":
                details += (READ_FROM[source.official_copy],)
            if style == "short" and self.locator:
                details += (self.locator,)
        return CitationText(source.readable_title, details, style == "full", self.locator, self.readable)

    def describe(self, style: str = "full", titled: bool = True) -> str:
        """The citation as plain text (JSON-LD, feeds, the checker); titled=False leaves the title out
        (the checker shows it as a link of its own)."""
        t = self.text(style)
        out = (t.title if titled else "") + (f"（{'，'.join(t.details)}）" if t.details else "")
        if t.quoted:
            out += f"· {t.locator or LOCATOR_UNKNOWN}：“{t.quote}”"
        return out


def best_grade(citations) -> str | None:
    """Computed, never typed: the strongest grade among some citations (None for none)."""
    return min((c.source.grade for c in citations), default=None)


@dataclass(frozen=True)
class Statement:
    """One thing a rule says (a condition, a material, a step, a time limit…) and which of the
    rule's citations say it: 1-based positions, the footnote numbers readers see."""
    text: str
    cites: tuple[int, ...]

    def exported(self) -> dict:
        """The export's shape: citations as 0-based indexes into the rule's citations."""
        return {"text": self.text, "citations": [n - 1 for n in self.cites]}


@dataclass(frozen=True)
class KeyCondition(Statement):
    """A rule's key condition (vocabulary.KEY_CONDITION_KINDS): a condition the reader meets or not (asked,
    shown as 条件：…) or an explanation of how the result comes about (never asked, shown as written)."""
    kind: str = ASKED_KIND

    @property
    def asked(self) -> bool:
        """The checker asks it as its own yes/no question."""
        return self.kind == ASKED_KIND

    @property
    def prefix(self) -> str:
        """What stands before its text next to the outcome: 条件： for a condition, nothing for an explanation."""
        return CONDITION if self.asked else ""

    def exported(self) -> dict:
        return {**super().exported(), "kind": self.kind}


@dataclass(frozen=True)
class Place:
    type: str
    name: str
    note: str | None
    cites: tuple[int, ...] = ()

    def exported(self) -> dict:
        return {"type": self.type, "name": self.name, "note": self.note, "citations": [n - 1 for n in self.cites]}


@dataclass(frozen=True)
class Service:
    """How to reach the office of a jurisdiction: channels and contacts, each cited."""
    channels: tuple[Place, ...]
    address: Statement | None
    hours: Statement | None
    phone: Statement | None
    notes: tuple[str, ...]
    citations: tuple["Citation", ...]


@dataclass(frozen=True)
class Window:
    """The dates a source gives for a practice bounded in time (e.g. a 集中办理期): outside them the rule's
    answer is not known to hold. start may be unknown; until is required."""
    start: str | None
    until: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class RuleVersion:
    """An earlier version of a rule: what it said, when it applied, and the sources for that."""
    outcome: Outcome
    summary: str
    effective_from: str | None
    effective_until: str
    conditions: tuple[str, ...]
    notes: tuple[str, ...]
    citations: tuple[Citation, ...]
    answer_cites: tuple[int, ...] = ()      # the citations that say the outcome and summary, 1-based

    @property
    def answer_citations(self) -> tuple[Citation, ...]:
        """The citations that say this version's outcome and summary (answer_cite: required)."""
        return tuple(self.citations[n - 1] for n in self.answer_cites)

    @property
    def answer_numbers(self) -> tuple[int, ...]:
        return self.answer_cites

    @property
    def evidence(self) -> str:
        """The version's grade: the best among its answer's citations only."""
        return best_grade(self.answer_citations)


@dataclass(frozen=True)
class Rule:
    jurisdiction_id: str   # where the rule is written down
    situation: Situation
    outcome: Outcome
    summary: str
    conditions: tuple[Statement, ...]
    materials: tuple[Statement, ...]
    steps: tuple[Statement, ...]
    where: tuple[Place, ...]
    time_limit: Statement | None
    notes: tuple[str, ...]
    effective_from: str | None
    last_verified: str
    citations: tuple[Citation, ...]
    history: tuple[RuleVersion, ...] = ()   # earlier versions, newest first
    proxy: Statement | None = None          # may someone else apply, and with what
    payout: Statement | None = None         # how and to whom the money is paid
    fees: Statement | None = None
    status: str = "current"                 # vocabulary.STATUS_CODES values, or "current"
    status_reason: str | None = None
    status_cites: tuple[int, ...] = ()      # disputed: the conflicting citations, 1-based
    key_condition: KeyCondition | None = None   # what limits the outcome, shown wherever the outcome is
    answer_cites: tuple[int, ...] = ()      # the citations that say the outcome and summary (the answer), 1-based
    current_cites: tuple[int, ...] = ()     # dated citations saying the practice still applies (currency only)
    window: Window | None = None            # the practice holds only between these dates

    @property
    def answer_citations(self) -> tuple[Citation, ...]:
        """The citations whose quotes say the outcome and summary (answer_cite: the validator refuses a rule
        without one)."""
        return tuple(self.citations[n - 1] for n in self.answer_cites)

    @property
    def answer_numbers(self) -> tuple[int, ...]:
        """answer_citations as 1-based footnote numbers."""
        return self.answer_cites

    def grade_of(self, cites) -> str | None:
        """The grade of one statement: the best among the citations it names (1-based numbers)."""
        return best_grade(self.citations[n - 1] for n in cites if 0 < n <= len(self.citations))

    def weaker(self, cites) -> str | None:
        """The statement's grade when it is weaker than the rule's (its answer's), else None."""
        grade = self.grade_of(cites)
        return grade if grade and grade > self.evidence else None

    @property
    def limited(self) -> bool:
        """The outcome holds only under a stated condition, or the rule may not be current: either
        way an outcome shown without it would say more than the sources do."""
        return self.key_condition is not None or self.status != CURRENT

    def answer_line(self, short: bool = False) -> AnswerLine:
        """The outcome as it is stated anywhere (boxes, cells, answers), composed from parts (model.answer):
        never without its key condition or its status word."""
        return compose(self, short)

    @property
    def as_of(self) -> str | None:
        """The newest `issued` date among the sources of the answer, and of the dated records cited as saying
        it still applies (current_cite), as precise as known; None when all are undated. Currency is
        computed from it (model.currency)."""
        from .currency import newest
        cited = self.answer_citations + tuple(self.citations[n - 1] for n in self.current_cites)
        return newest(c.source.issued for c in cited if c.source.issued)

    @property
    def id(self) -> str:
        """One rule per situation per jurisdiction, so the situation id names the rule."""
        return self.situation.id

    @property
    def evidence(self) -> str:
        """Computed, never typed: the strongest grade among the answer's citations only (an
        off-target official citation of a condition or a step does not lift the rule)."""
        return best_grade(self.answer_citations)

    @property
    def unverified(self) -> bool:
        return self.evidence == UNVERIFIED_GRADE

    def statements(self) -> dict:
        """Everything the rule says, statement by statement, in the export's shape: each with its own grade."""
        def graded(s) -> dict:
            return {**s.exported(), "grade": self.grade_of(s.cites)}

        one = lambda s: graded(s) if s else None    # noqa: E731
        return {"conditions": [graded(s) for s in self.conditions],
                "materials": [graded(s) for s in self.materials],
                "steps": [graded(s) for s in self.steps],
                "where": [graded(p) for p in self.where],
                "time_limit": one(self.time_limit), "proxy": one(self.proxy), "payout": one(self.payout),
                "fees": one(self.fees), "key_condition": one(self.key_condition), "notes": list(self.notes), "as_of": self.as_of, "status": self.status,
                "status_reason": self.status_reason,
                **({"status_citations": [n - 1 for n in self.status_cites]} if self.status == "disputed" else {}),
                "current_citations": [n - 1 for n in self.current_cites],
                "window": ({"from": self.window.start, "until": self.window.until,
                            "citations": [n - 1 for n in self.window.cites]} if self.window else None)}


@dataclass(frozen=True)
class SeenIn:
    """Where a circulating claim was seen; never a source."""
    title: str
    note: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class Claim:
    """A circulating claim and our verdict on it. Kept apart from rules: it is never one."""
    id: str
    jurisdiction_id: str
    text: str
    seen_in: SeenIn
    verdict: str           # a key of VERDICTS
    reasoning: str
    citations: tuple[Citation, ...]
    situation: Situation | None = None   # what the claim is about, when it is about one situation
    outcome: Outcome | None = None       # the outcome it asserts there

    @property
    def verdict_code(self) -> str:
        return VERDICTS[self.verdict][0]

    @property
    def verdict_meaning(self) -> str:
        return VERDICTS[self.verdict][1]


@dataclass(frozen=True)
class Milestone:
    """A dated national or provincial change (policies/*.yaml `milestones:`) that may outdate
    earlier rules of its situations, in its own jurisdiction and everywhere below it."""
    id: str
    date: str                       # as precise as known: YYYY, YYYY-MM or YYYY-MM-DD
    title: str
    jurisdiction_id: str            # the file it is written in: its scope
    situations: tuple[Situation, ...]
    effect: str
    issuer: str | None
    document_number: str | None
    note: str | None
    citations: tuple[Citation, ...]

    def about(self, situation_id: str) -> bool:
        return any(s.id == situation_id for s in self.situations)


@dataclass(frozen=True)
class EffectiveRule:
    """A rule as it applies in a jurisdiction, possibly inherited from above."""
    rule: Rule
    inherited_from: "Jurisdiction | None"

    @property
    def how_unknown(self) -> bool:
        """Inherited from a rule that says nothing of where or how to apply (e.g. the national
        "余额可以继承"): the place's own procedure is unknown, which is not a local yes."""
        r = self.rule
        return (self.inherited_from is not None and r.outcome.cash in CLAIMABLE
                and not (r.where or r.steps or r.materials))

    def answer_line(self, short: bool = False) -> AnswerLine:
        """The rule's line (Rule.answer_line), saying whose rule it is when it says nothing of how to
        apply here (how_unknown)."""
        return compose(self.rule, short, how_unknown_note(self.inherited_from) if self.how_unknown else None)


@dataclass(frozen=True)
class ResearchEntry:
    """What was looked for, when, and what came of it (研究记录): shown under 我们查过什么.

    situations: the situations the entry names; empty means every situation of the vocabulary on its date.
    """
    date: str
    searched: str
    result: str
    situations: tuple[Situation, ...] = ()
    covered: tuple[Situation, ...] = ()     # what was looked for: those named, else the vocabulary on its date

    def covers(self, situation_id: str) -> bool:
        """Only what the entry says was searched: the situations it names, or (naming none) those in the
        vocabulary on its date — never one added later (loader: jurisdictions.research)."""
        return any(s.id == situation_id for s in self.covered)


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: str
    short_name: str
    level: str            # national / province / city
    parent_id: str | None
    last_verified: str | None   # None only for a new area with no rules yet
    notes: tuple[str, ...]
    rules: tuple[Rule, ...]
    file: str
    research: tuple[ResearchEntry, ...] = ()   # newest as written; never a rule
    service: Service | None = None

    def researched(self, situation_id: str) -> bool:
        """Someone looked for this situation here (or for the whole jurisdiction) and wrote it down."""
        return any(entry.covers(situation_id) for entry in self.research)


@dataclass(frozen=True)
class GeneralQuestion:
    """A hand-written question of policies/faq.yaml, answered with citations and links to rules."""
    id: str
    question: str
    answer_text: str
    citations: tuple[Citation, ...]
    rules: tuple[tuple[Jurisdiction, EffectiveRule], ...]
    situations: tuple[Situation, ...]
    last_verified: str


@dataclass(frozen=True)
class GlossaryTerm:
    """An entry of policies/glossary.yaml: a term, its other names, a plain definition and its sources."""
    id: str                         # the term's anchor on the glossary page (g1, g2, … in file order)
    term: str
    aliases: tuple[str, ...]
    definition: str
    citations: tuple[Citation, ...]  # empty only when editorial
    editorial: bool
    note: str | None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the term goes by, the term first."""
        return (self.term,) + self.aliases


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the data says, frozen: a changed copy is made with dataclasses.replace (which starts
    with empty caches), so what is computed once from it (cached_property below) cannot go stale."""
    situations: list[Situation]
    outcomes: list[Outcome]
    jurisdictions: dict[str, Jurisdiction]   # in display order
    sources: dict[str, Source]               # sorted by id
    questions: list[GeneralQuestion] = field(default_factory=list)   # policies/faq.yaml
    search_terms: list[str] = field(default_factory=list)  # domain words kept whole by the search segmenter
    synonyms: list[tuple[str, ...]] = field(default_factory=list)  # search synonym groups, standard word first
    glossary: list[GlossaryTerm] = field(default_factory=list)     # policies/glossary.yaml, in file order
    claims: list[Claim] = field(default_factory=list)   # in file order
    schema: str = ""        # policies/schema.json as read by the loader: the format the data was checked against
    archived: dict[str, str] = field(default_factory=dict)  # dead source URL → archived copy (data/known-dead-urls.yaml)
    places: list = field(default_factory=list)       # model.places.Division: every prefecture-level place and municipality
    provincial_names: dict[str, str] = field(default_factory=dict)   # provincial id → official name (四川省), file or not
    excerpts: dict[str, str] = field(default_factory=dict)  # source id → the archived passages read (policies/excerpts/)
    milestones: list = field(default_factory=list)   # Milestone, newest first
    edition: object = None       # grid.Edition: the data version (date + commit), set by the loader

    def milestones_for(self, jurisdiction: Jurisdiction, situation_id: str | None = None) -> list:
        """The milestones that apply in a jurisdiction (its own and those of every level above),
        newest first; with a situation, only those about it."""
        scope = {jurisdiction.id} | {a.id for a in self.ancestors(jurisdiction)}
        return [m for m in self.milestones if m.jurisdiction_id in scope
                and (situation_id is None or m.about(situation_id))]

    def service_for(self, jurisdiction: Jurisdiction) -> Jurisdiction | None:
        """Where the nearest cited contacts are written: the place itself, else its province or the nation."""
        return next((a for a in [jurisdiction] + self.ancestors(jurisdiction) if a.service), None)

    def claims_about(self, jurisdiction: Jurisdiction) -> list[Claim]:
        return [c for c in self.claims if c.jurisdiction_id == jurisdiction.id]

    def claims_citing(self, source: Source) -> list[Claim]:
        return [c for c in self.claims if any(cite.source.id == source.id for cite in c.citations)]

    def parent(self, jurisdiction: Jurisdiction) -> Jurisdiction | None:
        return self.jurisdictions.get(jurisdiction.parent_id) if jurisdiction.parent_id else None

    def ancestors(self, jurisdiction: Jurisdiction) -> list[Jurisdiction]:
        """Nearest first: city → province → national."""
        chain, current = [], self.parent(jurisdiction)
        while current is not None:
            chain.append(current)
            current = self.parent(current)
        return chain

    def children(self, jurisdiction: Jurisdiction) -> list[Jurisdiction]:
        return list(self._children.get(jurisdiction.id, ()))

    @cached_property
    def _children(self) -> dict[str, list[Jurisdiction]]:
        """Parent id → children in display order, built once (asked per page: quadratic at 400 regions)."""
        found: dict[str, list[Jurisdiction]] = {}
        for j in self.jurisdictions.values():
            if j.parent_id:
                found.setdefault(j.parent_id, []).append(j)
        return found

    @cached_property
    def display_order(self) -> dict[str, int]:
        """Jurisdiction id → its position in display order."""
        return {jid: i for i, jid in enumerate(self.jurisdictions)}

    def effective_rules(self, jurisdiction: Jurisdiction) -> list[EffectiveRule]:
        """Own rules, plus the nearest ancestor's rule for every situation not overridden.
        Computed once per jurisdiction of this knowledge base (every producer asks)."""
        if self.jurisdictions.get(jurisdiction.id) is not jurisdiction:     # not one of ours: nothing to keep
            return self._inherit(jurisdiction)
        cached = self._effective.get(jurisdiction.id)
        if cached is None:
            cached = self._effective[jurisdiction.id] = self._inherit(jurisdiction)
        return list(cached)

    def _inherit(self, jurisdiction: Jurisdiction) -> list[EffectiveRule]:
        chosen: dict[str, EffectiveRule] = {}
        for owner in [jurisdiction] + self.ancestors(jurisdiction):
            for rule in owner.rules:
                chosen.setdefault(rule.id, EffectiveRule(rule, None if owner is jurisdiction else owner))
        return sorted(chosen.values(), key=lambda e: e.rule.situation.order)

    @cached_property
    def _effective(self) -> dict[str, list[EffectiveRule]]:
        """Jurisdiction id → its effective rules, filled as asked."""
        return {}

    def rules_citing(self, source: Source) -> list[tuple[Jurisdiction, Rule]]:
        return self._citing.get(source.id, [])

    @cached_property
    def _citing(self) -> dict[str, list[tuple[Jurisdiction, Rule]]]:
        """Source id → the rules citing it, built once: asking per source was quadratic at 400 regions."""
        citing: dict[str, list[tuple[Jurisdiction, Rule]]] = {}
        for j in self.jurisdictions.values():
            for r in j.rules:
                for source_id in dict.fromkeys(c.source.id for c in r.citations):
                    citing.setdefault(source_id, []).append((j, r))
        return citing

    def provinces(self) -> list[Jurisdiction]:
        """The provincial-level units with a file: provinces, autonomous regions and municipalities."""
        return [j for j in self.jurisdictions.values() if j.level in PROVINCIAL]

    def group_of(self, jurisdiction: Jurisdiction) -> Jurisdiction:
        """The top-level entry a jurisdiction is listed under: its province for a city in a
        province, otherwise itself (national, a province, a municipality, a city directly under the state)."""
        parent = self.parent(jurisdiction)
        if jurisdiction.level == "city" and parent is not None and parent.level in PROVINCIAL:
            return parent
        return jurisdiction

    def members(self, jurisdiction: Jurisdiction) -> list[Jurisdiction]:
        """The entries listed under a top-level entry (a province's cities); none for national."""
        return [j for j in self.jurisdictions.values() if j is not jurisdiction and self.group_of(j) is jurisdiction]

    def top_level(self) -> list[Jurisdiction]:
        """Entries of the home page and the navigation, in display order; cities sit under them."""
        return [j for j in self.jurisdictions.values() if self.group_of(j) is j]
