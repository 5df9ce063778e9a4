"""The site's fixed words, each with its code, its label and its order — in one place.

The situations and outcomes a maintainer may add live in policies/vocabulary.yaml;
what is here changes only with the code: levels, source classes, evidence grades,
claim verdicts and the four cash answers. Schema enums, pages, the checker and the
exports all read them from here, so renaming "能取出" is a one-line change.
"""
from __future__ import annotations

# Jurisdiction levels: data word → code, in order from the top. A 直辖市 (municipality) is a
# provincial-level unit that is its own pooling region: it ranks with the provinces (parent: national).
LEVELS = {"国家": "national", "省": "province", "直辖市": "municipality", "市": "city"}
LEVEL_ORDER = {"national": 0, "province": 1, "municipality": 1, "city": 2}   # rank: a parent ranks above
PROVINCIAL = ("province", "municipality")     # the 31 provincial-level units are of these levels

# Source classes: data word → code; CLASS_TEXT turns the code back into the word readers see.
SOURCE_CLASSES = {"官方": "official", "媒体": "media", "第三方": "third-party"}
CLASS_TEXT = {code: word for word, code in SOURCE_CLASSES.items()}

# Evidence grades, strongest first; computed from sources, never typed.
GRADES = ("A", "B", "C")
GRADE_TEXT = {
    "A": "官方来源，读自官方网址",
    "B": "官方来源，读自转载或媒体报道",
    "C": "仅有第三方说法，待核实",
}
UNVERIFIED_GRADE = "C"
# A statement (condition, material, step …) whose own citations grade weaker than its rule's answer
# says so beside it, in these words: the rule's grade is its answer's, not every line's.
WEAKER_TEXT = {"B": "仅转载或媒体说法", "C": "仅第三方说法"}
ANSWER_CITE = "［结果依据］"     # in a rule's 依据 list, before the citations that say its outcome (answer_cite)
# How current a rule is. Computed by the validator from the dates of the answer's sources (model.currency),
# never remembered: a rule is current only when its answer cites a dated source that is recent enough.
# STATUS_CODES are the words a maintainer may also write (status:, with status_reason); the computed-only
# ones are never typed. Data word → the export's code.
STATUS_CODES = {"可能已过时": "possibly-outdated", "说法矛盾": "disputed"}
COMPUTED_STATUSES = {"日期不明": "undated", "办理期已过": "ended"}
STATUS_TEXT = {code: word for word, code in {**STATUS_CODES, **COMPUTED_STATUSES}.items()}
CURRENT = "current"
OUTDATED = "possibly-outdated"
UNDATED = "undated"          # every source of the answer is undated: nobody knows which year it describes
ENDED = "ended"              # the practice was bounded by dates (window:) and the window is over
# An answer whose newest dated source is older than this is 可能已过时. Five years: the usual longest term of
# a 行政规范性文件 (local rules on them commonly set 有效期一般不超过5年), and our sources are mostly such notices
# or retellings of them; a practice described only by an older text has probably been revised since.
OUTDATED_AFTER_YEARS = 5
STATUS_UNSETTLED = ("所引来源没有日期、年代较早、早于之后的规定变化、只写了一个已经过去的办理期，或来源之间互相矛盾："
                    "现在是否仍这样办理未查明；办理前请先向当地医保经办机构确认。")
EXCERPT_LINK = "原文摘录"                                   # link to a source's archived excerpt
LOCATOR_UNKNOWN = "条款位置未知"                              # a citation whose article or page is not known
READ_FROM = {True: "读自官方网址", False: "读自转载"}           # an official source: was the copy read an official one?
CONVERTED = "原文为繁体转载"      # beside a quote shown in simplified characters (linking the excerpt as read)
PINYIN_DROPPED = "原文字间夹注拼音，这里略去"   # the same for a simplified quote shown without its reprint pinyin
CONDITION = "条件："                                        # before a rule's key condition, next to its outcome
# What a rule's key condition is (key_condition kind): a 条件 the reader meets or not, which the checker asks as
# its own yes/no question and the answer line shows as 条件：…; or a 说明 of how the result comes about (e.g.
# 省内随关系即时到账；跨省……), never asked, shown with the outcome as written. Data word → the export's code.
KEY_CONDITION_KINDS = {"条件": "condition", "说明": "explanation"}
ASKED_KIND = "condition"
HOW_UNKNOWN = "本地怎么领取、到哪里办未查到"                  # an inherited rule that says nothing on how to apply
UNVERIFIED = "待核实"                                       # the word next to a grade-C rule
UNVERIFIED_WARNING = "只有第三方说法，未读到官方原文，不能当作定论。"   # the one sentence that explains it

# Verdicts on circulating claims (网传说法): the Chinese word is the data value and the
# enum in schema.json; the code names a CSS class; the meaning is shown beside the word.
VERDICTS = {
    "属实": ("true", "与已查到的规定一致"),
    "部分属实": ("partly-true", "一部分与规定一致，另一部分没有依据或与规定不符"),
    "无依据": ("unsupported", "没有找到任何支持这一说法的规定或报道"),
    "与规定不符": ("contradicted", "与已查到的规定相矛盾"),
}
REFUTED = ("无依据", "与规定不符")     # a rule in force may not state such a claim's outcome without its condition

# Can the money come out? Each outcome in vocabulary.yaml has one of these words (`cash`).
# Order: most money first. `kind` names CSS classes (flowchart boxes); `label` is the
# comparison's word, `answer` the city page's heading for the group.
CASH = {
    "能": {"kind": "cash-yes", "label": "能取出", "answer": "可以取出（一次性领取）"},
    "视情况": {"kind": "cash-maybe", "label": "视情况", "answer": "视情况"},
    "不能": {"kind": "cash-no", "label": "不能取现", "answer": "不能取现"},
    "未查明": {"kind": "cash-unknown", "label": "未查明", "answer": "未查明"},
}
CASH_ORDER = tuple(CASH)
CLAIMABLE = CASH_ORDER[:2]   # 能 / 视情况: there is something to apply for, so how to apply matters
UNKNOWN_CASH = "未查明"
MISSING = "未整理"          # no rule written here or above: we have not looked, not "no"
RESEARCHED = "查过，未找到"   # no rule, but a research entry says someone looked for this situation
MISSING_SORT = str(len(CASH_ORDER))   # sorts after every cash word (comparison table)
# What a place × situation cell holds (rules.csv answer_kind): code → the word readers see.
OWN, INHERITED, RESEARCHED_KIND, MISSING_KIND = "own", "inherited", "researched", "missing"
ANSWER_KINDS = {OWN: "本地规定", INHERITED: "沿用上级", RESEARCHED_KIND: RESEARCHED, MISSING_KIND: MISSING}


def cash_sort_key(cash: str | None, grade: str | None = None) -> str:
    """Order cells by how much money comes out, then by evidence: 能 first, 未整理 last."""
    if cash is None:
        return MISSING_SORT
    return f"{CASH_ORDER.index(cash)}{grade or ''}"

# The licence of the data (policies/ and its exports); the code is MIT (LICENSE).
DATA_LICENSE = {"id": "CC-BY-4.0", "name": "知识共享 署名 4.0 国际（CC BY 4.0）",
                "url": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"}
