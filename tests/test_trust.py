"""Issue 20: trust signals that come from the evidence for the answer (answer_cite, grades, currency,
source classes, reader-text lint, readable quotes, research coverage). Real data where possible;
malformed cases are edits of a copy of the data, validated in this process."""
from __future__ import annotations

import pytest

from helpers import DataError, edit, line_of, load


def refused(root) -> list:
    """Load root, which must fail: its problems (Problem objects: file, line, field, message)."""
    with pytest.raises(DataError) as caught:
        load(root)
    return caught.value.problems


def reported(found, file, line, field_part, message_part):
    hits = [p for p in found if p.file == file and p.line == line and field_part in p.field
            and message_part in p.message]
    assert hits, f"expected {file}:{line} {field_part} «{message_part}» in {[str(p) for p in found]}"
    return hits[0]


# -- answer_cite: the data format ------------------------------------------------------------------

def test_answer_cite_out_of_range_is_reported_with_file_line_field(data_copy):
    path = edit(data_copy, "policies/national.yaml", "    summary: 参保人去世后，个人账户余额可以继承；",
                "    answer_cite: [1, 7]\n    summary: 参保人去世后，个人账户余额可以继承；")
    found = refused(data_copy)
    reported(found, "policies/national.yaml", line_of(path, "answer_cite: [1, 7]"), "answer_cite[1]",
             "依据编号 7 超出范围")


def test_answer_cite_is_carried_by_the_model(data_copy):
    edit(data_copy, "policies/national.yaml", "    summary: 参保人去世后，个人账户余额可以继承；",
         "    answer_cite: [1]\n    summary: 参保人去世后，个人账户余额可以继承；")
    rule = next(r for r in load(data_copy).jurisdictions["national"].rules if r.id == "death")
    assert rule.answer_cites == (1,)
    assert [c.source.id for c in rule.answer_citations] == ["social-insurance-law"]
