"""Inline suppressions: a separate pass over a file's findings, driven by one regex.

Directives, in Markdown inside an HTML comment on a line of its own, in plain text and
reStructuredText as a line of its own (optionally after ``..``, ``#`` or ``//``)::

    <!-- ldncheck-disable-next-line [TARGET[,TARGET...]] -- reason -->
    <!-- ldncheck-disable [TARGET[,TARGET...]] -- reason -->
    ...
    <!-- ldncheck-enable -->
    <!-- ldncheck-disable-file [TARGET[,TARGET...]] -- reason -->

A TARGET is a verdict (``false``, ``overstated``, ``unknown``) or a claim id; no target means
every finding. The reason after ``--`` is required: a directive without one still works but is
reported as ``suppression-without-reason``; a directive that silences nothing is reported as
``unused-suppression``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ldncheck.model import Finding, Reading, Result, Severity, Span, Stance, Suppression, Verdict
from ldncheck.rules import SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION, claim_id_of

DIRECTIVE = re.compile(
    r"""
    ^[ \t]*(?P<open><!--)?[ \t]*(?:(?:\.\.|\#|//)[ \t]*)?
    ldncheck-(?P<kind>disable-next-line|disable-file|disable|enable)\b
    (?:[ \t]+(?P<targets>(?!--)[^\s,]+(?:[ \t]*,[ \t]*(?!--)[^\s,]+)*))?
    (?:[ \t]+--(?:[ \t]+(?P<reason>.*?))?)?
    [ \t]*(?P<close>-->)?[ \t]*\r?$
    """,
    re.MULTILINE | re.VERBOSE,
)

NEXT_LINE, BLOCK, FILE, ENABLE = "next-line", "block", "file", "enable"
_KINDS = {"disable-next-line": NEXT_LINE, "disable": BLOCK, "disable-file": FILE, "enable": ENABLE}
_END_OF_FILE = 1 << 30


@dataclass(frozen=True, slots=True)
class Directive:
    """One parsed directive and the lines it covers (first..last, inclusive)."""

    kind: str
    line: int
    text: str
    targets: frozenset[str]
    reason: str
    first: int
    last: int

    def covers(self, finding: Finding) -> bool:
        """Whether *finding* lies in this directive's lines and matches its targets."""
        span = finding.span
        if self.kind == NEXT_LINE:
            in_range = span.line <= self.first <= span.end_line
        else:
            in_range = self.first <= span.line <= self.last
        return in_range and self._targets(finding)

    def _targets(self, finding: Finding) -> bool:
        if not self.targets:
            return True
        verdict = finding.result.verdict.value
        return verdict in self.targets or claim_id_of(finding).lower() in self.targets


def parse_directives(
    text: str, *, markdown: bool, code_lines: frozenset[int] = frozenset()
) -> tuple[Directive, ...]:
    """Find the directives in *text*, ignoring lines inside code blocks and front matter."""
    if "ldncheck-" not in text:
        return ()
    lines = text.split("\n")
    found: list[Directive] = []
    for match in DIRECTIVE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in code_lines or (markdown and not (match["open"] and match["close"])):
            continue
        found.append(_directive(match, line, lines))
    return _close_blocks(found)


def _directive(match: re.Match[str], line: int, lines: Sequence[str]) -> Directive:
    kind = _KINDS[match["kind"]]
    targets = frozenset(t.strip().lower() for t in (match["targets"] or "").split(",") if t.strip())
    first = _next_content_line(lines, line) if kind == NEXT_LINE else line + 1
    last = _END_OF_FILE if kind in (BLOCK, FILE) else first
    if kind == FILE:
        first = 1
    text = match.group().strip()
    return Directive(kind, line, text, targets, (match["reason"] or "").strip(), first, last)


def _next_content_line(lines: Sequence[str], line: int) -> int:
    """The first non-blank line after 1-based *line* that is not itself a directive."""
    for number in range(line + 1, len(lines) + 1):
        content = lines[number - 1]
        if content.strip() and not DIRECTIVE.match(content):
            return number
    return line + 1


def _close_blocks(directives: list[Directive]) -> tuple[Directive, ...]:
    """Give each ``disable`` block the line before the next ``enable`` as its end."""
    closed: list[Directive] = []
    for index, directive in enumerate(directives):
        enable = None
        if directive.kind == BLOCK:
            enable = next((d for d in directives[index + 1 :] if d.kind == ENABLE), None)
        closed.append(
            directive if enable is None else dataclasses.replace(directive, last=enable.line - 1)
        )
    return tuple(closed)


def apply_suppressions(
    findings: Iterable[Finding], directives: Sequence[Directive], *, path: str
) -> list[Finding]:
    """Mark suppressed findings and add findings about the directives themselves."""
    used: set[int] = set()
    marked: list[Finding] = []
    for finding in findings:
        hit = next(
            (i for i, d in enumerate(directives) if d.kind != ENABLE and d.covers(finding)), None
        )
        if hit is not None:
            used.add(hit)
            directive = directives[hit]
            suppression = Suppression(directive.kind, directive.reason, directive.line)
            marked.append(dataclasses.replace(finding, suppression=suppression))
        else:
            marked.append(finding)
    marked.extend(_problems(directives, used, path=path))
    return marked


def _problems(directives: Sequence[Directive], used: set[int], *, path: str) -> Iterable[Finding]:
    opened = False
    for index, directive in enumerate(directives):
        if directive.kind == ENABLE:
            if not opened:
                yield _problem(
                    path,
                    directive,
                    UNUSED_SUPPRESSION,
                    "ldncheck-enable without a matching ldncheck-disable",
                    Severity.INFO,
                )
            opened = False
            continue
        opened = opened or directive.kind == BLOCK
        if not directive.reason:
            yield _problem(
                path,
                directive,
                SUPPRESSION_WITHOUT_REASON,
                "suppression without a reason: add '-- why' to the directive",
                Severity.WARNING,
            )
        if index not in used:
            yield _problem(
                path,
                directive,
                UNUSED_SUPPRESSION,
                "unused suppression: nothing here is reported any more",
                Severity.INFO,
            )


def _problem(
    path: str, directive: Directive, code: str, message: str, severity: Severity
) -> Finding:
    result = Result(
        text=directive.text,
        verdict=Verdict.UNKNOWN,
        stance=Stance.NONE,
        reading=Reading(about_ldn=False),
        explanation=message,
    )
    span = Span(directive.line, 1, directive.line, len(directive.text) + 1)
    return Finding(path, span, result, severity, note=message, extra={"code": code})
