"""Baselines: content-keyed, stable across line moves, multiset, written atomically."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ldncheck.baseline import baseline_document, load_baseline, split_by_baseline, write_baseline
from ldncheck.errors import ConfigError
from ldncheck.model import (
    Candidate,
    Claim,
    Evidence,
    Finding,
    Reading,
    Result,
    Severity,
    Span,
    Stance,
    Suppression,
    Verdict,
)


def finding(text: str, line: int, *, path: str = "docs/a.md", claim: str = "ms-cure") -> Finding:
    matched = Claim(claim, "ms", "LDN cures MS", Evidence.CONTRADICTED, "summary")
    result = Result(
        text, Verdict.FALSE, Stance.STRONG, Reading(about_ldn=True), match=Candidate(matched, 99.0)
    )
    return Finding(path, Span(line, 1, line, len(text) + 1), result, Severity.ERROR)


def test_line_moves_keep_and_text_edits_break_the_baseline(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [finding("LDN  cures\nMS.", 3)])
    recorded = load_baseline(path)
    kept, covered = split_by_baseline([finding("ldn cures ms.", 40)], recorded)
    assert (kept, covered) == ([], 1)
    edited = finding("LDN cures MS, truly.", 40)
    assert split_by_baseline([edited], recorded) == ([edited], 0)
    other_file = finding("LDN cures MS.", 3, path="docs/b.md")
    assert split_by_baseline([other_file], recorded) == ([other_file], 0)


def test_repeated_sentences_need_as_many_entries(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, [finding("LDN cures MS.", 1), finding("LDN cures MS.", 9)])
    three = [finding("LDN cures MS.", n) for n in (1, 5, 9)]
    kept, covered = split_by_baseline(three, load_baseline(path))
    assert covered == 2
    assert [f.span.line for f in kept] == [9]


def test_document_is_sorted_stable_and_skips_suppressed() -> None:
    suppressed = dataclasses.replace(
        finding("Z claim.", 1), suppression=Suppression("next-line", "why", 1)
    )
    first = baseline_document([finding("b", 2, path="z.md"), finding("a", 1), suppressed])
    second = baseline_document([finding("a", 1), finding("b", 2, path="z.md")])
    assert first == second
    data = json.loads(first)
    assert data["version"] == 1
    assert [(e["path"], e["text"]) for e in data["findings"]] == [("docs/a.md", "a"), ("z.md", "b")]


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("old")
    write_baseline(path, [finding("LDN cures MS.", 1)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]
    assert json.loads(path.read_text())["findings"][0]["claim"] == "ms-cure"


@pytest.mark.parametrize("body", ["{", "[]", '{"findings": [{"path": "a"}]}'])
def test_malformed_baselines_are_config_errors(tmp_path: Path, body: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(body)
    with pytest.raises(ConfigError) as caught:
        load_baseline(path)
    assert caught.value.path == str(path)
