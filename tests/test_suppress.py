"""Inline suppressions: parsing, scope, targets, reasons and unused directives."""

from __future__ import annotations

import pytest

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
    Verdict,
)
from ldncheck.rules import SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION, code_of
from ldncheck.suppress import DIRECTIVE, apply_suppressions, parse_directives


def finding(
    line: int, verdict: Verdict = Verdict.OVERSTATED, claim: str = "ms-symptoms"
) -> Finding:
    matched = Claim(claim, "ms", "LDN helps MS", Evidence.PRELIMINARY, "summary")
    result = Result(
        "LDN treats MS.",
        verdict,
        Stance.STRONG,
        Reading(about_ldn=True),
        match=Candidate(matched, 90.0),
    )
    return Finding("draft.md", Span(line, 1, line, 15), result, Severity.WARNING)


def run(text: str, findings: list[Finding], *, markdown: bool = True) -> list[Finding]:
    directives = parse_directives(text, markdown=markdown)
    return apply_suppressions(findings, directives, path="draft.md")


def summary(findings: list[Finding]) -> list[tuple[int, str, str | None]]:
    return [
        (f.span.line, code_of(f), f.suppression.kind if f.suppression else None) for f in findings
    ]


@pytest.mark.parametrize(
    ("line", "kind", "targets", "reason"),
    [
        ("<!-- ldncheck-disable-next-line -- why -->", "disable-next-line", None, "why"),
        (
            "<!-- ldncheck-disable-next-line overstated -- quoting 2004 -->",
            "disable-next-line",
            "overstated",
            "quoting 2004",
        ),
        (
            "<!--ldncheck-disable false,overstated -- myths list-->",
            "disable",
            "false,overstated",
            "myths list",
        ),
        (
            "<!-- ldncheck-disable-file ms-cure -- a myths page -->",
            "disable-file",
            "ms-cure",
            "a myths page",
        ),
        ("<!-- ldncheck-enable -->", "enable", None, None),
        (
            "ldncheck-disable-next-line overstated -- quoting the 2004 statement",
            "disable-next-line",
            "overstated",
            "quoting the 2004 statement",
        ),
        (".. ldncheck-disable-next-line -- rst comment", "disable-next-line", None, "rst comment"),
        ("<!-- ldncheck-disable-next-line overstated -->", "disable-next-line", "overstated", None),
    ],
)
def test_the_directive_regex(line: str, kind: str, targets: str | None, reason: str | None) -> None:
    match = DIRECTIVE.search(line)
    assert match is not None
    assert (match["kind"], match["targets"], match["reason"]) == (kind, targets, reason)


def test_next_line_suppresses_only_the_next_content_line() -> None:
    text = "<!-- ldncheck-disable-next-line -- quoting -->\n\nLDN treats MS.\nLDN treats MS.\n"
    result = run(text, [finding(3), finding(4)])
    assert summary(result) == [(3, "overstated-claim", "next-line"), (4, "overstated-claim", None)]
    assert result[0].suppression is not None
    assert (result[0].suppression.reason, result[0].suppression.line) == ("quoting", 1)


def test_block_runs_until_enable() -> None:
    text = "a\n<!-- ldncheck-disable -- myths -->\nx\ny\n<!-- ldncheck-enable -->\nz\n"
    result = run(text, [finding(1), finding(3), finding(4), finding(6)])
    assert [f.suppression is not None for f in result] == [False, True, True, False]


def test_unclosed_block_runs_to_the_end_and_file_covers_everything() -> None:
    assert all(
        f.suppression for f in run("<!-- ldncheck-disable -- x -->\n", [finding(5), finding(900)])
    )
    text = "text\n\n<!-- ldncheck-disable-file -- a page of myths -->\n"
    result = run(text, [finding(1), finding(40)])
    assert [f.suppression.kind if f.suppression else None for f in result] == ["file", "file"]


def test_targets_match_verdicts_and_claim_ids() -> None:
    text = (
        "<!-- ldncheck-disable-next-line false -- x -->\nA\n"
        "<!-- ldncheck-disable-next-line MS-SYMPTOMS -- x -->\nB\n"
    )
    result = run(text, [finding(2), finding(4)])
    assert [f.suppression is not None for f in result[:2]] == [False, True]
    assert summary(result)[2:] == [(1, UNUSED_SUPPRESSION, None)]


def test_missing_reason_still_suppresses_but_is_reported() -> None:
    result = run("<!-- ldncheck-disable-next-line -->\nLDN treats MS.\n", [finding(2)])
    assert result[0].suppression is not None
    (problem,) = result[1:]
    assert (problem.span.line, code_of(problem), problem.severity) == (
        1,
        SUPPRESSION_WITHOUT_REASON,
        Severity.WARNING,
    )


def test_unused_and_stray_enable_are_reported_as_info() -> None:
    result = run(
        "<!-- ldncheck-disable-next-line -- gone -->\nfine\n<!-- ldncheck-enable -->\n", []
    )
    assert [(f.span.line, code_of(f), f.severity) for f in result] == [
        (1, UNUSED_SUPPRESSION, Severity.INFO),
        (3, UNUSED_SUPPRESSION, Severity.INFO),
    ]


def test_markdown_needs_a_comment_and_code_lines_are_ignored() -> None:
    text = (
        "ldncheck-disable-next-line -- bare\nA\n<!-- ldncheck-disable-next-line -- in code -->\nB\n"
    )
    assert parse_directives(text, markdown=True, code_lines=frozenset({3})) == ()
    assert len(parse_directives(text, markdown=False)) == 2


def test_plain_text_directive_on_its_own_line() -> None:
    text = "ldncheck-disable-next-line overstated -- quoting the 2004 statement\nLDN treats MS.\n"
    result = run(text, [finding(2)], markdown=False)
    assert summary(result) == [(2, "overstated-claim", "next-line")]
