"""The command line: flags -> settings -> core -> renderer -> exit code."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ldncheck import __version__
from ldncheck.cli_options import KbOption
from ldncheck.errors import InputError, LdncheckError
from ldncheck.model import ExitCode
from ldncheck.settings import MAX_CLAIM_CHARS, CheckFormat, CheckSettings, ColorMode, kb_dir_from


class DefaultToCheck(TyperGroup):
    """`ldncheck "LDN treats MS"` means `ldncheck check "LDN treats MS"`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Insert `check` when the first word is neither a command nor a group option."""
        group_options = {
            "--help",
            "-h",
            "--version",
            "-V",
            "--install-completion",
            "--show-completion",
        }
        if args and args[0] not in self.commands and args[0] not in group_options:
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """The error boundary: a user-fixable problem is one line on stderr and exit 2."""
        try:
            return super().invoke(ctx)
        except LdncheckError as exc:
            typer.echo(_error_line(exc), err=True)
            raise typer.Exit(ExitCode.ERROR) from None


def _error_line(exc: LdncheckError) -> str:
    """The one line printed for an error; paths and values may be hostile, so made visible."""
    from ldncheck.render.safety import one_line

    return f"ldncheck: error: {one_line(str(exc))}"


app = typer.Typer(
    cls=DefaultToCheck,
    name="ldncheck",
    help=(
        "Check claims about low-dose naltrexone (LDN) against a curated, sourced evidence base.\n\n"
        "Examples:\n\n"
        '  ldncheck "LDN treats MS"\n\n'
        '  ldncheck check --format json "LDN has no side effects"\n\n'
        "  printf 'LDN cures cancer\\n' | ldncheck check --format jsonl -\n\n"
        "  ldncheck scan drafts/\n\n"
        "Exit codes: 0 nothing flagged, 1 overstated or false claims found, 2 usage, input or "
        "knowledge-base error. Not medical advice."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
    no_args_is_help=True,
)
kb_app = typer.Typer(
    help=(
        "Inspect and validate the knowledge base.\n\n"
        "Examples: ldncheck kb list --topic fibromyalgia; ldncheck kb stats; "
        "ldncheck kb validate --kb ./my-kb"
    ),
    rich_markup_mode=None,
)
app.add_typer(kb_app, name="kb")

ColorOption = Annotated[ColorMode, typer.Option("--color", help="Colour: auto, always or never.")]


def _version(*, value: bool) -> None:
    if value:
        from ldncheck.kb import load_kb

        kb = load_kb(kb_dir_from(None))
        reviewed = kb.reviewed.isoformat() if kb.reviewed else "unknown"
        typer.echo(f"ldncheck {__version__} (knowledge base reviewed {reviewed})")
        raise typer.Exit()


@app.callback()
def _root(
    *,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show the version and the knowledge base's review date.",
        ),
    ] = False,
) -> None:
    """Check claims about low-dose naltrexone (LDN)."""


def _one_claim(words: list[str]) -> str:
    text = " ".join(words).strip()
    if not text:
        raise InputError(
            'the claim is empty; give a sentence to check, e.g. ldncheck "LDN treats MS"'
        )
    if len(text) > MAX_CLAIM_CHARS:
        raise InputError(
            f"the claim is {len(text):,} characters; claims over {MAX_CLAIM_CHARS:,} "
            "characters are refused (use `ldncheck scan` for documents)"
        )
    return text


@app.command()
def check(
    claim: Annotated[
        list[str] | None,
        typer.Argument(
            help="The claim to check (quotes optional), or - to read one per line from stdin.",
            show_default=False,
        ),
    ] = None,
    *,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.PANEL,
    kb: KbOption = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when claims are flagged.")
    ] = False,
    color: ColorOption = ColorMode.AUTO,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes for long stdin input in jsonl/text; 0 means one per core.",
        ),
    ] = 0,
) -> None:
    """Check one claim, or many from stdin.

    Examples: ldncheck check "LDN treats MS"; ldncheck check -f json "LDN has no side effects";
    cat claims.txt | ldncheck check -f jsonl -
    """
    settings = CheckSettings(
        output=output, kb_dir=kb_dir_from(kb), exit_zero=exit_zero, color=color, jobs=jobs
    )
    words = claim or []
    from ldncheck.runner import check_stdin, exit_code, run_check

    if words == ["-"]:
        raise typer.Exit(check_stdin(settings))
    flagged = run_check([_one_claim(words)], settings, many=False)
    raise typer.Exit(exit_code(flagged=flagged, exit_zero=settings.exit_zero))


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(help="A claim id, as shown by `ldncheck kb list`.")],
    kb: KbOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Show one knowledge-base claim with its evidence, caveats and sources.

    Example: ldncheck show ms-symptoms
    """
    from ldncheck.kbviews import show_claim

    show_claim(claim_id, kb_dir_from(kb), color)


@app.command()
def sources(
    topic: Annotated[
        str | None,
        typer.Option("--topic", "-t", help="Only sources cited by claims of this topic."),
    ] = None,
    kb: KbOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """List the bibliography, with DOI/PMID where confirmed.

    Example: ldncheck sources --topic fibromyalgia
    """
    from ldncheck.kbviews import list_sources

    list_sources(topic, kb_dir_from(kb), color)


@kb_app.command("list")
def kb_list(
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Only claims of this topic.")
    ] = None,
    kb: KbOption = None,
) -> None:
    """List claims: id, topic, evidence and statement.

    Example: ldncheck kb list --topic multiple-sclerosis
    """
    from ldncheck.kbviews import list_claims

    list_claims(topic, kb_dir_from(kb))


@kb_app.command("stats")
def kb_stats(kb: KbOption = None) -> None:
    """Claims per topic and evidence status, sources per type, gaps and the oldest review date.

    Example: ldncheck kb stats
    """
    from ldncheck.kbviews import stats

    stats(kb_dir_from(kb))


@kb_app.command("validate")
def kb_validate(kb: KbOption = None) -> None:
    """Validate a knowledge base strictly; exit 2 with file:line messages on any problem.

    Example: ldncheck kb validate --kb ./my-kb
    """
    from ldncheck.kbviews import validate

    raise typer.Exit(validate(kb_dir_from(kb)))


def _register_plugins() -> None:
    from ldncheck.cli_extra import register as register_extra

    register_extra(app)
    try:
        from ldncheck.cli_scan import register
    except ImportError:  # pragma: no cover - scan is part of every release
        return
    register(app)


_register_plugins()

# The console script's entry point lives in ldncheck.entry, which answers a plain
# single-claim call without building this application.
from ldncheck.entry import main  # noqa: E402

__all__ = ["app", "main"]
