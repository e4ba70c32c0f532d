"""rank reads only the score tiers it needs; its answers equal a plain best-per-claim sort."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from ldncheck import match
from ldncheck.kb import KnowledgeBase
from ldncheck.match import ClaimIndex, Scoring, Variant, analyse, build_index, rank, spellfix
from ldncheck.normalize import normalize
from ldncheck.topics import detect_topics

DEV = Path(__file__).parent / "data" / "dev_claims.yaml"


def plain_best(
    groups: list[tuple[float, int]], scoring: Mapping[int, Scoring]
) -> list[tuple[float, Variant]]:
    """The definition, written the slow way: every claim at its best score (its lowest-ordinal
    wording on a tie), ordered by score and then by the claim's position."""
    best: dict[str, tuple[float, int, Variant]] = {}
    for negated, key in groups:
        for claim_id, ordinal, variant in scoring[key][4]:
            held = best.get(claim_id)
            score = -negated
            if held is None or score > held[0] or (score == held[0] and ordinal < held[1]):
                best[claim_id] = (score, ordinal, variant)
    ordered = sorted(best.values(), key=lambda s: (-s[0], s[2].position))
    return [(score, variant) for score, _, variant in ordered]


def ids(rows: list[tuple[float, Variant]]) -> list[tuple[float, str, int]]:
    return [(score, v.claim.id, v.ordinal) for score, v in rows]


def repeated_index(kb: KnowledgeBase, copies: int) -> ClaimIndex:
    """The bundled claims and ``copies`` more of each under new ids: scores tie in bulk."""
    claims = list(kb.claims)
    for n in range(1, copies + 1):
        claims += [dataclasses.replace(c, id=f"{c.id}-copy{n}") for c in kb.claims]
    return build_index(tuple(claims), kb.lexicon)


def dev_sentences() -> list[str]:
    doc = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    return [item["text"] for item in doc["sentences"]][:150]


@pytest.mark.parametrize("copies", [0, 3])
def test_the_best_claims_are_the_plain_best_per_claim_order(
    kb: KnowledgeBase, copies: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = repeated_index(kb, copies)
    seen: list[tuple[list[tuple[float, int]], Mapping[int, Scoring]]] = []
    real = match._best_claims

    def spy(groups: Any, scoring: Any, limit: Any, *, keep_ties: bool) -> Any:
        seen.append((list(groups), scoring))
        return real(groups, scoring, limit, keep_ties=keep_ties)

    monkeypatch.setattr(match, "_best_claims", spy)
    for text in dev_sentences():
        norm = normalize(text, kb.lexicon)
        topics = detect_topics(norm, kb.lexicon)
        if topics:
            rank(spellfix(analyse(norm, kb.lexicon, topics), index), topics, index)
    assert len(seen) > 100
    tiers_with_many = 0
    for groups, scoring in seen:
        expected = plain_best(groups, scoring)
        assert ids(real(groups, scoring, None, keep_ties=False)) == ids(expected)
        tied = sum(1 for score, _ in expected if expected and score == expected[0][0])
        tiers_with_many += tied > 1
        for limit in (1, 3, 4):
            assert ids(real(groups, scoring, limit, keep_ties=False)) == ids(expected)[:limit]
            kept = real(groups, scoring, limit, keep_ties=True)
            assert ids(kept) == ids(expected)[: max(limit, tied)]
    if copies:
        assert tiers_with_many > 50  # the repeated claims really do tie
