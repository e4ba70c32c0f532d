"""``--format text``: ``path:line:col: VERDICT claim-id message``, one finding per line.

The lines parse with Vim's errorformat ``%f:%l:%c: %m``; the summary goes to stderr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldncheck.render.scan_common import label, message, rule_id, summary_counts
from ldncheck.rules import claim_id_of

if TYPE_CHECKING:
    from ldncheck.model import Finding
    from ldncheck.scan import ScanReport


def finding_line(finding: Finding) -> str:
    """The one-line form of *finding*."""
    span = finding.span
    where = f"{finding.path}:{span.line}:{span.column}"
    tail = f"[{rule_id(finding)} {finding.severity.value}]"
    return f"{where}: {label(finding)} {claim_id_of(finding)} {message(finding)} {tail}"


def render_text(report: ScanReport) -> str:
    """Every unsuppressed finding, sorted by file, line and column."""
    return "".join(finding_line(f) + "\n" for f in report.visible)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def summary(report: ScanReport) -> str:
    """One line for stderr, or '' when there is nothing to say (silent on success)."""
    counts = summary_counts(report)
    if not counts["findings"] and not counts["file_errors"]:
        return ""
    parts = [
        f"{_plural(counts['findings'], 'finding')} ({_plural(counts['error'], 'error')}, "
        f"{_plural(counts['warning'], 'warning')}, {_plural(counts['info'], 'info')}) "
        f"in {_plural(counts['files'], 'file')}"
    ]
    if counts["suppressed"]:
        parts.append(f"{counts['suppressed']} suppressed")
    if counts["baselined"]:
        parts.append(f"{counts['baselined']} in the baseline")
    if counts["file_errors"]:
        parts.append(f"{_plural(counts['file_errors'], 'file')} could not be scanned")
    return "; ".join(parts)
