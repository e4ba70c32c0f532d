"""The verdict panel: what a health writer reads at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldncheck.kb import KnowledgeBase
from ldncheck.model import Result, Source, Verdict
from ldncheck.render.safety import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# The symbol carries the verdict when colour is off.
VERDICT_STYLE = {
    Verdict.ACCURATE: ("✓", "green"),
    Verdict.OVERSTATED: ("▲", "yellow"),
    Verdict.FALSE: ("✗", "red"),
    Verdict.UNKNOWN: ("?", "blue"),
}
FOOTER = "Not medical advice. Talk to a prescriber before starting or stopping any medicine."


def verdict_label(verdict: Verdict) -> str:
    """'▲ OVERSTATED' and friends."""
    return f"{VERDICT_STYLE[verdict][0]} {verdict.value.upper()}"


def citation_line(n: int, source: Source) -> str:
    """One numbered reference: authors, year, title, journal, identifiers, link."""
    parts = [p for p in (source.authors, f"({source.year})" if source.year else "") if p]
    head = " ".join(parts)
    ids = ", ".join(
        x
        for x in (
            f"doi:{source.doi}" if source.doi else "",
            f"PMID {source.pmid}" if source.pmid else "",
        )
        if x
    )
    text = f"[{n}] {head + '. ' if head else ''}{source.title}."
    if source.journal:
        text += f" {source.journal}."
    if ids:
        text += f" {ids}."
    if source.link:
        text += f" {source.link}"
    return visible(text)


def _body(result: Result, kb: KnowledgeBase) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []

    def field(label: str, value: str, style: str = "") -> None:
        # Knowledge-base text can come from a user's --kb, so it is made visible like the claim.
        line = Text()
        line.append(f"{label}: ", style="bold")
        line.append(visible(value), style=style)
        parts.append(line)

    field("Claim", one_line(result.text))
    match = result.match
    if match is not None:
        field("Matched", f"{match.claim.statement} ({match.claim.id}, score {match.score:.0f})")
        field("Evidence", match.claim.evidence.value, "bold")
    stance = result.stance.value + (
        f" ({', '.join(result.stance_cues)})" if result.stance_cues else ""
    )
    field("Stance", one_line(stance))
    field("Why", result.explanation)
    if match is not None and match.claim.summary:
        field("Evidence summary", visible(match.claim.summary))
    if result.caveats:
        parts.append(Text("Caveats:", style="bold"))
        parts.extend(Text(f"  • {visible(c)}") for c in result.caveats)
    if result.citations:
        parts.append(Text("Sources:", style="bold"))
        parts.extend(Text("  " + citation_line(i, s)) for i, s in enumerate(result.citations, 1))
    if result.alternatives:
        label = "Close alternatives:" if match else "Nearest claims:"
        parts.append(Text(label, style="bold"))
        parts.extend(
            Text(visible(f"  • {c.claim.statement} ({c.claim.id}, score {c.score:.0f})"))
            for c in result.alternatives
        )
    reviewed = kb.reviewed.isoformat() if kb.reviewed else "unknown"
    parts.append(Text(f"Knowledge base reviewed {reviewed}. {FOOTER}", style="dim"))
    return Group(*parts)


def render_panel(result: Result, kb: KnowledgeBase, console: Console) -> None:
    """Print one verdict panel. User text is passed as Text, never parsed as markup."""
    from rich.panel import Panel
    from rich.text import Text

    symbol, colour = VERDICT_STYLE[result.verdict]
    title = Text(f" {symbol} {result.verdict.value.upper()} ", style=f"bold {colour}")
    console.print(Panel(_body(result, kb), title=title, title_align="left", border_style=colour))
