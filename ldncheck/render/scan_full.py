"""``--format full``: each finding's line, its verdict panel and a suggested hedged rewrite."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ldncheck.render.rewrite import hedged_rewrite
from ldncheck.render.safety import one_line
from ldncheck.render.scan_text import finding_line
from ldncheck.rules import FALSE_CLAIM, OVERSTATED_CLAIM, code_of

if TYPE_CHECKING:
    from ldncheck.scan import ScanReport


def render_full(report: ScanReport, *, color: bool = False, width: int = 100) -> str:
    """Findings with panels; Rich writes to a buffer so the caller decides where it goes."""
    from rich.console import Console
    from rich.text import Text

    from ldncheck.render.panel import render_panel

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False
    )
    for finding in report.visible:
        console.print(Text(finding_line(finding), style="bold"), soft_wrap=True)
        code = code_of(finding)
        if finding.result.match is not None:
            render_panel(finding.result, report.kb, console)
        match = finding.result.match
        if code in (FALSE_CLAIM, OVERSTATED_CLAIM) and match is not None:
            rewrite = hedged_rewrite(finding.result.text, match.claim.evidence)
            console.print(
                Text(f"Suggested rewrite: {one_line(rewrite)}", style="italic"), soft_wrap=True
            )
        console.print()
    return buffer.getvalue()
