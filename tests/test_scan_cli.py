"""``ldncheck scan`` and ``ldncheck config show`` through the Typer app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ldncheck.cli import app

runner = CliRunner()
OVERSTATED = "LDN cures cancer.\n"
FALSE = "Low-dose naltrexone cures multiple sclerosis.\n"
HEDGED = "Small studies suggest that low-dose naltrexone may reduce fibromyalgia pain.\n"
VIM_ERRORFORMAT = re.compile(r"^(?P<f>[^:]+):(?P<l>\d+):(?P<c>\d+): (?P<m>.+)$")


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LDNCHECK_KB", raising=False)
    path = tmp_path / "draft.md"
    path.write_text(f"# Notes\n\n{HEDGED}\n{OVERSTATED}\n{FALSE}")
    return path


def scan(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["scan", *args], input=stdin)


def test_text_output_positions_exit_code_summary_and_hint(draft: Path) -> None:
    result = scan("draft.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(" ")[:3] for line in lines] == [
        ["draft.md:5:1:", "OVERSTATED", "cancer-cure"],
        ["draft.md:7:1:", "FALSE", "ms-cure"],
    ]
    for line in lines:
        match = VIM_ERRORFORMAT.match(line)
        assert match is not None
        assert (match["f"], match["c"]) == ("draft.md", "1")
    assert "2 findings (1 error, 1 warning, 0 info) in 1 file" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("hint: to silence a finding")
    assert "ldncheck-disable-next-line" in result.stderr


def test_fail_on_and_exit_zero(draft: Path) -> None:
    draft.write_text(OVERSTATED)
    assert scan("--fail-on", "error", "draft.md").exit_code == 0
    assert scan("--exit-zero", "draft.md").exit_code == 0
    assert scan("--fail-on", "warning", "draft.md").exit_code == 1


def test_clean_file_is_silent(draft: Path) -> None:
    draft.write_text(HEDGED)
    result = scan("draft.md")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_missing_path_is_exit_2_with_one_line(draft: Path) -> None:
    result = scan("no-such-file.md")
    assert result.exit_code == 2
    assert scan("--skip-bad-files", "no-such-file.md").exit_code == 2
    assert "ldncheck: error: no-such-file.md: no such file or directory" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("output", ["json", "jsonl", "sarif", "github"])
def test_machine_formats_write_only_the_document(draft: Path, output: str) -> None:
    result = scan("--format", output, "draft.md")
    assert result.exit_code == 1
    assert result.stderr == ""
    if output == "json":
        document = json.loads(result.stdout)
        assert document["schema_version"] == 1
        assert [(r["line"], r["verdict"], r["severity"]) for r in document["results"]] == [
            (5, "overstated", "warning"),
            (7, "false", "error"),
        ]
        assert document["summary"]["findings"] == 2
    elif output == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [row["match"]["id"] for row in rows] == ["cancer-cure", "ms-cure"]
    elif output == "sarif":
        assert json.loads(result.stdout)["version"] == "2.1.0"
    else:
        assert result.stdout.startswith("::warning file=draft.md,line=5,col=1,")
        assert result.stdout.splitlines()[1].startswith("::error file=draft.md,line=7,")


def test_stdin_with_its_filename(draft: Path) -> None:
    result = scan("--stdin-filename", "post.md", "-", stdin="Intro.\n\n" + FALSE)
    assert result.exit_code == 1
    assert result.stdout.startswith("post.md:3:1: FALSE ms-cure ")


def test_suppression_shows_in_json_and_silences_text(draft: Path) -> None:
    draft.write_text(
        f"<!-- ldncheck-disable-next-line false -- quoting the 2004 leaflet -->\n{FALSE}"
    )
    assert scan("draft.md").exit_code == 0
    result = scan("--format", "json", "draft.md")
    (finding,) = json.loads(result.stdout)["results"]
    assert finding["suppressed"] is True
    assert finding["suppression"] == {
        "kind": "next-line",
        "justification": "quoting the 2004 leaflet",
        "line": 1,
    }


def test_quotes_policy_and_blockquotes(draft: Path) -> None:
    draft.write_text(f"> {FALSE}")
    assert scan("draft.md").stdout.split(" ")[1] == "REPORTED"
    assert scan("draft.md").exit_code == 0
    assert scan("--quotes", "check", "draft.md").exit_code == 1
    assert scan("--quotes", "ignore", "--fail-on", "info", "draft.md").stdout == ""


def test_bad_files_exit_2_unless_skipped(draft: Path) -> None:
    (draft.parent / "blob.md").write_bytes(b"LDN \x00\x01\x02")
    draft.write_text(HEDGED)
    result = scan(".")
    assert result.exit_code == 2
    assert "blob.md: binary file" in result.stderr
    assert scan("--skip-bad-files", ".").exit_code == 0


def test_max_file_size_flag(draft: Path) -> None:
    result = scan("--max-file-size", "10", "draft.md")
    assert result.exit_code == 2
    assert "larger than max_file_size" in result.stderr
    bad = scan("--max-file-size", "huge", "draft.md")
    assert bad.exit_code == 2
    assert "ldncheck: error: " in bad.stderr


def test_baseline_round_trip(draft: Path) -> None:
    assert scan("--baseline", "base.json", "--update-baseline", "draft.md").exit_code == 0
    assert scan("--baseline", "base.json", "draft.md").exit_code == 0
    draft.write_text("New line on top.\n\n" + draft.read_text())
    assert scan("--baseline", "base.json", "draft.md").exit_code == 0
    draft.write_text(draft.read_text() + "\nLDN cures Crohn's disease.\n")
    result = scan("--baseline", "base.json", "draft.md")
    assert result.exit_code == 1
    assert "crohns-cure" in result.stdout
    assert "2 in the baseline" in result.stderr


def test_config_file_and_config_show(draft: Path) -> None:
    draft.write_text(OVERSTATED)
    Path("ldncheck.toml").write_text('fail_on = "error"\norganisation = "Acme Health"\n')
    assert scan("draft.md").exit_code == 0
    assert scan("--fail-on", "warning", "draft.md").exit_code == 1
    shown = runner.invoke(app, ["config", "show"])
    assert shown.exit_code == 0
    assert re.search(r"^fail_on\s+= error  # .*ldncheck\.toml$", shown.stdout, re.M)
    assert re.search(r"^quotes\s+= info  # default$", shown.stdout, re.M)
    assert re.search(r"^organisation\s+= Acme Health  # ", shown.stdout, re.M)


def test_malformed_config_is_one_line_exit_2(draft: Path) -> None:
    Path("ldncheck.toml").write_text("fail_on = \n")
    result = scan("draft.md")
    assert result.exit_code == 2
    assert re.match(r"ldncheck: error: .*ldncheck\.toml:1:\d+: invalid TOML", result.stderr)


def test_directory_walk_and_exclude(draft: Path) -> None:
    (draft.parent / "sub").mkdir()
    (draft.parent / "sub" / "more.txt").write_text(FALSE)
    result = scan("--exclude", "draft.md", ".")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["sub/more.txt"]


def test_full_format_has_panel_and_rewrite(draft: Path) -> None:
    draft.write_text(OVERSTATED)
    result = scan("--format", "full", "--color", "never", "draft.md")
    assert result.exit_code == 1
    assert "OVERSTATED" in result.stdout
    assert "Suggested rewrite: " in result.stdout
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("command", [["scan", "--help"], ["config", "show", "--help"]])
def test_help_has_an_example(command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0
    assert "ldncheck " in result.stdout
    assert "xample" in result.stdout
