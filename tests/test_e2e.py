"""The installed console script, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import clean_env, run

from ldncheck import __version__

pytestmark = pytest.mark.e2e


def test_panel(tmp_path: Path) -> None:
    result = run("LDN treats MS", cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "OVERSTATED" in out
    assert "multiple sclerosis" in out
    assert b"\x1b[" not in result.stdout  # a pipe is not a terminal
    assert result.stderr == b""


def test_json(tmp_path: Path) -> None:
    result = run("check", "--format", "json", "LDN has no side effects", cwd=tmp_path)
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["verdict"] == "false"
    assert result.stderr == b""


def test_jsonl_pipe_keeps_order(tmp_path: Path) -> None:
    stdin = b"LDN treats MS\nLDN is usually taken at 4.5 mg\n"
    result = run("check", "--format", "jsonl", "-", stdin=stdin, cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    docs = [json.loads(line) for line in lines]
    assert [d["claim"] for d in docs] == ["LDN treats MS", "LDN is usually taken at 4.5 mg"]
    assert docs[0]["verdict"] == "overstated"
    assert result.returncode == 1


def test_python_dash_m_version(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ldncheck", "--version"],
        capture_output=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.decode().startswith(f"ldncheck {__version__} (knowledge base reviewed ")


def test_error_exit_code_from_the_real_process(tmp_path: Path) -> None:
    result = run("check", "", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("ldncheck: error: the claim is empty")
    assert b"Traceback" not in result.stderr


def test_scanning_files_that_never_mention_ldn_loads_no_knowledge_base(tmp_path: Path) -> None:
    # What keeps a scan of ordinary prose as quick as a spell checker: the knowledge base and
    # the matcher are not even imported. The same run over an LDN file does import them.
    plain = tmp_path / "notes.md"
    plain.write_text("# Notes\n\nThe garden needs compost before spring.\n", encoding="utf-8")
    about = tmp_path / "ldn.md"
    about.write_text("LDN cures cancer.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from ldncheck.entry import main\n"
        "sys.argv = ['ldncheck', 'scan', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('ldncheck.kb', 'ldncheck.pipeline') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    for path, expected in ((plain, "[]"), (about, "['ldncheck.kb', 'ldncheck.pipeline']")):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(path)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=clean_env(),
            check=False,
        )
        assert done.stderr.strip().splitlines()[-1] == expected, done.stderr


def test_a_long_scan_report_reaches_the_pipe_whole(tmp_path: Path) -> None:
    # The command exits without an orderly shutdown; everything written must be flushed first.
    draft = tmp_path / "draft.md"
    draft.write_text("LDN cures cancer. LDN has no side effects.\n\n" * 400, encoding="utf-8")
    result = run("scan", "--format", "json", str(draft), cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert len(report["results"]) == 800
    assert result.stdout.endswith(b"\n")


@pytest.mark.parametrize(
    ("ending", "code", "stderr"),
    [
        ("raise SystemExit(3)", 3, ""),
        ("raise SystemExit(None)", 0, ""),
        ("return None", 0, ""),
        ("raise SystemExit('stopped here')", 1, "stopped here\n"),
    ],
)
def test_console_exit_codes_and_flushed_output(
    tmp_path: Path, ending: str, code: int, stderr: str
) -> None:
    # console() turns whatever main() ends with into the process's exit code, as the
    # interpreter would, and flushes what main() left buffered before it leaves.
    probe = (
        "import sys\n"
        "import ldncheck.entry as entry\n"
        "def fake():\n"
        "    sys.stdout.write('x' * 100000)\n"
        f"    {ending}\n"
        "entry.main = fake\n"
        "entry.console()\n"
        "print('not reached', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        check=False,
    )
    assert done.returncode == code
    assert done.stdout == "x" * 100000
    assert done.stderr == stderr
