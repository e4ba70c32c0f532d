"""Regenerate the README's example output blocks and the verdict-panel screenshot.

Every block between ``<!-- example: COMMAND -->`` and ``<!-- /example -->`` is replaced by a
``console`` code block holding ``$ COMMAND`` and the command's real output (stdout and stderr
as a terminal shows them). Commands run through ``bash -c`` in a fresh temporary directory
that holds ``drafts/`` (a copy of ``tests/cases``) and ``my-kb/`` (``docs/examples/my-kb``),
with ``NO_COLOR=1`` and ``COLUMNS=100``, and with this interpreter's ``ldncheck`` first on PATH.

    python scripts/readme_examples.py           # rewrite README.md and docs/verdict-panel.svg
    python scripts/readme_examples.py --check   # exit 1 if either is out of date
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from ldncheck.kb import load_kb
from ldncheck.pipeline import check_claim
from ldncheck.render.panel import render_panel

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SVG = ROOT / "docs" / "verdict-panel.svg"
SCREENSHOT_CLAIM = "LDN cures fibromyalgia"
WIDTH = 100
EXAMPLE = re.compile(
    r"(?P<open><!-- example: (?P<command>.+?) -->\n)(?P<body>.*?)(?P<close><!-- /example -->)",
    re.DOTALL,
)
# Variables that would change what the examples print.
SCRUBBED = frozenset(
    {"LDNCHECK_KB", "LDNCHECK_ORGANISATION", "FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONPATH"}
)


def example_env() -> dict[str, str]:
    """The environment every example runs in."""
    env = {
        k: v for k, v in os.environ.items() if k not in SCRUBBED and not k.startswith("LDNCHECK")
    }
    bindir = str(Path(sys.executable).parent)
    env |= {"NO_COLOR": "1", "COLUMNS": str(WIDTH), "TERM": "dumb", "LC_ALL": "C.UTF-8"}
    env["PATH"] = os.pathsep.join([bindir, env.get("PATH", "")])
    return env


def prepare(workdir: Path) -> None:
    """The files the examples name: a few drafts and a tiny knowledge base."""
    shutil.copytree(ROOT / "tests" / "cases", workdir / "drafts")
    shutil.copytree(ROOT / "docs" / "examples" / "my-kb", workdir / "my-kb")


def run(command: str, workdir: Path) -> str:
    """The command's output as a terminal would show it, trailing blanks removed."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=workdir,
        env=example_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    if "Traceback (most recent call last)" in done.stdout:
        raise SystemExit(f"example crashed, README left unchanged: {command}\n{done.stdout}")
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    return "\n".join(lines).rstrip("\n")


def block(command: str, output: str) -> str:
    """The Markdown that replaces an example's body."""
    body = f"$ {command}\n{output}\n" if output else f"$ {command}\n"
    return f"```console\n{body}```\n"


def render_readme(text: str, workdir: Path) -> str:
    """README text with every example block regenerated."""

    def replace(match: re.Match[str]) -> str:
        command = match["command"]
        return match["open"] + block(command, run(command, workdir)) + match["close"]

    return EXAMPLE.sub(replace, text)


def render_svg() -> str:
    """The verdict panel for SCREENSHOT_CLAIM, recorded by Rich and exported as SVG."""
    kb = load_kb()
    console = Console(
        record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    render_panel(check_claim(SCREENSHOT_CLAIM, kb), kb, console)
    return console.export_svg(title=f'ldncheck "{SCREENSHOT_CLAIM}"')


def drift(path: Path, old: str, new: str) -> str:
    """A short unified diff, or '' when nothing changed."""
    if old == new:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), str(path), f"{path} (regenerated)", lineterm="", n=1
    )
    return "\n".join(list(lines)[:60])


def main(argv: list[str] | None = None) -> int:
    """Regenerate, or with --check report drift and return 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ldncheck-readme-") as tmp:
        workdir = Path(tmp)
        prepare(workdir)
        readme_old = README.read_text(encoding="utf-8")
        readme_new = render_readme(readme_old, workdir)
    svg_old = SVG.read_text(encoding="utf-8") if SVG.exists() else ""
    svg_new = render_svg()
    changes = [(README, readme_old, readme_new), (SVG, svg_old, svg_new)]
    if args.check:
        report = [drift(p, old, new) for p, old, new in changes]
        stale = [text for text in report if text]
        for text in stale:
            print(text)
        if stale:
            print("out of date: run `python scripts/readme_examples.py`", file=sys.stderr)
        return 1 if stale else 0
    for path, old, new in changes:
        if old != new:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
