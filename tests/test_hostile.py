"""Hostile input (issue 7): every case with its exit code and the shape of what is printed."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from clirun import clean_env, command, run

pytestmark = pytest.mark.e2e

HOSTILE = Path(__file__).parent / "hostile"
RAW_CONTROLS = [bytes([c]) for c in range(32) if c not in (9, 10, 13)] + [
    b"\x7f",
    "\u009b".encode(),
    "\u202e".encode(),
    "\u2066".encode(),
]


def fixture(name: str) -> bytes:
    return (HOSTILE / name).read_bytes()


def assert_no_raw_controls(out: bytes) -> None:
    for control in RAW_CONTROLS:
        assert control not in out, f"raw {control!r} reached the terminal"


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr
    assert b"Exception ignored" not in result.stderr


# --- empty and odd claims -------------------------------------------------------------------


@pytest.mark.parametrize("claim", ["", " ", "\t \n"])
def test_empty_argument_claim(claim: str) -> None:
    result = run("check", claim)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1
    no_traceback(result)


def test_whitespace_only_stdin_checks_nothing() -> None:
    result = run("check", "-f", "json", "-", stdin=b"\n  \n\t\n")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("name", "code", "lines"),
    [
        ("emoji.txt", 1, 2),
        ("long-word.txt", 0, 2),
        ("punctuation.txt", 0, 4),
        ("bidi.txt", 1, 2),
        ("nul.txt", 1, 2),
        ("markup.txt", 1, 2),
        ("ansi.txt", 1, 3),
    ],
)
def test_odd_claims_are_checked(name: str, code: int, lines: int) -> None:
    result = run("check", "-f", "jsonl", "-", stdin=fixture(name))
    assert result.returncode == code
    docs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(docs) == lines
    expected = [ln.strip() for ln in fixture(name).decode().splitlines() if ln.strip()]
    assert [d["claim"] for d in docs] == expected  # JSON round-trips the text exactly
    no_traceback(result)


def test_over_long_argument_is_refused() -> None:
    result = run("check", "x" * 100_001)
    assert result.returncode == 2
    assert b"100,000 characters are refused" in result.stderr


def test_ten_megabyte_line_is_skipped_and_the_rest_checked() -> None:
    stdin = b"LDN treats MS\n" + b"x" * 10_000_000 + b"\nLDN can cause vivid dreams\n"
    result = run("check", "-f", "text", "-", stdin=stdin)
    assert result.returncode == 2  # the run did not check all it was given
    assert result.stdout.decode().splitlines() == [
        "OVERSTATED\tms-symptoms\tLDN treats MS",
        "ACCURATE\tse-dreams-sleep\tLDN can cause vivid dreams",
    ]
    warning = result.stderr.decode()
    assert warning.startswith("ldncheck: warning: stdin line 2: skipped a line of 10,000,001 bytes")
    assert warning.count("\n") == 1
    no_traceback(result)


def test_huge_line_is_read_in_bounded_memory() -> None:
    """A 128 MiB line without a newline never sits in memory whole."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdin=sys.stdin, stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", probe, *command(), "check", "-f", "text", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=clean_env(),
    )
    assert proc.stdin is not None
    chunk = b"y" * (1 << 20)
    for _ in range(128):
        proc.stdin.write(chunk)
    proc.stdin.close()
    assert proc.stdout is not None
    out = proc.stdout.read()
    assert proc.wait(timeout=300) == 0
    max_rss_kib = int(out)
    assert max_rss_kib < 100 * 1024, f"child used {max_rss_kib} KiB"


def test_many_lines() -> None:
    claims = [b"LDN treats MS", b"LDN has no side effects", b"hello", b"LDN can cause vivid dreams"]
    stdin = b"\n".join(claims * 2_500) + b"\n"
    result = run("check", "-f", "text", "-", stdin=stdin)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 10_000
    assert lines[2].startswith(b"UNKNOWN\t-\thello")
    assert lines[-1].startswith(b"ACCURATE\t")


def test_invalid_utf8_is_replaced_with_a_warning() -> None:
    result = run("check", "-f", "jsonl", "-", stdin=fixture("invalid-utf8.txt"))
    assert result.returncode == 1
    docs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [d["claim"] for d in docs] == ["LDN treats MS \ufffd\ufffd", "\ufffd(LDN cures cancer"]
    assert result.stderr.decode().splitlines() == [
        "ldncheck: warning: stdin line 1: invalid UTF-8 replaced with U+FFFD",
        "ldncheck: warning: stdin line 2: invalid UTF-8 replaced with U+FFFD",
    ]


def test_a_real_replacement_character_is_not_warned_about() -> None:
    result = run("check", "-f", "text", "-", stdin="LDN treats MS \ufffd\n".encode())
    assert result.stderr == b""


# --- markup and terminal control ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["panel", "text"])
def test_rich_markup_is_printed_literally(fmt: str) -> None:
    result = run("check", "-f", fmt, "--color", "always", "-", stdin=fixture("markup.txt"))
    out = result.stdout.decode()
    assert "[bold red]x[/]" in out
    assert "[link=http://e.vil]cures[/link]" in out
    assert "\x1b]8;" not in out  # no hyperlink was made
    assert result.returncode == 1


@pytest.mark.parametrize("fmt", ["panel", "text"])
@pytest.mark.parametrize("name", ["ansi.txt", "nul.txt", "bidi.txt"])
def test_control_characters_never_reach_the_terminal_raw(fmt: str, name: str) -> None:
    result = run("check", "-f", fmt, "-", stdin=fixture(name))
    assert_no_raw_controls(result.stdout)
    assert result.returncode == 1


def test_control_characters_are_shown_as_escapes() -> None:
    result = run("check", "-f", "text", "-", stdin=fixture("ansi.txt"))
    out = result.stdout.decode()
    assert "\\x1b[2J" in out
    assert "\\x1b]8;;http://e.vil\\x07" in out
    assert "\\x9b31m" in out


def test_control_characters_in_the_claim_argument() -> None:
    result = run("check", "--color", "always", "LDN \x1b[2J treats \x1b]0;pwned\x07 MS")
    assert b"\x1b[2J" not in result.stdout
    assert b"\x1b]0;" not in result.stdout
    assert b"\\x1b[2J" in result.stdout


def test_json_escapes_control_characters() -> None:
    result = run("check", "-f", "jsonl", "-", stdin=fixture("ansi.txt"))
    assert b"\x1b" not in result.stdout
    assert b"\\u001b[2J" in result.stdout
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert docs[0]["claim"] == "\x1b[2J\x1b[HLDN treats MS"


def test_error_messages_are_escaped_too(tmp_path: Path) -> None:
    hostile_dir = tmp_path / "kb\x1b[31m"
    result = run("check", "--kb", str(hostile_dir), "LDN treats MS")
    assert result.returncode == 2
    assert b"\x1b" not in result.stderr
    assert b"kb\\x1b[31m" in result.stderr


# --- colour -------------------------------------------------------------------------------


def run_tty(*args: str, **env: str) -> bytes:
    """Run with stdout on a pseudo-terminal; return everything it wrote there."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [*command(), *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=clean_env(COLUMNS="100", **env),
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=120) == 1
    return b"".join(chunks)


COLOUR = b"\x1b["


def test_colour_on_a_terminal() -> None:
    assert COLOUR in run_tty("LDN treats MS")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_colour_when_asked_by_environment(env: dict[str, str]) -> None:
    assert COLOUR not in run_tty("LDN treats MS", **env)


def test_color_never_on_a_terminal() -> None:
    assert COLOUR not in run_tty("--color", "never", "LDN treats MS")


def test_no_colour_in_a_pipe() -> None:
    assert COLOUR not in run("LDN treats MS").stdout


def test_color_always_in_a_pipe() -> None:
    result = run("check", "--color", "always", "LDN treats MS")
    assert COLOUR in result.stdout
    assert result.returncode == 1


def test_color_always_beats_no_color() -> None:
    assert COLOUR in run("check", "--color", "always", "LDN treats MS", NO_COLOR="1").stdout


# --- signals, pipes and streaming -----------------------------------------------------------


def _readline(stream: object, proc: subprocess.Popen[bytes]) -> bytes:
    """One line from the child; a generous guard so a bug hangs for a while, not forever."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    assert ready, "no output from the child: lines are not flushed"
    return proc.stdout.readline()


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_lines_are_flushed_one_by_one(fmt: str) -> None:
    proc = subprocess.Popen(
        [*command(), "check", "-f", fmt, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    assert proc.stdin is not None
    try:
        proc.stdin.write(b"LDN treats MS\n")
        proc.stdin.flush()
        first = _readline(proc.stdout, proc)
        assert b"LDN treats MS" in first
        proc.stdin.write(b"LDN can cause vivid dreams\n")
        proc.stdin.flush()
        assert b"vivid dreams" in _readline(proc.stdout, proc)
    finally:
        proc.stdin.close()
    assert proc.wait(timeout=60) == 1


def test_sigint_while_reading_stdin() -> None:
    proc = subprocess.Popen(
        [*command(), "check", "-f", "jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(b"LDN treats MS\n")
    proc.stdin.flush()
    _readline(proc.stdout, proc)  # the child is now blocked reading the next line
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    assert proc.stderr.read() == b"ldncheck: interrupted\n"
    proc.stdin.close()


@pytest.mark.parametrize("fmt", ["jsonl", "text", "panel", "json"])
def test_reader_going_away_is_quiet(fmt: str, tmp_path: Path) -> None:
    """`ldncheck check -f jsonl - < big | head -1`: no BrokenPipeError on stderr."""
    big = tmp_path / "big.txt"
    # Enough output to overflow a pipe buffer after the reader has gone.
    big.write_bytes(b"LDN treats MS\nLDN has no side effects\n" * 500)
    with big.open("rb") as stdin:
        proc = subprocess.Popen(
            [*command(), "check", "-f", fmt, "-"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_env(),
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # what `head -1` does after its line
        err_box: list[bytes] = []
        reader = threading.Thread(target=lambda: err_box.append(proc.stderr.read()))  # type: ignore[union-attr]
        reader.start()
        code = proc.wait(timeout=300)
        reader.join()
    assert err_box == [b""]
    assert code == 1
