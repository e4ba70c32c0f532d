"""Pieces every scan renderer shares: messages, levels, locations and fingerprints."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from ldncheck.baseline import normalise_sentence
from ldncheck.model import Finding, Severity
from ldncheck.render.safety import one_line
from ldncheck.rules import RULES, claim_id_of, code_of

if TYPE_CHECKING:
    from ldncheck.scan import ScanReport

SEVERITY_WORDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


_REPORTED = {
    "false": "Repeats a claim the evidence contradicts",
    "overstated": "Repeats a claim stronger than the evidence",
}


def message(finding: Finding) -> str:
    """One line saying what is wrong, safe for a terminal."""
    text = finding.result.explanation or RULES[code_of(finding)].title
    if code_of(finding) == "reported-claim":
        match = finding.result.match
        evidence = f" (evidence: {match.claim.evidence.value})" if match else ""
        text = _REPORTED.get(finding.extra.get("asserted_verdict", ""), text) + evidence
    note = finding.note if finding.note and finding.note != text else ""
    return one_line(f"{text}; {note}" if note else text)


def label(finding: Finding) -> str:
    """The verdict in capitals, or the rule code for findings about directives."""
    code = code_of(finding)
    if code in ("suppression-without-reason", "unused-suppression"):
        return code.upper()
    if code == "reported-claim":
        return "REPORTED"
    return finding.result.verdict.value.upper()


def rule_id(finding: Finding) -> str:
    """The stable rule id (LDN001 …) of *finding*."""
    return RULES[code_of(finding)].id


def fingerprint(finding: Finding) -> str:
    """A hash of path, claim id and normalised sentence: stable when lines move."""
    key = "\0".join((finding.path, claim_id_of(finding), normalise_sentence(finding.result.text)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def summary_counts(report: ScanReport) -> dict[str, int]:
    """Counts for summaries: findings by severity, suppressed, baselined, files, errors."""
    visible = report.visible
    return {
        "files": report.files,
        "findings": len(visible),
        "error": report.count(Severity.ERROR),
        "warning": report.count(Severity.WARNING),
        "info": report.count(Severity.INFO),
        "suppressed": len(report.findings) - len(visible),
        "baselined": report.baselined,
        "file_errors": len(report.errors),
    }
