"""The small pieces every page repeats: grade badge, status word, unknown values, citations, footnote
references and the reference to a rule with its outcome words.

Python, not Jinja macros: they run tens of thousands of times per build (every statement of every
rule on every page) and a macro call costs several times a function call. Templates reach them through
_macros.md.j2 under the same names (`m.citation(...)`), so no template changes. Data text is escaped
here exactly as the `md` / `attr` filters do.
"""
from __future__ import annotations

from ..model import urls as addresses
from ..model.answer import SEPARATOR
from ..model.vocabulary import ANSWER_CITE, CONVERTED, GRADE_TEXT, LOCATOR_UNKNOWN, PINYIN_DROPPED, STATUS_TEXT, UNVERIFIED, UNVERIFIED_GRADE, WEAKER_TEXT
from .markup import attr, md


def badge(g: str, short: bool = False, explain: bool = True) -> str:
    title = f' title="{attr(GRADE_TEXT[g])}"' if explain else ""
    flag = f" {UNVERIFIED}" if short else f" · {UNVERIFIED}"
    words = (g if short else f"证据 {g}") + (flag if g == UNVERIFIED_GRADE else "")
    return f'<span class="grade grade-{g}"{title}>{words}</span>'


def status(r) -> str:
    """A rule that is not current says so in words, next to its grade."""
    if r.status not in STATUS_TEXT:
        return ""
    return (f' <span class="status status-{r.status}" title="{attr(r.status_reason or "")}">'
            f"{STATUS_TEXT[r.status]}</span>")


def rule_words(effective, cash: bool = True) -> str:
    """What a reference to a rule says about it, wherever it is named in a list: its one-line answer
    (model.answer, short: outcome · who is paid · key condition · status word, so never shown as settled),
    then 待核实 and where an inherited rule is written (unless the line already names it), all joined by the
    line's separator, never nested in brackets. cash=False leaves out the cash answer under a heading that
    names it."""
    line = effective.answer_line(short=True)
    words = [line.words(cash=cash)] if line.words(cash=cash) else []
    if effective.rule.unverified:
        words.append(UNVERIFIED)
    if effective.inherited_from and not effective.how_unknown:
        words.append(f"沿用{effective.inherited_from.short_name}")
    return SEPARATOR.join(words)


def rule_ref(effective, label: str, href: str, cash: bool = True) -> str:
    """[label](href)：outcome · … · 待核实 · 沿用…: the one reference to a rule with its one-line answer
    (简要回答, the FAQ's related rules, the per-unit FAQ lists, the situation pages)."""
    words = rule_words(effective, cash)
    return f"[{md(label)}]({href})" + (f"：{md(words)}" if words else "")


def unknown(value, word: str = "未知", html: bool = False) -> str:
    """html=True inside raw HTML, where Markdown escapes would show (e.g. a date's hyphens)."""
    if not value:
        return f'<span class="unknown">{word}</span>'
    return attr(value) if html else md(value)


def citation(c, urls, style: str = "full", html: bool = False) -> str:
    """One citation in a style of model.entities.CITATION_STYLES, the title linked to its sources page.
    The facts come from Citation.text(), the one formatter (plain text: Citation.describe()); this
    only escapes and links them. html=True writes raw HTML, for places Markdown does not reach (<details>)."""
    s = c.source
    t = c.text(style)                # the facts of the style: one formatter, in the model
    esc = attr if html else md
    out = [f'<a href="{urls.source_href(s.id)}">{esc(t.title)}</a>' if html else f"[{esc(t.title)}]({urls.source(s.id)})"]
    if t.details:
        out.append("（" + "，".join(esc(d) for d in t.details) + "）")
    if t.quoted:
        where = esc(t.locator) if t.locator else f'<span class="unknown">{LOCATOR_UNKNOWN}</span>'
        out.append(f"· {where}：“{esc(t.quote)}”")
        if c.converted:      # shown in simplified characters: say so, and link the excerpt as it was read
            words = CONVERTED if c.traditional else PINYIN_DROPPED
            out.append(f'（<a href="{attr(urls.href(addresses.excerpt(s.id)))}">{words}</a>）')
    return "".join(out)


def citations(items, urls, style: str) -> str:
    return "；".join(citation(c, urls, style) for c in items)


def refs(cites, owner: str, urls=None, j=None) -> str:
    """Footnote numbers, each linking to its quote in the 依据 list of `owner` (a rule id, or "service");
    with urls and j, the list is on j's page rather than this one (the check page quotes its place's rules)."""
    if j:
        links = (f"[{n}]({urls.page(j, addresses.citation_anchor(owner, n))})" for n in cites)
    else:
        links = (f"[{n}](#{addresses.citation_anchor(owner, n)})" for n in cites)
    return f'<sup class="cite">{",".join(links)}</sup>'


def weaker(cites, rule) -> str:
    """The mark of a statement whose own citations grade weaker than its rule's answer (仅第三方说法)."""
    grade = rule.weaker(cites) if rule is not None else None
    if grade is None:
        return ""
    return f' <span class="weaker grade-{grade}">{WEAKER_TEXT[grade]}</span>'


def section_weaker(items, rule) -> str:
    """The mark for a whole list (条件, 申请材料 …) when every item in it is weaker in the same way:
    said once after the heading ("申请材料：仅第三方说法") instead of after every item."""
    marks = {weaker(item.cites, rule) for item in items}
    return marks.pop() if len(marks) == 1 else ""


def said(s, owner: str, urls=None, j=None, rule=None) -> str:
    """A statement with its footnote numbers; with its rule, marked when weaker than the rule's answer."""
    return md(s.text) + refs(s.cites, owner, urls, j) + weaker(s.cites, rule)


def places(items, owner: str, rule=None) -> str:
    """Places to apply (窗口：…；网上：…) on one line, each with its footnotes; with its rule, marked when weaker."""
    return "；".join(f"{md(p.type)}：{md(p.name)}" + (f"（{md(p.note)}）" if p.note else "") + refs(p.cites, owner)
                    + weaker(p.cites, rule) for p in items)


def sources_list(items, owner: str, urls, answer=()) -> str:
    """A numbered 依据 list; each entry is the target of its footnote number. answer: the numbers of the
    citations that say the rule's outcome (answer_cite), marked 结果依据: the grade is theirs."""
    return "".join(f'{n}. <span id="{addresses.citation_anchor(owner, n)}"></span>'
                   + (f'<span class="answer-cite">{ANSWER_CITE}</span> ' if n in answer else "")
                   + f"{citation(c, urls)}\n" for n, c in enumerate(items, 1))
