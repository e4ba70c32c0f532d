"""The command line through CliRunner: forms, formats, exit codes and the KB commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kbfactory import CLAIMS, SOURCES, line_of, write_kb
from typer.testing import CliRunner, Result

from ldncheck import __version__
from ldncheck.cli import app
from ldncheck.kb import KnowledgeBase

CONTRACT = {
    "schema_version",
    "ldncheck_version",
    "kb_reviewed",
    "claim",
    "verdict",
    "flagged",
    "stance",
    "match",
    "summary",
    "caveats",
    "citations",
    "alternatives",
    "stance_cues",
    "reported",
    "explanation",
    "detection",
}
MATCH_FIELDS = {"id", "topic", "statement", "evidence", "score"}
CITATION_FIELDS = {"id", "title", "authors", "year", "journal", "doi", "pmid", "url"}
ALTERNATIVE_FIELDS = {"id", "topic", "statement", "score"}


def run(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """Invoke the app; the environment never leaks a user's LDNCHECK_KB or NO_COLOR."""
    base = {"LDNCHECK_KB": "", "NO_COLOR": None, "TERM": "xterm"}
    return CliRunner().invoke(app, list(args), input=stdin, env={**base, **(env or {})})


def as_json(*args: str) -> dict[str, Any]:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    return doc


# --- forms, help and version ----------------------------------------------------------------


def test_bare_claim_equals_check() -> None:
    bare = run("LDN treats MS", "--format", "json")
    explicit = run("check", "LDN treats MS", "--format", "json")
    assert bare.exit_code == explicit.exit_code == 1
    assert bare.stdout == explicit.stdout


def test_unquoted_words_are_one_claim() -> None:
    doc = json.loads(run("check", "-f", "json", "LDN", "treats", "MS").stdout)
    assert doc["claim"] == "LDN treats MS"


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["-h"]])
def test_help_has_an_example(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    assert 'ldncheck "LDN treats MS"' in result.stdout or "ldncheck check" in result.stdout


def test_version_prints_version_and_review_date(kb: KnowledgeBase) -> None:
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.exit_code == 0
        assert __version__ in result.stdout
        assert kb.reviewed is not None
        assert kb.reviewed.isoformat() in result.stdout


# --- check: formats and exit codes -----------------------------------------------------------


def test_json_has_every_contract_field() -> None:
    doc = as_json("LDN treats MS")
    assert set(doc) == CONTRACT
    assert doc["schema_version"] == 1
    assert doc["ldncheck_version"] == __version__
    assert set(doc["match"]) == MATCH_FIELDS
    assert doc["citations"]
    assert all(set(c) == CITATION_FIELDS for c in doc["citations"])
    assert all(set(a) == ALTERNATIVE_FIELDS for a in doc["alternatives"])
    assert isinstance(doc["flagged"], bool)
    assert set(doc["detection"]) >= {"about_ldn", "topics"}


def test_json_for_an_unmatched_claim_keeps_every_field() -> None:
    doc = as_json("The weather is nice today")
    assert set(doc) == CONTRACT
    assert doc["verdict"] == "unknown"
    assert doc["match"] is None
    assert doc["citations"] == []


def test_stdin_reads_in_order_and_skips_blank_lines() -> None:
    stdin = "LDN treats MS\n\n   \nLDN can cause vivid dreams\nLDN has no side effects\n"
    result = run("check", "-f", "jsonl", "-", stdin=stdin)
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["claim"] for d in docs] == [
        "LDN treats MS",
        "LDN can cause vivid dreams",
        "LDN has no side effects",
    ]
    assert all(set(d) == CONTRACT for d in docs)


def test_json_over_stdin_is_one_array() -> None:
    result = run("check", "-f", "json", "-", stdin="LDN treats MS\nLDN can cause vivid dreams\n")
    docs = json.loads(result.stdout)
    assert isinstance(docs, list)
    assert [d["verdict"] for d in docs] == ["overstated", "accurate"]
    assert result.exit_code == 1


def test_text_format_is_one_line_per_claim() -> None:
    result = run("check", "-f", "text", "-", stdin="LDN treats MS\nLDN can cause vivid dreams\n")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t") == ["OVERSTATED", "ms-symptoms", "LDN treats MS"]
    assert lines[1].startswith("ACCURATE\t")


def test_panel_format_shows_verdict_and_footer() -> None:
    result = run("LDN treats MS")
    assert result.exit_code == 1
    assert "OVERSTATED" in result.stdout
    assert "Not medical advice" in result.stdout


def test_accurate_claim_exits_zero() -> None:
    assert run("check", "-f", "text", "LDN can cause vivid dreams").exit_code == 0


def test_exit_zero() -> None:
    result = run("check", "--exit-zero", "-f", "text", "LDN has no side effects")
    assert result.exit_code == 0
    assert result.stdout.startswith("FALSE\t")


@pytest.mark.parametrize("claim", ["", "   ", "\t\n"])
def test_empty_claim_is_a_one_line_error(claim: str) -> None:
    result = run("check", claim)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ldncheck: error: the claim is empty")
    assert "Traceback" not in result.output


def test_no_claim_at_all_is_an_error() -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "the claim is empty" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    result = run("check", "-f", "yaml", "LDN treats MS")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- choosing a knowledge base ---------------------------------------------------------------


def test_kb_option(tmp_path: Path) -> None:
    write_kb(tmp_path)
    doc = as_json("--kb", str(tmp_path), "LDN can cause vivid dreams")
    assert doc["match"]["id"] == "tiny-dreams"
    assert doc["kb_reviewed"] == "2026-01-31"


def test_kb_environment_variable(tmp_path: Path) -> None:
    write_kb(tmp_path)
    result = run("check", "-f", "json", "LDN treats MS", env={"LDNCHECK_KB": str(tmp_path)})
    assert json.loads(result.stdout)["match"]["id"] == "tiny-ms"
    assert result.exit_code == 1


def test_kb_option_wins_over_environment(tmp_path: Path) -> None:
    write_kb(tmp_path)
    result = run(
        "check",
        "-f",
        "json",
        "--kb",
        str(tmp_path),
        "LDN treats MS",
        env={"LDNCHECK_KB": str(tmp_path / "missing")},
    )
    assert json.loads(result.stdout)["match"]["id"] == "tiny-ms"


def test_invalid_kb_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    bad = CLAIMS.replace("evidence: mixed", "evidence: proven")
    write_kb(tmp_path, claims=bad)
    result = run("check", "--kb", str(tmp_path), "LDN treats MS")
    assert result.exit_code == 2
    assert result.stdout == ""
    where = f"{tmp_path / 'claims.yaml'}:{line_of(bad, 'proven')}:"
    assert result.stderr.startswith(f"ldncheck: error: {where}")
    assert "Traceback" not in result.output


def test_missing_kb_directory(tmp_path: Path) -> None:
    result = run("check", "--kb", str(tmp_path / "nope"), "LDN treats MS")
    assert result.exit_code == 2
    assert "knowledge-base directory not found" in result.stderr


# --- show, sources, kb ---------------------------------------------------------------------


def test_show_claim(kb: KnowledgeBase) -> None:
    claim = kb.claims[0]
    result = run("show", claim.id)
    assert result.exit_code == 0
    assert claim.statement in result.stdout
    assert claim.evidence.value in result.stdout
    assert "Sources:" in result.stdout


def test_show_unknown_id_suggests(kb: KnowledgeBase) -> None:
    result = run("show", "ms-symptom")
    assert result.exit_code == 2
    assert "did you mean 'ms-symptoms'" in result.stderr
    assert result.stdout == ""


def test_sources_lists_every_source(kb: KnowledgeBase) -> None:
    result = run("sources")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(kb.sources)


def test_sources_by_topic(kb: KnowledgeBase) -> None:
    result = run("sources", "--topic", "fibromyalgia")
    assert result.exit_code == 0
    cited = {s for c in kb.claims_for("fibromyalgia") for s in c.sources}
    assert len(result.stdout.splitlines()) == len(cited)
    assert all(any(f"<{sid}," in line for sid in cited) for line in result.stdout.splitlines())


def test_sources_unknown_topic() -> None:
    result = run("sources", "--topic", "gout")
    assert result.exit_code == 2
    assert "unknown topic 'gout'" in result.stderr


def test_kb_list(kb: KnowledgeBase) -> None:
    result = run("kb", "list")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(kb.claims)


def test_kb_list_by_topic(kb: KnowledgeBase) -> None:
    result = run("kb", "list", "--topic", "dose")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(kb.claims_for("dose"))
    assert all(line.split()[1] == "dose" for line in lines)


def test_kb_stats(kb: KnowledgeBase) -> None:
    result = run("kb", "stats")
    assert result.exit_code == 0
    out = result.stdout
    assert "Claims per topic:" in out
    assert "Claims per evidence status:" in out
    assert f"multiple-sclerosis           {len(kb.claims_for('multiple-sclerosis'))}" in out
    established = sum(c.evidence.value == "established" for c in kb.claims)
    assert f"established                  {established}" in out
    oldest = min(c.reviewed for c in kb.claims if c.reviewed)
    assert f"Oldest claim review: {oldest.isoformat()}" in out


def test_kb_validate_ok() -> None:
    result = run("kb", "validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: ")


def test_kb_validate_lint_failure(tmp_path: Path) -> None:
    unused = SOURCES + "  - id: never-cited\n    type: review\n    title: Nobody cites this\n"
    write_kb(tmp_path, sources=unused)
    result = run("kb", "validate", "--kb", str(tmp_path))
    assert result.exit_code == 2
    assert "'never-cited' is not cited" in result.stderr


def test_kb_validate_load_failure(tmp_path: Path) -> None:
    bad = CLAIMS.replace("topic: side-effects", "topic: gout")
    write_kb(tmp_path, claims=bad)
    result = run("kb", "validate", "--kb", str(tmp_path))
    assert result.exit_code == 2
    assert f"claims.yaml:{line_of(bad, 'gout')}:" in result.stderr
    assert "tiny-dreams" in result.stderr


# --- headline claims -------------------------------------------------------------------------


def test_ldn_treats_ms() -> None:
    doc = as_json("LDN treats MS")
    assert doc["verdict"] == "overstated"
    assert doc["flagged"] is True
    assert doc["match"]["topic"] == "multiple-sclerosis"
    caveats = " ".join(doc["caveats"])
    assert "off-label" in caveats
    assert "licensed in the UK" in caveats


@pytest.mark.parametrize(
    ("claim", "verdicts", "code"),
    [
        ("LDN has no side effects", {"false"}, 1),
        ("LDN can cause vivid dreams", {"accurate"}, 0),
        ("LDN is FDA approved for MS", {"false"}, 1),
        ("The usual dose of LDN is 4.5 mg", {"accurate"}, 0),
        ("LDN is safe to take with opioid painkillers", {"false"}, 1),
        ("LDN cures cancer", {"overstated", "false"}, 1),
    ],
)
def test_headline_claims(claim: str, verdicts: set[str], code: int) -> None:
    result = run("check", "-f", "json", claim)
    assert json.loads(result.stdout)["verdict"] in verdicts
    assert result.exit_code == code
