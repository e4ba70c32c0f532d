"""Run the installed `ldncheck` command in a subprocess, with a clean environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def command() -> list[str]:
    """The console script next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("ldncheck")
    found = str(beside) if beside.exists() else shutil.which("ldncheck")
    if found is None:  # pragma: no cover - the package is always installed for the tests
        raise RuntimeError("the ldncheck console script is not installed")
    return [found]


def clean_env(**extra: str) -> dict[str, str]:
    """The current environment without settings that change output, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "LDNCHECK_KB", "COLUMNS", "TERM"}
    }
    return {**env, "TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", **extra}


def run(
    *args: str, stdin: bytes = b"", cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """Run the command to completion, capturing bytes."""
    return subprocess.run(
        [*command(), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=clean_env(**env),
        timeout=300,
        check=False,
    )
