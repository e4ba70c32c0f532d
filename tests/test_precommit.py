"""The pre-commit hook, end to end: fails naming the line, passes once the claim is hedged.

Runs ``pre-commit try-repo`` against this checkout in a throw-away git repository. It builds a
virtualenv for the hook, so it takes a while; it is skipped when git or pre-commit is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed"),
]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [PRE_COMMIT, "try-repo", str(ROOT), "ldncheck", "--files", "draft.md"]
    return subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_hook_fails_on_an_overstated_claim_and_passes_when_hedged(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    draft = repo / "draft.md"
    draft.write_text("# LDN notes\n\nLDN is cheap.\n\nLDN cures cancer.\n")
    git(repo, "add", "draft.md")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }

    failed = try_repo(repo, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "draft.md:5:1: OVERSTATED cancer-cure" in failed.stdout
    assert "ldncheck-disable-next-line" in failed.stdout
    assert draft.read_text().endswith("LDN cures cancer.\n")  # never modifies files

    draft.write_text(
        "# LDN notes\n\nLDN is cheap.\n\n"
        "There is not yet enough evidence to say that LDN helps with cancer.\n"
    )
    git(repo, "add", "draft.md")
    passed = try_repo(repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    assert "draft.md:" not in passed.stdout  # silent on success
