"""The entry point's fast path: same answers as the Typer application, or it steps aside."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ldncheck.cli import app
from ldncheck.entry import parse_quick


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["LDN treats MS"], {"claim": "LDN treats MS"}),
        (["check", "LDN", "treats", "MS"], {"claim": "LDN treats MS"}),
        (["-f", "json", "LDN treats MS"], {"output": "json", "claim": "LDN treats MS"}),
        (["--format=jsonl", "x"], {"output": "jsonl", "claim": "x"}),
        (["--exit-zero", "--kb", "d", "x"], {"exit_zero": "1", "kb": "d", "claim": "x"}),
        (["--color", "never", "x"], {"color": "never", "claim": "x"}),
        (["check", "-f", "jsonl", "-"], {"output": "jsonl", "claim": "-"}),
        (["-j", "2", "--jobs=3", "x"], None),  # an option given twice: Typer explains
        (["--jobs", "2", "-"], {"jobs": "2", "claim": "-"}),
    ],
)
def test_plain_calls_are_parsed(argv: list[str], expected: dict[str, str] | None) -> None:
    assert parse_quick(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["check", "--jobs", "-1", "-"],
        ["--help"],
        ["check", "--help"],
        ["--version"],
        ["scan", "draft.md"],
        ["show", "ms-symptoms"],
        ["kb", "list"],
        ["--format"],
        ["--format", "json", "--format", "text", "x"],
        ["--unknown", "x"],
        ["--", "x"],
        ["   "],
    ],
)
def test_everything_else_goes_to_typer(argv: list[str]) -> None:
    assert parse_quick(argv) is None


def _installed() -> str:
    found = shutil.which("ldncheck", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the ldncheck console script is not installed next to this Python")
    return found


@pytest.mark.e2e
@pytest.mark.parametrize("output", ["json", "jsonl", "text", "panel"])
@pytest.mark.parametrize(
    "claim", ["LDN treats MS", "LDN has no side effects", "Is LDN safe?", "[bold]x[/] \x1b[2J"]
)
def test_fast_path_prints_what_typer_prints(output: str, claim: str, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    fast = subprocess.run(
        [_installed(), "--format", output, claim],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    slow = CliRunner().invoke(app, ["check", "--format", output, claim], env=env)
    assert fast.returncode == slow.exit_code
    assert fast.stdout == slow.stdout


@pytest.mark.e2e
@pytest.mark.parametrize("output", ["jsonl", "text", "json"])
def test_fast_path_reads_stdin_as_typer_does(output: str, tmp_path: Path) -> None:
    # Includes a blank line, invalid UTF-8 and an over-long line, which is refused (exit 2).
    data = b"LDN treats MS\n\nLDN has no side effects\nLDN \xff cures cancer\n" + b"x" * 100_001
    data += b"\nIs LDN safe?\n"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    fast = subprocess.run(
        [_installed(), "check", "--format", output, "-"],
        input=data,
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    slow = CliRunner().invoke(app, ["check", "--format", output, "-"], input=data, env=env)
    assert fast.returncode == slow.exit_code == 2
    assert fast.stdout.decode() == slow.stdout
    assert fast.stderr.decode() == slow.stderr
    assert fast.stderr.count(b"warning") == 2
