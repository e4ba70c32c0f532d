"""The verdict table: evidence of the matched claim x stance of the sentence."""

from __future__ import annotations

from types import MappingProxyType

from ldncheck.model import Evidence, Stance, Verdict

E, S, V = Evidence, Stance, Verdict

_ASSERTED = {
    E.ESTABLISHED: V.ACCURATE,
    E.PRELIMINARY: V.OVERSTATED,
    E.MIXED: V.OVERSTATED,
    E.INSUFFICIENT: V.OVERSTATED,
    E.CONTRADICTED: V.FALSE,
}
_HEDGED = dict.fromkeys(Evidence, V.ACCURATE)
_NEGATED = {e: (V.FALSE if e is E.ESTABLISHED else V.ACCURATE) for e in Evidence}

VERDICT_TABLE = MappingProxyType(
    {
        S.STRONG: MappingProxyType(_ASSERTED),
        S.FACTUAL: MappingProxyType(_ASSERTED),
        S.HEDGED: MappingProxyType(_HEDGED),
        S.NEGATED: MappingProxyType(_NEGATED),
    }
)

_WHY = {
    (V.ACCURATE, S.STRONG): "The sentence states an established finding.",
    (V.ACCURATE, S.FACTUAL): "The sentence states an established fact.",
    (V.ACCURATE, S.HEDGED): "The sentence is hedged, which matches evidence that is {evidence}.",
    (V.ACCURATE, S.NEGATED): "The sentence denies a claim whose evidence is {evidence}.",
    (
        V.OVERSTATED,
        S.STRONG,
    ): "The sentence asserts as fact a claim whose evidence is only {evidence}.",
    (
        V.OVERSTATED,
        S.FACTUAL,
    ): "The sentence asserts as fact a claim whose evidence is only {evidence}.",
    (V.FALSE, S.STRONG): "The sentence asserts a claim that the evidence contradicts.",
    (V.FALSE, S.FACTUAL): "The sentence asserts a claim that the evidence contradicts.",
    (V.FALSE, S.NEGATED): "The sentence denies an established finding.",
}


def judge(evidence: Evidence, stance: Stance) -> Verdict:
    """Look up the verdict; questions and unmatched stances are unknown."""
    row = VERDICT_TABLE.get(stance)
    return row[evidence] if row is not None else Verdict.UNKNOWN


def explain(verdict: Verdict, stance: Stance, evidence: Evidence) -> str:
    """One sentence saying why the table gave this verdict."""
    template = _WHY.get((verdict, stance), "")
    return template.format(evidence=evidence.value)
