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


MAX_CITATIONS = 6


def _identifiers(source: Source) -> str:
    ids = (f"doi:{source.doi}" if source.doi else "", f"PMID {source.pmid}" if source.pmid else "")
    return ", ".join(x for x in ids if x)


def citation_text(source: Source) -> str:
    """One reference: authors, year, title, journal, identifiers, link."""
    head = " ".join(p for p in (source.authors, f"({source.year})" if source.year else "") if p)
    text = f"{head + '. ' if head else ''}{source.title}."
    if source.journal:
        text += f" {source.journal}."
    if ids := _identifiers(source):
        text += f" {ids}."
    if source.link:
        text += f" {source.link}"
    return visible(text)


def citation_line(n: int, source: Source) -> str:
    """One numbered reference, as listed by `ldncheck sources` and `show`."""
    return f"[{n}] {citation_text(source)}"


def _items(markers: list[str], texts: list[str]) -> RenderableType:
    """A list whose wrapped lines stay aligned under their text, not under the marker."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for marker, text in zip(markers, texts, strict=True):
        grid.add_row(Text(marker), Text(text))
    return grid


def _citations(result: Result) -> RenderableType:
    shown = result.citations[:MAX_CITATIONS]
    markers = [f"[{i}]" for i in range(1, len(shown) + 1)]
    texts = [citation_text(s) for s in shown]
    hidden = len(result.citations) - len(shown)
    if hidden and result.match is not None:
        markers.append("…")
        texts.append(f"{hidden} more: ldncheck show {result.match.claim.id}")
    return _items(markers, texts)


def _body(result: Result, kb: KnowledgeBase) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)

    def field(label: str, value: str | RenderableType, style: str = "") -> None:
        # Knowledge-base text can come from a user's --kb, so it is made visible like the claim.
        grid.add_row(label, Text(visible(value), style=style) if isinstance(value, str) else value)

    field("Claim", one_line(result.text))
    match = result.match
    if match is not None:
        field("Matched", f"{match.claim.statement} ({match.claim.id}, score {match.score:.0f})")
        field("Evidence", match.claim.evidence.value, "bold")
    cues = f" ({', '.join(result.stance_cues)})" if result.stance_cues else ""
    field("Stance", one_line(result.stance.value + cues))
    field("Why", result.explanation)
    if match is not None and match.claim.summary:
        field("Summary", match.claim.summary)
    if result.caveats:
        field("Caveats", _items(["•"] * len(result.caveats), [visible(c) for c in result.caveats]))
    if result.citations:
        field("Sources", _citations(result))
    if result.alternatives:
        field(
            "Also close" if match else "Nearest",
            _items(
                ["•"] * len(result.alternatives),
                [
                    visible(f"{c.claim.statement} ({c.claim.id}, score {c.score:.0f})")
                    for c in result.alternatives
                ],
            ),
        )
    reviewed = kb.reviewed.isoformat() if kb.reviewed else "unknown"
    footer = Text(f"Knowledge base reviewed {reviewed}. {FOOTER}", style="dim")
    return Group(grid, Text(""), footer)


def render_panel(result: Result, kb: KnowledgeBase, console: Console) -> None:
    """Print one verdict panel. User text is passed as Text, never parsed as markup."""
    from rich.panel import Panel
    from rich.text import Text

    symbol, colour = VERDICT_STYLE[result.verdict]
    title = Text(f" {symbol} {result.verdict.value.upper()} ", style=f"bold {colour}")
    console.print(Panel(_body(result, kb), title=title, title_align="left", border_style=colour))
