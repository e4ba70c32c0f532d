"""A fresh install: build the wheel, install it into a new virtual environment, run it.

The knowledge base must travel inside the wheel (read with importlib.resources), so the
installed command works from any directory with nothing of the checkout around it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("ldncheck-*.whl")
    return built


def test_the_wheel_carries_the_knowledge_base(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("claims.yaml", "sources.yaml", "lexicon.yaml"):
        assert f"ldncheck/data/{name}" in names
    assert "ldncheck/schemas/check.schema.json" in names


def test_installed_in_a_new_environment_it_runs_from_an_empty_directory(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0:
        pytest.skip(f"dependencies could not be installed from the package index: {install.stderr}")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("LDNCHECK_KB", "PYTHONPATH")}

    def ldncheck(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bindir / "ldncheck"), *args],
            cwd=empty,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    run = ldncheck("check", "--format", "json", "LDN treats MS")
    assert run.returncode == 1, run.stderr
    result = json.loads(run.stdout)
    assert result["match"]["topic"] == "multiple-sclerosis"
    validate = ldncheck("kb", "validate")
    assert validate.returncode == 0, validate.stderr
    assert "site-packages" in validate.stdout
