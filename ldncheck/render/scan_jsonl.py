"""``--format jsonl``: one JSON object per finding (suppressed ones included), one per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldncheck.render.json import dumps
from ldncheck.render.scan_json import finding_to_dict

if TYPE_CHECKING:
    from ldncheck.scan import ScanReport


def render_jsonl(report: ScanReport) -> str:
    """Each finding as a compact JSON line, in file/line/column order."""
    return "".join(dumps(finding_to_dict(f, report.kb)) + "\n" for f in report.findings)
