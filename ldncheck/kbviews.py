"""Read-only views of the knowledge base for `show`, `sources` and `kb …`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from ldncheck.errors import InputError
from ldncheck.kb import KnowledgeBase, lint_kb, load_kb
from ldncheck.model import Claim, ExitCode
from ldncheck.render.panel import citation_line
from ldncheck.render.safety import visible
from ldncheck.settings import ColorMode

TRIAL_TYPES = frozenset({"rct", "crossover-rct", "systematic-review", "meta-analysis"})


def _claim_or_error(kb: KnowledgeBase, claim_id: str) -> Claim:
    claim = kb.claim(claim_id)
    if claim is None:
        from rapidfuzz import process

        near = process.extractOne(claim_id, [c.id for c in kb.claims])
        hint = f"; did you mean {near[0]!r}?" if near and near[1] > 60 else ""
        raise InputError(f"no claim with id {visible(claim_id)!r}{hint} (see `ldncheck kb list`)")
    return claim


def show_claim(claim_id: str, kb_dir: Path | None, color: ColorMode) -> None:
    """Print one claim in full."""
    kb = load_kb(kb_dir)
    claim = _claim_or_error(kb, claim_id)
    lines = [
        f"{claim.id}  [{claim.topic}]",
        f"Statement: {claim.statement}",
        f"Evidence:  {claim.evidence.value}",
        f"Summary:   {claim.summary}",
        f"Reviewed:  {claim.reviewed.isoformat() if claim.reviewed else 'unknown'}",
        "Also written as:",
        *(f"  - {a}" for a in claim.aliases),
        "Caveats:",
        *(f"  - {c}" for c in kb.caveat_texts(claim)),
        "Sources:",
        *(f"  {citation_line(i, s)}" for i, s in enumerate(kb.citations(claim), 1)),
    ]
    typer.echo("\n".join(visible(line) for line in lines))


def list_sources(topic: str | None, kb_dir: Path | None, color: ColorMode) -> None:
    """Print the bibliography, optionally for one topic."""
    kb = load_kb(kb_dir)
    ids = list(kb.sources)
    if topic is not None:
        _known_topic(kb, topic)
        cited = {sid for c in kb.claims_for(topic) for sid in c.sources}
        ids = [sid for sid in ids if sid in cited]
    for n, sid in enumerate(ids, 1):
        source = kb.sources[sid]
        typer.echo(f"{citation_line(n, source)}  <{source.id}, {source.type}>")


def _known_topic(kb: KnowledgeBase, topic: str) -> None:
    if topic not in kb.lexicon.topics:
        raise InputError(
            f"unknown topic {visible(topic)!r}; topics: {', '.join(kb.lexicon.topics)}"
        )


def list_claims(topic: str | None, kb_dir: Path | None) -> None:
    """One line per claim: id, topic, evidence, statement."""
    kb = load_kb(kb_dir)
    if topic is not None:
        _known_topic(kb, topic)
    claims = kb.claims_for(topic) if topic else kb.claims
    width = max((len(c.id) for c in claims), default=10)
    for c in claims:
        typer.echo(
            visible(f"{c.id:<{width}}  {c.topic:<26}  {c.evidence.value:<12}  {c.statement}")
        )


def stats(kb_dir: Path | None) -> None:
    """Counts and gaps: a maintainer's overview."""
    kb = load_kb(kb_dir)
    by_topic = Counter(c.topic for c in kb.claims)
    by_evidence = Counter(c.evidence.value for c in kb.claims)
    by_type = Counter(s.type for s in kb.sources.values())
    no_trial = [
        c.id
        for c in kb.claims
        if not any(kb.sources[s].type in TRIAL_TYPES for s in c.sources if s in kb.sources)
    ]
    dates = [c.reviewed for c in kb.claims if c.reviewed]
    out = [
        f"Knowledge base: {kb.origin}",
        f"Claims: {len(kb.claims)}   Sources: {len(kb.sources)}   "
        f"Reviewed: {kb.reviewed or 'unknown'}   "
        f"Oldest claim review: {min(dates) if dates else 'unknown'}",
        "",
        "Claims per topic:",
    ]
    out += [f"  {t:<28} {by_topic.get(t, 0)}" for t in kb.lexicon.topics]
    out += ["", "Claims per evidence status:"]
    out += [f"  {e:<28} {n}" for e, n in sorted(by_evidence.items())]
    out += ["", "Sources per type:"]
    out += [f"  {t:<28} {n}" for t, n in sorted(by_type.items())]
    out += ["", f"Claims without a trial-level source ({len(no_trial)}):"]
    out += [f"  {cid}" for cid in no_trial]
    typer.echo(visible("\n".join(out)))


def validate(kb_dir: Path | None) -> ExitCode:
    """Load strictly, then lint; print problems and return the exit code."""
    kb = load_kb(kb_dir)
    problems = lint_kb(kb)
    for problem in problems:
        typer.echo(f"ldncheck: error: {visible(kb.origin)}: {visible(problem)}", err=True)
    if problems:
        return ExitCode.ERROR
    typer.echo(
        f"ok: {len(kb.claims)} claims, {len(kb.sources)} sources, "
        f"{len(kb.lexicon.topics)} topics ({visible(kb.origin)})"
    )
    return ExitCode.CLEAN
