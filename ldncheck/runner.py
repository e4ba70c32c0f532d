"""Run `check` over a stream of claims and write each result as it is ready."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

from ldncheck.check import check_claim
from ldncheck.kb import KnowledgeBase, load_kb
from ldncheck.model import Result
from ldncheck.settings import CheckFormat, CheckSettings

Writer = Callable[[Result], None]


def _text_line(result: Result) -> str:
    from ldncheck.render.safety import one_line

    claim_id = result.match.claim.id if result.match else "-"
    return f"{result.verdict.value.upper()}\t{claim_id}\t{one_line(result.text)}\n"


def _streaming_writer(settings: CheckSettings, kb: KnowledgeBase) -> Writer:
    """A writer that prints each result at once (jsonl lines are flushed for pipes)."""
    out = sys.stdout
    if settings.output is CheckFormat.JSONL:
        from ldncheck.render.json import render_jsonl_line

        def write_jsonl(result: Result) -> None:
            out.write(render_jsonl_line(result, kb))
            out.flush()

        return write_jsonl
    if settings.output is CheckFormat.TEXT:
        return lambda result: out.write(_text_line(result))
    from ldncheck.console import make_console
    from ldncheck.render.panel import render_panel

    console = make_console(settings.color)
    return lambda result: render_panel(result, kb, console)


def _collected(settings: CheckSettings, kb: KnowledgeBase, results: list[Result], *, many: bool) -> str:
    if settings.output is CheckFormat.CLAIMREVIEW:
        from ldncheck.render.claimreview import render_claimreview

        return render_claimreview(results, kb, many=many)
    from ldncheck.render.json import dumps, result_to_dict

    docs = [result_to_dict(r, kb) for r in results]
    return dumps(docs if many else docs[0], indent=2) + "\n"


def run_check(claims: Iterator[str], settings: CheckSettings, *, many: bool) -> bool:
    """Check every claim in order; return True when any was flagged."""
    kb = load_kb(settings.kb_dir)
    flagged = False
    if settings.output in (CheckFormat.JSON, CheckFormat.CLAIMREVIEW):
        results = [check_claim(text, kb) for text in claims]
        flagged = any(r.flagged for r in results)
        sys.stdout.write(_collected(settings, kb, results, many=many))
        return flagged
    write = _streaming_writer(settings, kb)
    for text in claims:
        result = check_claim(text, kb)
        flagged = flagged or result.flagged
        write(result)
    return flagged
