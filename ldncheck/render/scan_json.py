"""``--format json``: one versioned document with every finding, error and count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ldncheck.render.json import dumps, result_to_dict
from ldncheck.render.scan_common import fingerprint, rule_id, summary_counts
from ldncheck.rules import code_of

if TYPE_CHECKING:
    from ldncheck.kb import KnowledgeBase
    from ldncheck.model import Finding
    from ldncheck.scan import ScanReport

SCAN_SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding, kb: KnowledgeBase) -> dict[str, Any]:
    """Location, severity and suppression first, then the whole check JSON object."""
    span, suppression = finding.span, finding.suppression
    return {
        "path": finding.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "severity": finding.severity.value,
        "code": code_of(finding),
        "rule_id": rule_id(finding),
        "fingerprint": fingerprint(finding),
        "suppressed": suppression is not None,
        "suppression": None
        if suppression is None
        else {
            "kind": suppression.kind,
            "justification": suppression.reason,
            "line": suppression.line,
        },
        "note": finding.note,
        **result_to_dict(finding.result, kb),
    }


def scan_document(report: ScanReport) -> dict[str, Any]:
    """The scan JSON document as a dict."""
    from ldncheck import __version__

    reviewed = report.kb.reviewed
    return {
        "schema_version": SCAN_SCHEMA_VERSION,
        "tool": {"name": "ldncheck", "version": __version__},
        "kb_reviewed": reviewed.isoformat() if reviewed else None,
        "results": [finding_to_dict(f, report.kb) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "summary": summary_counts(report),
    }


def render_scan_json(report: ScanReport) -> str:
    """The scan JSON document, indented, ending with a newline."""
    return dumps(scan_document(report), indent=2) + "\n"
