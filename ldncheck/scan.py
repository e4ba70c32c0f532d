"""paths -> files -> sentences -> check -> suppress -> findings: the scan pipeline.

The pipeline computes; it never prints or exits. Problems with single files become
``FileError`` records and the scan goes on; the exit code is decided by ``exit_code``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldncheck.config import ScanSettings
from ldncheck.errors import InputError
from ldncheck.files import FileError, InputFile, Walker, read_text
from ldncheck.markdown import DocumentKind, kind_for_path, read_blocks
from ldncheck.model import ExitCode, Finding, Result, Severity
from ldncheck.policy import Checker, assess, classify, too_short
from ldncheck.sentences import Sentence
from ldncheck.suppress import apply_suppressions, parse_directives

if TYPE_CHECKING:
    from ldncheck.kb import KnowledgeBase


# A document that names LDN or naltrexone anywhere is "about LDN"; one that never does is not
# parsed at all unless it carries directives (they must still be validated).
LDN_WORD = re.compile(r"\b(?:LDN|naltrexone)\b", re.IGNORECASE)
# Spelled for a lower-cased text ("ldncheck-" directives contain "ldn"): one lower() and two
# substring searches read a megabyte several times faster than a case-insensitive regex.
_MENTIONS = ("ldn", "naltrexone")
_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1, Severity.NONE: 0}
_MARKDOWN_KINDS = (DocumentKind.MARKDOWN, DocumentKind.MDX)


@dataclass(frozen=True, slots=True)
class ScanReport:
    """Everything a renderer needs: findings (suppressed ones included), errors and counts."""

    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...]
    files: int
    knowledge: Any  # the knowledge base, or a function that loads it when first asked
    baselined: int = 0

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base the findings were judged against."""
        return self.knowledge() if callable(self.knowledge) else self.knowledge  # type: ignore[no-any-return]

    @property
    def visible(self) -> tuple[Finding, ...]:
        """The findings that are not suppressed."""
        return tuple(f for f in self.findings if f.suppression is None)

    def count(self, severity: Severity) -> int:
        """How many unsuppressed findings have *severity*."""
        return sum(1 for f in self.visible if f.severity is severity)


def at_least(severity: Severity, threshold: Severity) -> bool:
    """Whether *severity* is as loud as *threshold* or louder."""
    return _RANK[severity] >= _RANK[threshold] > 0


def exit_code(
    report: ScanReport, *, fail_on: Severity, exit_zero: bool, skip_bad_files: bool
) -> ExitCode:
    """ERROR if a named path is missing, or a file could not be scanned (unless skip_bad_files);
    FINDINGS if an unsuppressed finding is at or above fail_on (unless exit_zero); else CLEAN."""
    if any(not (skip_bad_files and error.skippable) for error in report.errors):
        return ExitCode.ERROR
    if not exit_zero and any(at_least(f.severity, fail_on) for f in report.visible):
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


def scan_text(
    text: str,
    *,
    path: str,
    settings: ScanSettings,
    checker: Checker,
    kind: DocumentKind | None = None,
    split: int = 1,
) -> list[Finding]:
    """The findings (suppressions applied) for one document's text.

    With ``split`` above 1, a long document's units are split into sentences and checked by
    that many forked workers (see SPLIT_MIN_PROSE); the findings are the same, in the same
    order.
    """
    lowered = text.lower()
    if not any(word in lowered for word in _MENTIONS):
        return []
    kind = kind or kind_for_path(path)
    # Checked here before the units go to the workers: enough to load the knowledge base
    # and compile the patterns the document needs, so that the workers inherit them.
    warm_up_units = _WARM_UP_UNITS
    if split > 1 and kind in _MARKDOWN_KINDS and len(text) >= SPLIT_MIN_PROSE:
        from ldncheck.parallel import beside

        # Parsing a long Markdown file takes a core for a tenth of a second; the other
        # warms up meanwhile, on the raw opening lines, so no unit need wait for it.
        blocks = beside(lambda: read_blocks(text, kind), lambda: _warm_up(text, checker))
        warm_up_units = 0
    else:
        blocks = read_blocks(text, kind)
    about_ldn = bool(LDN_WORD.search(blocks.front_matter)) or blocks.mentions(LDN_WORD)

    def findings_of(start: int, end: int | None = None) -> list[Finding]:
        return list(
            _findings(
                blocks.sentences(start, end),
                path=path,
                settings=settings,
                checker=checker,
                about_ldn=about_ldn,
            )
        )

    if split > 1 and blocks.prose_size >= SPLIT_MIN_PROSE:
        from ldncheck.parallel import spread

        # Units are split and their sentences judged one by one against document-level facts
        # worked out above, so they can be spread over workers.
        findings = findings_of(0, warm_up_units)
        findings += spread(
            lambda start, end: findings_of(warm_up_units + start, warm_up_units + end),
            len(blocks.units) - warm_up_units,
            workers=split,
        )
    else:
        findings = findings_of(0)
    directives = parse_directives(
        text, markdown=kind in _MARKDOWN_KINDS, code_lines=blocks.code_lines
    )
    return apply_suppressions(findings, directives, path=path) if directives else findings


def _findings(
    sentences: Iterable[Sentence],
    *,
    path: str,
    settings: ScanSettings,
    checker: Checker,
    about_ldn: bool,
) -> Iterator[Finding]:
    for sentence in sentences:
        if too_short(sentence.text):
            continue
        result = checker(sentence.text, about_ldn)
        assessment = assess(result, sentence, checker=checker, about_ldn=about_ldn)
        verdict = classify(result, assessment, settings)
        if verdict is not None:
            severity, note, code = verdict
            extra = {"code": code, "asserted_verdict": assessment.verdict.value}
            yield Finding(path, sentence.span, result, severity, note=note, extra=extra)


KnowledgeSource = Callable[[], "KnowledgeBase"]


def kb_checker(kb: KnowledgeBase | KnowledgeSource) -> Checker:
    """A checker bound to *kb* (or to a function that loads it the first time it is needed)."""
    resolve = kb if callable(kb) else (lambda: kb)

    def check(text: str, assume_ldn: bool) -> Result:  # noqa: FBT001 - the Checker protocol
        return _check_claim()(text, resolve(), assume_ldn=assume_ldn, suggest=False)

    return check


@cache
def _check_claim() -> Callable[..., Result]:
    # Imported when first needed, not above: a scan whose files never mention LDN never
    # needs it. Looked up once, not per sentence: an import statement costs a microsecond.
    from ldncheck.pipeline import check_claim

    return check_claim


def scan_file(
    item: InputFile, *, settings: ScanSettings, checker: Checker, split: int = 1
) -> list[Finding] | FileError:
    """The findings of one file, or the reason it could not be scanned."""
    try:
        text = read_text(item.path, max_size=settings.max_file_size)
    except InputError as error:
        return FileError(item.display, error.message)
    return scan_text(text, path=item.display, settings=settings, checker=checker, split=split)


# Each pool worker loads the knowledge base once; this is the per-process cache for it.
_WORKER: dict[str, Checker] = {}


def _init_worker(kb_dir: Path | None) -> None:
    from ldncheck.kb import load_kb

    _WORKER["checker"] = kb_checker(load_kb(kb_dir))


def _scan_in_worker(item: InputFile, settings: ScanSettings) -> list[Finding] | FileError:
    return scan_file(item, settings=settings, checker=_WORKER["checker"])


# With the default --jobs, files go to a pool only when there are at least this many; fewer
# files are scanned in-process (a long document still spreads its sentences over the cores).
AUTO_POOL_FILES = 64
# A document with less prose than this (about a thousand sentences) is checked in one
# process: forking costs more.
SPLIT_MIN_PROSE = 64 * 1024
_WARM_UP_UNITS = 8
# How much of a long document's raw opening is checked while the document is parsed.
_WARM_UP_CHARS = 4096
_WARM_UP_LINE = 300


def _warm_up(text: str, checker: Checker) -> None:
    """Check the raw opening lines of *text* for what that loads and compiles; the results
    are dropped (the checker's caches only remember, they never change an answer)."""
    for line in text[:_WARM_UP_CHARS].splitlines():
        if not too_short(line):
            checker(line[:_WARM_UP_LINE], True)  # noqa: FBT003 - the Checker protocol


def _workers(jobs: int | None) -> int:
    """How many processes a --jobs value allows: None (the default) and 0 mean every core."""
    return 1 if jobs == 1 else (jobs or os.cpu_count() or 1)


def _outcomes(
    items: Iterable[InputFile], *, settings: ScanSettings, checker: Checker, jobs: int | None
) -> Iterator[tuple[InputFile, list[Finding] | FileError]]:
    """Each file's outcome. ``jobs``: None chooses by the size of the work, 0 is one worker
    per core, 1 is one process throughout."""
    queued = list(items)  # paths only: file contents are read one at a time
    workers = _workers(jobs)
    pooled = workers > 1 and len(queued) >= (AUTO_POOL_FILES if jobs is None else 2)
    if not pooled:
        for item in queued:
            yield item, scan_file(item, settings=settings, checker=checker, split=workers)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(settings.kb,)) as pool:
        yield from zip(
            queued,
            pool.map(_scan_in_worker, queued, [settings] * len(queued), chunksize=4),
            strict=True,
        )


def run_scan(
    paths: Sequence[str],
    *,
    settings: ScanSettings,
    kb: KnowledgeBase | KnowledgeSource,
    cwd: Path,
    stdin: tuple[str, bytes] | None = None,
    checker: Checker | None = None,
    jobs: int | None = 1,
) -> ScanReport:
    """Scan *paths* ('-' is the *stdin* pair of display name and bytes) into a report.

    *kb* may be a function that loads the knowledge base: files that never mention LDN or
    naltrexone are skipped before any sentence is checked, so such a scan never loads it.
    """
    check = checker or kb_checker(kb)
    walker = Walker(cwd=cwd, extensions=settings.extensions, exclude=settings.exclude)
    findings: list[Finding] = []
    errors: list[FileError] = []
    files: list[InputFile] = []
    for raw in paths:
        if raw == "-" and stdin is not None:
            findings.extend(
                _scan_stdin(stdin, settings=settings, checker=check, errors=errors, jobs=jobs)
            )
            continue
        for item in walker.expand(raw):
            (errors if isinstance(item, FileError) else files).append(item)  # type: ignore[arg-type]
    for _item, outcome in _outcomes(files, settings=settings, checker=check, jobs=jobs):
        if isinstance(outcome, FileError):
            errors.append(outcome)
        else:
            findings.extend(outcome)
    count = len(files) + (1 if stdin is not None and "-" in paths else 0)
    return ScanReport(tuple(sorted(findings, key=sort_key)), tuple(errors), count, kb)


def _scan_stdin(
    stdin: tuple[str, bytes],
    *,
    settings: ScanSettings,
    checker: Checker,
    errors: list[FileError],
    jobs: int | None,
) -> list[Finding]:
    from ldncheck.files import decode

    name, data = stdin
    if len(data) > settings.max_file_size:
        errors.append(
            FileError(name, f"input is larger than max_file_size ({settings.max_file_size} bytes)")
        )
        return []
    try:
        text = decode(data)
    except InputError as error:
        errors.append(FileError(name, error.message))
        return []
    return scan_text(text, path=name, settings=settings, checker=checker, split=_workers(jobs))


def scan_document(
    text: str,
    kb: KnowledgeBase,
    *,
    path: str = "<text>",
    markdown: bool = True,
    settings: ScanSettings | None = None,
) -> list[Finding]:
    """The findings a scan would report for *text* (default settings), suppressions applied."""
    kind = kind_for_path(path)
    if kind is DocumentKind.TEXT and markdown:
        kind = DocumentKind.MARKDOWN
    elif not markdown:
        kind = DocumentKind.TEXT
    findings = scan_text(
        text, path=path, settings=settings or ScanSettings(), checker=kb_checker(kb), kind=kind
    )
    return sorted(findings, key=sort_key)


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    """Findings sort by file, line, column, then rule code."""
    return (finding.path, finding.span.line, finding.span.column, finding.extra.get("code", ""))
