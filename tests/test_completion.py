"""Shell completion: the installed command prints scripts for bash, zsh and fish, and completes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

LDNCHECK = shutil.which("ldncheck", path=str(Path(sys.executable).parent)) or shutil.which(
    "ldncheck"
)
# Typer detects the running shell unless told not to; the tests name the shell instead.
NO_DETECTION = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}

SCRIPTS = {
    "bash": ("complete -o default -F _ldncheck_completion ldncheck", "_LDNCHECK_COMPLETE"),
    "zsh": ("#compdef ldncheck", "compdef _ldncheck_completion ldncheck"),
    "fish": ("complete --command ldncheck", "_LDNCHECK_COMPLETE=complete_fish"),
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert LDNCHECK, "the ldncheck console script is not installed"
    return subprocess.run(
        [LDNCHECK, *args],
        env={**os.environ, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("shell", sorted(SCRIPTS))
def test_show_completion_prints_the_shell_script(shell: str) -> None:
    done = run(["--show-completion", shell], NO_DETECTION)
    assert done.returncode == 0, done.stderr
    assert "ldncheck" in done.stdout
    for needle in SCRIPTS[shell]:
        assert needle in done.stdout


@pytest.mark.parametrize(
    ("env", "expected", "absent"),
    [
        (
            {"_LDNCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "ldncheck sc", "COMP_CWORD": "1"},
            {"scan", "schema"},
            "show",
        ),
        (
            {
                "_LDNCHECK_COMPLETE": "complete_zsh",
                "_TYPER_COMPLETE_ARGS": "ldncheck check --format j",
            },
            {"json", "jsonl"},
            "panel",
        ),
        (
            {
                "_LDNCHECK_COMPLETE": "complete_fish",
                "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                "_TYPER_COMPLETE_ARGS": "ldncheck kb v",
            },
            {"validate"},
            "list",
        ),
    ],
    ids=["bash-commands", "zsh-format-values", "fish-subcommands"],
)
def test_completion_answers_with_real_choices(
    env: dict[str, str], expected: set[str], absent: str
) -> None:
    done = run([], env)
    assert done.returncode == 0, done.stderr
    for word in expected:
        assert word in done.stdout
    assert absent not in done.stdout  # only choices that fit what was typed
