"""The Python API, used the way a library user would use it."""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util

import pytest

import ldncheck
from ldncheck import check, load_kb, scan_text
from ldncheck.kb import KnowledgeBase
from ldncheck.model import Result, Stance, Verdict

SCAN_READY = importlib.util.find_spec("ldncheck.scan") is not None

HEADLINES = [
    ("LDN cures MS", Verdict.FALSE, "ms-cure"),
    ("LDN has no side effects", Verdict.FALSE, "se-none"),
    ("LDN treats MS", Verdict.OVERSTATED, "ms-symptoms"),
    ("Small trials suggest LDN may reduce fibromyalgia pain.", Verdict.ACCURATE, "fm-pain"),
    ("LDN does not cure multiple sclerosis.", Verdict.ACCURATE, "ms-cure"),
    ("The weather is nice today.", Verdict.UNKNOWN, None),
]


def test_public_names_are_the_functions_not_submodules() -> None:
    importlib.import_module("ldncheck.pipeline")  # importing the core changes nothing
    assert callable(check)
    assert ldncheck.check is check
    assert check.__module__ == "ldncheck.api"
    assert ldncheck.__version__


@pytest.mark.parametrize(("text", "verdict", "claim_id"), HEADLINES)
def test_headline_verdicts(text: str, verdict: Verdict, claim_id: str | None) -> None:
    result = check(text)
    assert isinstance(result, Result)
    assert result.text == text
    assert result.verdict is verdict
    assert (result.match.claim.id if result.match else None) == claim_id
    assert result.flagged is verdict.flagged


def test_results_are_typed_and_frozen() -> None:
    result = check("LDN cures MS")
    assert isinstance(result.stance, Stance)
    assert isinstance(result.citations, tuple)
    assert all(source.title for source in result.citations)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.verdict = Verdict.ACCURATE  # type: ignore[misc]
    assert result.match is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.match.claim.evidence = result.match.claim.evidence  # type: ignore[misc]


def test_check_is_deterministic_and_accepts_an_explicit_kb() -> None:
    kb = load_kb()
    assert isinstance(kb, KnowledgeBase)
    assert check("LDN treats MS", kb) == check("LDN treats MS")


@pytest.mark.skipif(not SCAN_READY, reason="ldncheck.scan is not available")
def test_scan_text_gives_positions() -> None:
    text = "# Notes\n\nSome background on naltrexone.\n\nLDN cures MS.\n"
    findings = scan_text(text, path="notes.md")
    false = [f for f in findings if f.result.verdict is Verdict.FALSE]
    assert len(false) == 1
    finding = false[0]
    assert finding.path == "notes.md"
    assert (finding.span.line, finding.span.column) == (5, 1)
    assert finding.severity.value == "error"
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.path = "other.md"  # type: ignore[misc]
