"""Golden tests: every fixture draft, in every output format, against generated files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ldncheck.config import ScanSettings
from ldncheck.kb import KnowledgeBase
from ldncheck.render.scan_formats import RENDERERS, RenderOptions, ScanFormat
from ldncheck.rules import claim_id_of, code_of
from ldncheck.scan import ScanReport, run_scan

TESTS = Path(__file__).parent
CASES = sorted(p for p in (TESTS / "cases").iterdir() if p.suffix != ".expected")
GOLDEN = TESTS / "golden" / "scan"
SUFFIX = {
    ScanFormat.TEXT: "txt",
    ScanFormat.FULL: "full.txt",
    ScanFormat.JSON: "json",
    ScanFormat.JSONL: "jsonl",
    ScanFormat.SARIF: "sarif",
    ScanFormat.GITHUB: "github.txt",
}
_VOLATILE = re.compile(r'("(?:version|ldncheck_version|kb_reviewed)": ?)"[^"]*"')


def mask(text: str) -> str:
    """Hide values that change with every release or knowledge-base review."""
    return _VOLATILE.sub(r'\1"<masked>"', text)


def scan(paths: list[str], kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> ScanReport:
    monkeypatch.chdir(TESTS)
    return run_scan(paths, settings=ScanSettings(), kb=kb, cwd=TESTS)


def expected_lines(report: ScanReport) -> str:
    rows = [
        f"{f.span.line}:{f.span.column} {code_of(f)} {claim_id_of(f)}"
        + (f" suppressed={f.suppression.kind}" if f.suppression else "")
        for f in report.findings
    ]
    return "".join(row + "\n" for row in rows)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_findings(
    case: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, golden
) -> None:  # type: ignore[no-untyped-def]
    report = scan([f"cases/{case.name}"], kb, monkeypatch)
    assert not report.errors
    golden(case.with_name(case.name + ".expected"), expected_lines(report))


@pytest.mark.parametrize("output", list(ScanFormat), ids=str)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_outputs(
    case: Path, output: ScanFormat, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, golden
) -> None:  # type: ignore[no-untyped-def]
    report = scan([f"cases/{case.name}"], kb, monkeypatch)
    text = mask(RENDERERS[output](report, RenderOptions(color=False, width=100)))
    golden(GOLDEN / f"{case.stem}.{SUFFIX[output]}", text)


def test_directory_scan_equals_the_cases_together(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, golden
) -> None:  # type: ignore[no-untyped-def]
    whole = scan(["cases"], kb, monkeypatch)
    parts = scan([f"cases/{case.name}" for case in CASES], kb, monkeypatch)
    assert whole.findings == parts.findings
    assert whole.files == len(CASES)
    golden(GOLDEN / "all.txt", RENDERERS[ScanFormat.TEXT](whole, RenderOptions()))
