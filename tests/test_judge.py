"""The verdict table, cell by cell: evidence of the matched claim x stance of the sentence."""

from __future__ import annotations

import pytest

from ldncheck.judge import VERDICT_TABLE, explain, judge
from ldncheck.model import Evidence, Stance, Verdict

E, S, V = Evidence, Stance, Verdict

# Written out in full, not derived from the table, so that a changed cell fails a test.
EXPECTED = {
    (E.ESTABLISHED, S.STRONG): V.ACCURATE,
    (E.ESTABLISHED, S.FACTUAL): V.ACCURATE,
    (E.ESTABLISHED, S.HEDGED): V.ACCURATE,
    (E.ESTABLISHED, S.NEGATED): V.FALSE,
    (E.PRELIMINARY, S.STRONG): V.OVERSTATED,
    (E.PRELIMINARY, S.FACTUAL): V.OVERSTATED,
    (E.PRELIMINARY, S.HEDGED): V.ACCURATE,
    (E.PRELIMINARY, S.NEGATED): V.ACCURATE,
    (E.MIXED, S.STRONG): V.OVERSTATED,
    (E.MIXED, S.FACTUAL): V.OVERSTATED,
    (E.MIXED, S.HEDGED): V.ACCURATE,
    (E.MIXED, S.NEGATED): V.ACCURATE,
    (E.INSUFFICIENT, S.STRONG): V.OVERSTATED,
    (E.INSUFFICIENT, S.FACTUAL): V.OVERSTATED,
    (E.INSUFFICIENT, S.HEDGED): V.ACCURATE,
    (E.INSUFFICIENT, S.NEGATED): V.ACCURATE,
    (E.CONTRADICTED, S.STRONG): V.FALSE,
    (E.CONTRADICTED, S.FACTUAL): V.FALSE,
    (E.CONTRADICTED, S.HEDGED): V.ACCURATE,
    (E.CONTRADICTED, S.NEGATED): V.ACCURATE,
}


@pytest.mark.parametrize(("cell", "verdict"), EXPECTED.items(), ids=str)
def test_each_cell(cell: tuple[Evidence, Stance], verdict: Verdict) -> None:
    evidence, stance = cell
    assert judge(evidence, stance) is verdict


@pytest.mark.parametrize("evidence", list(Evidence))
@pytest.mark.parametrize("stance", [S.QUESTION, S.NONE])
def test_questions_and_no_stance_are_unknown(evidence: Evidence, stance: Stance) -> None:
    assert judge(evidence, stance) is V.UNKNOWN
    assert not judge(evidence, stance).flagged


def test_table_covers_every_judged_cell_and_no_other() -> None:
    judged = {(e, s) for s, row in VERDICT_TABLE.items() for e in row}
    assert judged == set(EXPECTED)


def test_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        VERDICT_TABLE[S.STRONG][E.MIXED] = V.ACCURATE  # type: ignore[index]


@pytest.mark.parametrize(("cell", "verdict"), EXPECTED.items(), ids=str)
def test_every_judged_cell_is_explained(cell: tuple[Evidence, Stance], verdict: Verdict) -> None:
    evidence, stance = cell
    text = explain(verdict, stance, evidence)
    assert text.endswith(".")
    assert "{" not in text
    if verdict is V.OVERSTATED or (verdict is V.ACCURATE and stance in (S.HEDGED, S.NEGATED)):
        assert evidence.value in text


def test_flagged_verdicts() -> None:
    assert {v for v in Verdict if v.flagged} == {V.OVERSTATED, V.FALSE}
