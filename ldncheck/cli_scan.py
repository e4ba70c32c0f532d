"""``scan`` and ``config show``: flags -> ScanSettings -> scan -> renderer -> exit code."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ldncheck.cli_options import KbOption
from ldncheck.config import COMMAND_LINE, FailOn, QuotesPolicy, ScanSettings, describe, resolve
from ldncheck.errors import ConfigError, InputError
from ldncheck.model import ExitCode
from ldncheck.render.scan_formats import PEOPLE_FORMATS, RENDERERS, RenderOptions, ScanFormat
from ldncheck.settings import ColorMode, kb_dir_from

if TYPE_CHECKING:
    from ldncheck.kb import KnowledgeBase

SCAN_HELP = """Find LDN claims in Markdown and plain-text files; report overstated and false ones.

Severities: false -> error, overstated -> warning, quoted or reported -> info, unknown -> shown
only with --show-unknown. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 an error
(missing path, unreadable file, bad config).

Examples:

  ldncheck scan docs/

  ldncheck scan --format sarif . > ldncheck.sarif

  cat draft.md | ldncheck scan --stdin-filename draft.md -

Suppress a finding you have checked with a directive on the line before it:

\b
  <!-- ldncheck-disable-next-line overstated -- quoting the 2004 statement -->
"""


def register(app: typer.Typer) -> None:
    """Add ``scan`` and ``config show`` to *app*."""
    app.command("scan", help=SCAN_HELP)(scan)
    config_app = typer.Typer(
        help="Show the effective scan settings.\n\nExample: ldncheck config show",
        rich_markup_mode=None,
    )
    config_app.command("show")(config_show)
    app.add_typer(config_app, name="config")


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Settings file (default: ldncheck.toml or pyproject.toml "
        "[tool.ldncheck], searched upward from the current directory).",
        show_default=False,
    ),
]


def scan(
    *,
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or directories to scan; - reads stdin.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    output: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScanFormat.TEXT,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Lowest severity that fails (default warning).", show_default=False
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings are reported.")
    ] = False,
    show_unknown: Annotated[
        bool | None,
        typer.Option(
            "--show-unknown/--hide-unknown",
            help="Report LDN sentences no claim matches.",
            show_default=False,
        ),
    ] = None,
    quotes: Annotated[
        QuotesPolicy | None,
        typer.Option(
            "--quotes",
            help="Claims in quotes or reported speech: info, ignore or check.",
            show_default=False,
        ),
    ] = None,
    stdin_filename: Annotated[
        str, typer.Option("--stdin-filename", help="Name for input read from -.", metavar="NAME")
    ] = "<stdin>",
    extensions: Annotated[
        str | None,
        typer.Option(
            "--extensions",
            help="Comma-separated extensions to scan in directories.",
            show_default=False,
            metavar=".md,.txt",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            help="Gitignore-style pattern to skip (repeatable).",
            show_default=False,
            metavar="PATTERN",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Ignore findings recorded in this file.",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write the current findings to --baseline.")
    ] = False,
    max_file_size: Annotated[
        str | None,
        typer.Option(
            "--max-file-size",
            help="Skip larger files, e.g. 5MiB (default).",
            show_default=False,
            metavar="SIZE",
        ),
    ] = None,
    skip_bad_files: Annotated[
        bool,
        typer.Option(
            "--skip-bad-files",
            help="Unreadable, binary or oversized files do not make the exit code 2.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            show_default=False,
            help=(
                "Worker processes; 0 means one per core, 1 keeps everything in one process. "
                "By default every core is used once the work is large (many files, or a "
                "document of over a thousand sentences), and one process otherwise."
            ),
        ),
    ] = None,
    kb: KbOption = None,
    config: ConfigOption = None,
    color: Annotated[
        ColorMode, typer.Option("--color", help="Colour for --format full: auto, always or never.")
    ] = ColorMode.AUTO,
) -> None:
    flags = {
        "fail_on": fail_on.value if fail_on is not None else None,
        "show_unknown": show_unknown,
        "quotes": quotes.value if quotes is not None else None,
        "extensions": extensions,
        "exclude": list(exclude) if exclude else None,
        "max_file_size": max_file_size,
        "kb": str(kb) if kb is not None else None,
    }
    settings = resolve(config=config, cwd=Path.cwd(), flags=flags, env=_environment())
    if update_baseline and baseline is None:
        raise ConfigError("--update-baseline needs --baseline FILE")
    code = _run(
        paths,
        settings=settings,
        output=output,
        options=_render_options(output, color),
        stdin=_stdin(paths, stdin_filename, settings),
        baseline=baseline,
        update_baseline=update_baseline,
        exit_zero=exit_zero,
        skip_bad_files=skip_bad_files,
        jobs=jobs,
    )
    raise typer.Exit(code)


def _run(
    paths: list[str],
    *,
    settings: ScanSettings,
    output: ScanFormat,
    options: RenderOptions,
    stdin: tuple[str, bytes] | None,
    baseline: Path | None,
    update_baseline: bool,
    exit_zero: bool,
    skip_bad_files: bool,
    jobs: int | None,
) -> ExitCode:
    """Scan, apply the baseline, write the output, and decide the exit code."""
    import dataclasses
    import functools

    from ldncheck.scan import exit_code, run_scan

    # A knowledge base the user names is validated up front; the bundled one is loaded (and
    # its modules imported) only when a file needs it, so files that never mention LDN are
    # scanned quickly.
    kb = _load_kb(settings.kb) if settings.kb is not None else functools.cache(_load_kb)
    report = run_scan(paths, settings=settings, kb=kb, cwd=Path.cwd(), stdin=stdin, jobs=jobs)
    if update_baseline and baseline is not None:
        from ldncheck.baseline import write_baseline

        write_baseline(baseline, (f for f in report.findings if f.severity.value != "none"))
    if baseline is not None and baseline.exists():
        from ldncheck.baseline import load_baseline, split_by_baseline

        kept, covered = split_by_baseline(report.findings, load_baseline(baseline))
        report = dataclasses.replace(report, findings=tuple(kept), baselined=covered)
    for error in report.errors:
        word = "skipped" if skip_bad_files and error.skippable else "error"
        typer.echo(f"ldncheck: {word}: {error.path}: {error.message}", err=True)
    sys.stdout.write(RENDERERS[output](report, options))
    sys.stdout.flush()
    code = exit_code(
        report, fail_on=settings.fail_on, exit_zero=exit_zero, skip_bad_files=skip_bad_files
    )
    if output in PEOPLE_FORMATS:
        _people_summary(report, failed=code is ExitCode.FINDINGS)
    return code


def _load_kb(directory: Path | None = None) -> KnowledgeBase:
    from ldncheck.kb import load_kb

    return load_kb(directory)


def _people_summary(report: object, *, failed: bool) -> None:
    from ldncheck.render.scan_text import summary
    from ldncheck.rules import SUPPRESS_HINT
    from ldncheck.scan import ScanReport

    if not isinstance(report, ScanReport):
        return
    line = summary(report)
    if line:
        typer.echo(f"ldncheck: {line}", err=True)
    if failed:
        typer.echo(f"hint: {SUPPRESS_HINT}", err=True)


def _environment() -> dict[str, object]:
    """Settings given through the environment: only LDNCHECK_KB, as for ``check``."""
    kb = kb_dir_from(None)
    return {"kb": str(kb)} if kb is not None else {}


def _render_options(output: ScanFormat, color: ColorMode) -> RenderOptions:
    if output not in PEOPLE_FORMATS:
        return RenderOptions()
    from ldncheck.console import colour_wanted

    isatty = getattr(sys.stdout, "isatty", lambda: False)()
    width = shutil.get_terminal_size((100, 24)).columns if isatty else 100
    return RenderOptions(color=colour_wanted(color, stream_is_tty=isatty), width=width)


def _stdin(paths: list[str], name: str, settings: ScanSettings) -> tuple[str, bytes] | None:
    if "-" not in paths:
        return None
    stream = getattr(sys.stdin, "buffer", None)
    data = (
        stream.read(settings.max_file_size + 1) if stream is not None else sys.stdin.read().encode()
    )
    if not isinstance(data, bytes):
        raise InputError("standard input is not readable as bytes")
    return name, data


def config_show(*, config: ConfigOption = None) -> None:
    """Print the effective scan settings and where each came from.

    Example: ldncheck config show
    """
    settings = resolve(config=config, cwd=Path.cwd(), flags={}, env=_environment())
    rows = describe(settings)
    width = max(len(name) for name, _, _ in rows)
    for name, value, origin in rows:
        where = origin if origin != COMMAND_LINE else "command line"
        shown = value or ("(bundled)" if name == "kb" else "(empty)")
        typer.echo(f"{name.ljust(width)} = {shown}  # {where}")
