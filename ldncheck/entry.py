"""The console-script entry point, with a fast path for the commonest call.

`ldncheck "LDN treats MS"` (and `ldncheck check [options] CLAIM`, or `-` for claims on stdin)
is what users type most and what editors, hooks and scripts run on every keystroke, commit or
batch. Building the Typer application costs more than checking a claim, so such a call is
parsed here and handed straight to the same runner; anything else (help, other commands,
unknown or malformed options) goes to the Typer application, which gives the full parsing and
error messages.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

from ldncheck.errors import LdncheckError
from ldncheck.model import ExitCode

_COMMANDS = frozenset({"show", "sources", "kb", "scan", "config", "schema"})
_VALUED = {
    "--format": "output",
    "-f": "output",
    "--kb": "kb",
    "--color": "color",
    "--jobs": "jobs",
    "-j": "jobs",
}


def _split_option(arg: str) -> tuple[str, str | None]:
    name, sep, value = arg.partition("=")
    return (name, value) if sep and name.startswith("--") else (arg, None)


def parse_quick(argv: list[str]) -> dict[str, str] | None:
    """The options and claim of a plain single-claim check, or None to defer to Typer."""
    args = argv[1:] if argv[:1] == ["check"] else argv
    if not args or args[0] in _COMMANDS:
        return None
    found: dict[str, str] = {}
    words: list[str] = []
    items = iter(args)
    for arg in items:
        name, value = _split_option(arg)
        if name == "--exit-zero" and value is None:
            found["exit_zero"] = "1"
        elif name in _VALUED:
            value = value if value is not None else next(items, None)
            if value is None or _VALUED[name] in found:
                return None
            if _VALUED[name] == "jobs" and not value.isdigit():
                return None
            found[_VALUED[name]] = value
        elif arg.startswith("-") and arg != "-":
            return None  # "--help", "--", or an option Typer should explain
        else:
            words.append(arg)
    claim = " ".join(words).strip()
    return {**found, "claim": claim} if claim else None


def run_quick(argv: list[str]) -> int | None:
    """Check the claim of a plain call and return the exit code; None to defer to Typer."""
    parsed = parse_quick(argv)
    if parsed is None:
        return None
    from ldncheck.settings import (
        MAX_CLAIM_CHARS,
        CheckFormat,
        CheckSettings,
        ColorMode,
        kb_dir_from,
    )

    formats = {f.value: f for f in CheckFormat}
    colours = {c.value: c for c in ColorMode}
    output, colour = parsed.get("output", "panel"), parsed.get("color", "auto")
    if output not in formats or colour not in colours or len(parsed["claim"]) > MAX_CLAIM_CHARS:
        return None
    kb = parsed.get("kb")
    settings = CheckSettings(
        output=formats[output],
        kb_dir=kb_dir_from(Path(kb) if kb else None),
        exit_zero="exit_zero" in parsed,
        color=colours[colour],
        jobs=int(parsed.get("jobs", "0")),
    )
    from ldncheck.runner import check_stdin, exit_code, run_check

    if parsed["claim"] == "-":
        return int(check_stdin(settings))
    flagged = run_check(iter([parsed["claim"]]), settings, many=False)
    return int(exit_code(flagged=flagged, exit_zero=settings.exit_zero))


class _Interrupted(BaseException):
    """Raised from the SIGINT handler; BaseException so nothing below swallows it."""


def _on_sigint(signum: int, frame: object) -> None:
    raise _Interrupted


def _quiet_broken_pipe() -> None:
    """The reader went away (e.g. `| head -1`): stop quietly, as Unix tools do.

    The exit code is 1, as the Typer application's (Click's) is for the same event: the run
    was cut short, so it cannot say "nothing flagged".
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(ExitCode.FINDINGS)


def main() -> None:
    """Console-script entry point: the error boundary for interrupts, pipes and errors."""
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        code = run_quick(sys.argv[1:])
        if code is None:
            from ldncheck.cli import app

            app(prog_name="ldncheck")
        else:
            sys.stdout.flush()
            sys.exit(code)
    except LdncheckError as exc:
        from ldncheck.render.safety import one_line

        sys.stderr.write(f"ldncheck: error: {one_line(str(exc))}\n")
        sys.exit(ExitCode.ERROR)
    except _Interrupted:
        sys.stderr.write("ldncheck: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        _quiet_broken_pipe()


def console() -> NoReturn:
    """The installed command: ``main``, then an exit that skips tearing down the heap.

    A scan leaves tens of megabytes of objects behind; freeing them one by one at shutdown
    takes longer than some whole checks (about 35 ms after a large scan). Every file the run
    writes is closed before this point, so once the standard streams are flushed there is
    nothing left for an orderly shutdown to do.
    """
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")  # what the interpreter prints for sys.exit("message")
        code = ExitCode.FINDINGS
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = ExitCode.FINDINGS  # the reader went away: see _quiet_broken_pipe
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)
