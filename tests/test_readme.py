"""The README's commands are the real ones, and its example output is what they print."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ldncheck.api import check
from ldncheck.kb import load_kb
from ldncheck.render.json import result_to_dict

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GENERATOR = ROOT / "scripts" / "readme_examples.py"
QUICK_START = [
    'python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/ldncheck "LDN treats MS"',
    'python3 -m venv .venv && .venv/bin/pip install ".[test]" && .venv/bin/python -m pytest -q',
]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def section(title: str) -> str:
    """The text of the README section headed `## title`, up to the next `## ` heading."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert found, f"README has no '## {title}' section"
    return found[1]


def test_quick_start_is_exactly_two_command_lines() -> None:
    first = FENCE.search(section("Quick start"))
    assert first, "the Quick start section has no code block"
    lines = [line for line in first[1].splitlines() if line.strip()]
    assert lines == QUICK_START


def test_quick_start_tests_run_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci
    assert QUICK_START[1].endswith("python -m pytest -q")


@pytest.mark.parametrize(
    "title",
    [
        "How verdicts are decided",
        "JSON output",
        "Exit codes",
        "Checking drafts: ldncheck scan",
        "Use in scripts",
        "Use in CI",
        "Editor integration",
        "Maintain your own knowledge base",
        "Where the evidence comes from",
        "Python API",
        "Shell completion",
        "Dependencies",
        "Performance",
        "Security",
    ],
)
def test_required_sections_exist(title: str) -> None:
    assert section(title).strip()


def test_json_section_documents_every_check_field() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section("JSON output"), re.MULTILINE))
    produced = set(result_to_dict(check("LDN treats MS"), load_kb()))
    assert produced == documented


def test_python_api_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = FENCE.search(section("Python API"))
    assert code
    exec(compile(code[1], "README.md (Python API)", "exec"), {})
    printed = capsys.readouterr().out
    assert "overstated ms-symptoms mixed" in printed
    assert "results are immutable" in printed
    assert "notes.md 3 1 false" in printed


@pytest.mark.e2e
@pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("jq") is None,
    reason="the README examples need bash and jq",
)
def test_generated_examples_are_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (
        "README examples or docs/verdict-panel.svg are out of date; "
        f"run `python scripts/readme_examples.py`:\n{done.stdout}{done.stderr}"
    )
