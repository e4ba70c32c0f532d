"""Run `check` over a stream of claims and write each result as it is ready."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from ldncheck.kb import KnowledgeBase, load_kb
from ldncheck.model import ExitCode, Result
from ldncheck.pipeline import check_claim
from ldncheck.settings import MAX_CLAIM_CHARS, CheckFormat, CheckSettings

Writer = Callable[[Result], None]

_MAX_LINE_BYTES = 4 * MAX_CLAIM_CHARS  # UTF-8 needs at most 4 bytes a character
_CHUNK = 1 << 16


class StdinClaims:
    """Claims from a byte stream, one per line: blank lines skipped, invalid UTF-8 replaced.

    Memory stays bounded: a line longer than the cap is skipped without being held whole,
    with a warning; ``refused`` counts such lines so the CLI can exit 2 at the end.
    """

    def __init__(self, stream: BinaryIO, warn: Callable[[str], None]) -> None:
        self._stream = stream
        self._warn = warn
        self.refused = 0
        # A regular file is all there already: no reader is waiting on each result.
        try:
            self.ready = stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
        except (OSError, ValueError, AttributeError):
            self.ready = False

    def __iter__(self) -> Iterator[str]:
        lineno = 0
        while raw := self._stream.readline(_MAX_LINE_BYTES + 1):
            lineno += 1
            if len(raw) > _MAX_LINE_BYTES and not raw.endswith(b"\n"):
                self._refuse(lineno, len(raw) + self._drain())
                continue
            line = self._decode(lineno, raw).strip()
            if len(line) > MAX_CLAIM_CHARS:
                self._refuse(lineno, len(raw))
            elif line:
                yield line

    def _drain(self) -> int:
        """Skip the rest of an over-long line; return how many bytes were skipped."""
        skipped = 0
        while chunk := self._stream.readline(_CHUNK):
            skipped += len(chunk)
            if chunk.endswith(b"\n"):
                break
        return skipped

    def _decode(self, lineno: int, raw: bytes) -> str:
        line = raw.decode("utf-8", errors="replace")
        if "\ufffd" in line and b"\xef\xbf\xbd" not in raw:
            self._warn(f"stdin line {lineno}: invalid UTF-8 replaced with U+FFFD")
        return line

    def _refuse(self, lineno: int, size: int) -> None:
        self.refused += 1
        self._warn(
            f"stdin line {lineno}: skipped a line of {size:,} bytes; claims over "
            f"{MAX_CLAIM_CHARS:,} characters are refused (use `ldncheck scan` for documents)"
        )


def _text_line(result: Result) -> str:
    from ldncheck.render.safety import one_line

    claim_id = result.match.claim.id if result.match else "-"
    return f"{result.verdict.value.upper()}\t{claim_id}\t{one_line(result.text)}\n"


def _streaming_writer(settings: CheckSettings, kb: KnowledgeBase) -> Writer:
    """A writer that prints each result at once, flushed so that pipes see it line by line."""
    out = sys.stdout

    def write(text: str) -> None:
        out.write(text)
        out.flush()

    if settings.output is CheckFormat.JSONL:
        from ldncheck.render.json import render_jsonl_line

        return lambda result: write(render_jsonl_line(result, kb))
    if settings.output is CheckFormat.TEXT:
        return lambda result: write(_text_line(result))
    from ldncheck.console import make_console
    from ldncheck.render.panel import render_panel

    console = make_console(settings.color)
    return lambda result: render_panel(result, kb, console)


def _collected(
    settings: CheckSettings, kb: KnowledgeBase, results: list[Result], *, many: bool
) -> str:
    if settings.output is CheckFormat.CLAIMREVIEW:
        from ldncheck.render.claimreview import render_claimreview

        return str(render_claimreview(results, kb, many=many))
    from ldncheck.render.json import dumps, result_to_dict

    docs = [result_to_dict(r, kb) for r in results]
    return dumps(docs if many else docs[0], indent=2) + "\n"


def _line_renderer(settings: CheckSettings, kb: KnowledgeBase) -> Callable[[str], tuple[str, bool]]:
    """Claim text -> (output line, flagged), for the line formats that can run in workers."""
    if settings.output is CheckFormat.JSONL:
        from ldncheck.render.json import render_jsonl_line

        def jsonl(text: str) -> tuple[str, bool]:
            result = check_claim(text, kb)
            return render_jsonl_line(result, kb), result.flagged

        return jsonl

    def text_line(text: str) -> tuple[str, bool]:
        result = check_claim(text, kb)
        return _text_line(result), result.flagged

    return text_line


def _run_lines(claims: Iterable[str], settings: CheckSettings, kb: KnowledgeBase) -> bool:
    """Stream JSONL or text lines, on every core once the input proves long."""
    from ldncheck.parallel import ordered_batches

    out = sys.stdout
    flagged = False
    ready = isinstance(claims, StdinClaims) and claims.ready
    render = _line_renderer(settings, kb)
    for batch in ordered_batches(render, claims, jobs=settings.jobs, ready=ready):
        out.write("".join(line for line, _ in batch))
        out.flush()
        flagged = flagged or any(hit for _, hit in batch)
    return flagged


def run_check(claims: Iterable[str], settings: CheckSettings, *, many: bool) -> bool:
    """Check every claim in order; return True when any was flagged."""
    kb = load_kb(settings.kb_dir)
    if settings.output in (CheckFormat.JSON, CheckFormat.CLAIMREVIEW):
        results = [check_claim(text, kb) for text in claims]
        sys.stdout.write(_collected(settings, kb, results, many=many))
        return any(r.flagged for r in results)
    if many and settings.output in (CheckFormat.JSONL, CheckFormat.TEXT):
        return _run_lines(claims, settings, kb)
    write = _streaming_writer(settings, kb)
    flagged = False
    for text in claims:
        result = check_claim(text, kb)
        flagged = flagged or result.flagged
        write(result)
    return flagged


def exit_code(*, flagged: bool, exit_zero: bool, refused: int = 0) -> ExitCode:
    """The exit code of `check`.

    2 when any stdin line was refused (the run did not check everything it was given, even
    though the other lines were checked and written); otherwise 1 when a claim is overstated
    or false, unless --exit-zero; otherwise 0.
    """
    if refused:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if flagged and not exit_zero else ExitCode.CLEAN


def _warn(message: str) -> None:
    sys.stderr.write(f"ldncheck: warning: {message}\n")


def check_stdin(settings: CheckSettings) -> ExitCode:
    """Check one claim per line of standard input, writing results as they come."""
    stdin = StdinClaims(sys.stdin.buffer, _warn)
    flagged = run_check(stdin, settings, many=True)
    return exit_code(flagged=flagged, exit_zero=settings.exit_zero, refused=stdin.refused)
