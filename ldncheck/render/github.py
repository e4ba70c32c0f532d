"""``--format github``: GitHub Actions workflow commands that annotate the changed lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldncheck.model import Severity
from ldncheck.render.scan_common import label, message, rule_id
from ldncheck.rules import claim_id_of

if TYPE_CHECKING:
    from ldncheck.model import Finding
    from ldncheck.scan import ScanReport

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: data escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One ``::error file=…::message`` line."""
    span = finding.span
    title = f"{rule_id(finding)} {label(finding)} {claim_id_of(finding)}"
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", finding.path),
            ("line", span.line),
            ("col", span.column),
            ("endLine", span.end_line),
            ("endColumn", span.end_column),
            ("title", title),
        )
    )
    return f"::{_COMMANDS[finding.severity]} {properties}::{escape_data(message(finding))}"


def render_github(report: ScanReport) -> str:
    """An annotation per unsuppressed finding and per file that could not be scanned."""
    lines = [annotation(f) for f in report.visible if f.severity in _COMMANDS]
    lines += [
        f"::error file={escape_property(e.path)},title=ldncheck::{escape_data(e.message)}"
        for e in report.errors
    ]
    return "".join(line + "\n" for line in lines)
