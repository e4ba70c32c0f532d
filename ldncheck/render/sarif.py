"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, VS Code).

One run; one rule per kind of finding with a stable id; suppressed findings carry an
``inSource`` suppression with its justification instead of being dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ldncheck.model import Severity
from ldncheck.render.json import dumps
from ldncheck.render.scan_common import fingerprint, message, rule_id
from ldncheck.rules import RULES, claim_id_of

if TYPE_CHECKING:
    from ldncheck.model import Finding
    from ldncheck.scan import ScanReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/ldncheck/"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DEFAULT_LEVELS = {"LDN001": "error", "LDN002": "warning", "LDN900": "warning"}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "name": rule.code,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help},
            "defaultConfiguration": {"level": _DEFAULT_LEVELS.get(rule.id, "note")},
        }
        for rule in sorted(RULES.values(), key=lambda r: r.id)
    ]


def _location(finding: Finding) -> dict[str, Any]:
    span = finding.span
    absolute = finding.path.startswith("/")
    artifact: dict[str, Any] = {"uri": ("file://" + finding.path) if absolute else finding.path}
    if not absolute:
        artifact["uriBaseId"] = "%SRCROOT%"
    region = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _properties(finding: Finding) -> dict[str, Any]:
    result = finding.result
    match = result.match
    return {
        "claimId": claim_id_of(finding),
        "verdict": result.verdict.value,
        "evidence": match.claim.evidence.value if match else None,
        "stance": result.stance.value,
        "sentence": result.text,
        "citations": [source.link or source.title for source in result.citations],
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    ruleid = rule_id(finding)
    sarif: dict[str, Any] = {
        "ruleId": ruleid,
        "ruleIndex": index[ruleid],
        "level": _LEVELS.get(finding.severity, "none"),
        "message": {"text": message(finding)},
        "locations": [_location(finding)],
        "partialFingerprints": {"ldncheckClaim/v1": fingerprint(finding)},
        "properties": _properties(finding),
    }
    if finding.suppression is not None:
        sarif["suppressions"] = [{"kind": "inSource", "justification": finding.suppression.reason}]
    return sarif


def sarif_document(report: ScanReport) -> dict[str, Any]:
    """The SARIF log as a dict."""
    from ldncheck import __version__

    rules = _rules()
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    notifications = [
        {"level": "error", "message": {"text": f"{error.path}: {error.message}"}}
        for error in report.errors
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "ldncheck",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {
            "%SRCROOT%": {"description": {"text": "The directory ldncheck ran in."}}
        },
        "results": [_result(f, index) for f in report.findings],
        "invocations": [
            {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
        ],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: ScanReport) -> str:
    """The SARIF log, indented, ending with a newline."""
    return dumps(sarif_document(report), indent=2) + "\n"
