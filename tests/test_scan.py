"""The scan pipeline: document context, severity policy, bad files, walking and parallelism."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldncheck import parallel
from ldncheck.config import QuotesPolicy, ScanSettings
from ldncheck.errors import InputError
from ldncheck.files import FileError, InputFile, Walker, decode
from ldncheck.kb import KnowledgeBase
from ldncheck.model import (
    Candidate,
    Claim,
    Evidence,
    ExitCode,
    Reading,
    Result,
    Severity,
    Stance,
    Verdict,
)
from ldncheck.policy import too_short
from ldncheck.rules import code_of
from ldncheck.scan import ScanReport, exit_code, kb_checker, run_scan, scan_file, scan_text

CLAIMS = {
    "cures": (Verdict.FALSE, Evidence.CONTRADICTED),
    "treats": (Verdict.OVERSTATED, Evidence.PRELIMINARY),
    "may": (Verdict.ACCURATE, Evidence.PRELIMINARY),
}


class FakeChecker:
    """A deterministic stand-in for the core: the verb decides the verdict."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, text: str, assume_ldn: bool) -> Result:
        self.calls.append((text, assume_ldn))
        about = assume_ldn or "LDN" in text
        reported = text.lower().startswith("some websites claim")
        for word, (verdict, evidence) in CLAIMS.items():
            if word in text.split() and about:
                claim = Claim(f"claim-{word}", "t", f"LDN {word} X", evidence, "s")
                shown = Verdict.ACCURATE if reported else verdict
                return Result(
                    text,
                    shown,
                    Stance.STRONG,
                    Reading(about_ldn=True, topics=("t",)),
                    match=Candidate(claim, 90.0),
                    reported=reported,
                )
        topics = ("t",) if "unmatched" in text else ()
        return Result(text, Verdict.UNKNOWN, Stance.NONE, Reading(about_ldn=about, topics=topics))


def findings(
    text: str, *, path: str = "a.md", **settings: object
) -> list[tuple[int, int, str, str]]:
    results = scan_text(text, path=path, settings=ScanSettings(**settings), checker=FakeChecker())  # type: ignore[arg-type]
    return [(f.span.line, f.span.column, code_of(f), f.severity.value) for f in results]


def test_a_document_naming_ldn_checks_every_sentence_as_about_ldn() -> None:
    checker = FakeChecker()
    scan_text(
        "Naltrexone is old.\n\nIt cures MS.\n",
        path="a.md",
        settings=ScanSettings(),
        checker=checker,
    )
    assert checker.calls == [("Naltrexone is old.", True), ("It cures MS.", True)]


def test_a_document_naming_ldn_only_in_code_is_not_about_ldn() -> None:
    checker = FakeChecker()
    scan_text(
        "`LDN` here.\n\nIt cures MS today.\n", path="a.md", settings=ScanSettings(), checker=checker
    )
    assert checker.calls == [("It cures MS today.", False)]


def test_front_matter_naming_ldn_makes_the_document_about_ldn() -> None:
    checker = FakeChecker()
    text = "---\ntitle: LDN and MS\n---\nIt cures MS today.\n"
    scan_text(text, path="a.md", settings=ScanSettings(), checker=checker)
    assert checker.calls == [("It cures MS today.", True)]


def test_a_document_never_naming_ldn_is_not_even_parsed() -> None:
    checker = FakeChecker()
    assert (
        scan_text(
            "Metformin cures diabetes.\n", path="a.md", settings=ScanSettings(), checker=checker
        )
        == []
    )
    assert checker.calls == []


def test_severities_follow_verdicts_and_short_units_are_skipped() -> None:
    text = "# LDN cures\n\nLDN cures MS.\n\nLDN treats pain.\n\nLDN may help pain.\n"
    assert findings(text) == [(3, 1, "false-claim", "error"), (5, 1, "overstated-claim", "warning")]


def test_two_word_units_are_checked_only_when_led_by_a_verb() -> None:
    # A benefits list ("- Shrinks tumours") elides the document's subject; a noun label
    # ("Pain cures", "Crohn's cures") is a heading, not a claim.
    text = "LDN notes.\n\n- cures tumours\n- Pain cures\n- Crohn's cures\n"
    assert findings(text) == [(3, 3, "false-claim", "error")]


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Shrinks tumours", False),
        ("Reduces inflammation", False),
        ("Pain relief", True),
        ("Stress relief", True),
        ("Arthritis relief", True),
        ("Crohn's disease", True),
        ("Cures", True),
        ("LDN cures MS", False),
    ],
)
def test_too_short(text: str, short: bool) -> None:
    assert too_short(text) is short


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            QuotesPolicy.INFO,
            [
                (1, 3, "reported-claim", "info"),
                (3, 1, "reported-claim", "info"),
                (5, 1, "reported-claim", "info"),
                (7, 1, "reported-claim", "info"),
            ],
        ),
        (QuotesPolicy.IGNORE, []),
        (
            QuotesPolicy.CHECK,
            [
                (1, 3, "false-claim", "error"),
                (3, 1, "overstated-claim", "warning"),
                (5, 1, "false-claim", "error"),
                (7, 1, "false-claim", "error"),
            ],
        ),
    ],
)
def test_quotes_policy(policy: QuotesPolicy, expected: list[tuple[int, int, str, str]]) -> None:
    text = (
        '> LDN cures MS.\n\n"LDN treats pain."\n\nSome websites claim LDN cures MS.\n\n'
        'A leaflet said "LDN cures multiple sclerosis" once.\n'
    )
    assert findings(text, quotes=policy) == expected


def test_reported_findings_explain_why() -> None:
    (finding,) = scan_text(
        "> LDN cures MS.\n", path="a.md", settings=ScanSettings(), checker=FakeChecker()
    )
    assert finding.note == "reported, not asserted: in a blockquote"
    assert finding.extra["asserted_verdict"] == "false"


def test_unknown_is_shown_only_when_asked_and_only_for_covered_topics() -> None:
    text = "LDN unmatched claim here.\n\nLDN is a thing.\n"
    assert findings(text) == []
    assert findings(text, show_unknown=True) == [(1, 1, "unknown-claim", "info")]


def test_suppressions_are_applied_in_the_pipeline() -> None:
    text = "<!-- ldncheck-disable-next-line false -- quoting -->\nLDN cures MS.\n"
    results = scan_text(text, path="a.md", settings=ScanSettings(), checker=FakeChecker())
    assert [(f.span.line, f.suppression.kind if f.suppression else None) for f in results] == [
        (2, "next-line")
    ]


def test_exit_code_policy() -> None:
    kb = object()
    (warning,) = scan_text(
        "LDN treats pain.\n", path="a.md", settings=ScanSettings(), checker=FakeChecker()
    )
    clean = ScanReport((), (), 1, kb)
    found = ScanReport((warning,), (), 1, kb)
    broken = ScanReport((warning,), (FileError("x.md", "binary file"),), 1, kb)
    args = {"exit_zero": False, "skip_bad_files": False}
    assert exit_code(clean, fail_on=Severity.WARNING, **args) is ExitCode.CLEAN
    assert exit_code(found, fail_on=Severity.WARNING, **args) is ExitCode.FINDINGS
    assert exit_code(found, fail_on=Severity.ERROR, **args) is ExitCode.CLEAN
    assert (
        exit_code(found, fail_on=Severity.WARNING, exit_zero=True, skip_bad_files=False)
        is ExitCode.CLEAN
    )
    assert exit_code(broken, fail_on=Severity.ERROR, **args) is ExitCode.ERROR
    assert (
        exit_code(broken, fail_on=Severity.WARNING, exit_zero=False, skip_bad_files=True)
        is ExitCode.FINDINGS
    )


def scan_tree(root: Path, paths: list[str], **settings: object) -> ScanReport:
    return run_scan(
        paths, settings=ScanSettings(**settings), kb=None, cwd=root, checker=FakeChecker()
    )  # type: ignore[arg-type]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n*.draft.md\n!keep.draft.md\n")
    files = {
        "docs/a.md": "LDN cures MS.\n",
        "docs/b.txt": "LDN treats pain.\n",
        "docs/c.py": "LDN cures MS.\n",
        "docs/sub/d.rst": "LDN cures MS.\n",
        "docs/x.draft.md": "LDN cures MS.\n",
        "docs/keep.draft.md": "LDN cures MS.\n",
        "docs/.hidden/e.md": "LDN cures MS.\n",
        "build/f.md": "LDN cures MS.\n",
        "docs/private/g.md": "LDN cures MS.\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "docs" / ".gitignore").write_text("private/\n")
    return tmp_path


# The files a walk of docs/ scans: right extensions, not hidden, not ignored.
WALKED = ["docs/a.md", "docs/b.txt", "docs/keep.draft.md", "docs/sub/d.rst"]


def test_walk_respects_extensions_hidden_gitignore_and_ancestor_ignores(tree: Path) -> None:
    report = scan_tree(tree, ["docs"])
    assert sorted({f.path for f in report.findings}) == WALKED
    assert report.files == 4
    assert report.errors == ()


def test_exclude_and_extensions_settings(tree: Path) -> None:
    report = scan_tree(tree, ["."], exclude=("sub/",), extensions=(".md",))
    assert sorted({f.path for f in report.findings}) == ["docs/a.md", "docs/keep.draft.md"]


def test_explicit_files_are_scanned_whatever_the_extension(tree: Path) -> None:
    assert [f.path for f in scan_tree(tree, ["docs/c.py"]).findings] == ["docs/c.py"]


def test_missing_path_is_an_error_record(tree: Path) -> None:
    report = scan_tree(tree, ["nope.md", "docs/a.md"])
    assert [(e.path, e.message) for e in report.errors] == [
        ("nope.md", "no such file or directory")
    ]
    assert [f.path for f in report.findings] == ["docs/a.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loops_are_walked_once(tree: Path) -> None:
    os.symlink(tree / "docs", tree / "docs" / "sub" / "loop")
    report = scan_tree(tree, ["docs"])
    assert sorted({f.path for f in report.findings}) == WALKED


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos")
def test_fifo_is_reported_without_blocking(tree: Path) -> None:
    os.mkfifo(tree / "docs" / "pipe.md")
    report = scan_tree(tree, ["docs/pipe.md", "docs"])
    assert [e.path for e in report.errors] == ["docs/pipe.md", "docs/pipe.md"]
    assert "not a regular file" in report.errors[0].message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"LDN\x00\x01 cures", "binary file"),
        (b"LDN cures MS \xff\xfe caf\xe9.", "not valid UTF-8 at byte 13"),
        (b"x" * 200, "larger than max_file_size"),
    ],
)
def test_bad_files_become_error_records(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    outcome = scan_file(
        InputFile(path, "bad.md"), settings=ScanSettings(max_file_size=100), checker=FakeChecker()
    )
    assert not isinstance(outcome, list)
    assert message in outcome.message


def test_vanished_file_is_an_error_record(tmp_path: Path) -> None:
    outcome = scan_file(
        InputFile(tmp_path / "gone.md", "gone.md"), settings=ScanSettings(), checker=FakeChecker()
    )
    assert not isinstance(outcome, list)
    assert outcome.message.startswith("cannot read")


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + b"LDN cures MS.",
        "LDN cures MS.".encode("utf-16"),
        "LDN cures MS.".encode("utf-32"),
    ],
)
def test_byte_order_marks_are_honoured(encoded: bytes) -> None:
    assert decode(encoded) == "LDN cures MS."


def test_empty_file_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    assert (
        scan_file(
            InputFile(tmp_path / "empty.md", "empty.md"),
            settings=ScanSettings(),
            checker=FakeChecker(),
        )
        == []
    )


def test_invalid_utf16_is_reported() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")


def test_stdin_is_scanned_under_its_given_name(tmp_path: Path) -> None:
    report = run_scan(
        ["-"],
        settings=ScanSettings(),
        kb=None,
        cwd=tmp_path,
        stdin=("draft.md", b"LDN cures MS.\n"),
        checker=FakeChecker(),
    )  # type: ignore[arg-type]
    assert [(f.path, f.span.line) for f in report.findings] == [("draft.md", 1)]
    assert report.files == 1


def test_walker_lists_in_a_stable_order(tree: Path) -> None:
    walker = Walker(cwd=tree, extensions=(".md", ".txt", ".rst"), exclude=())
    names = [item.display for item in walker.expand("docs") if isinstance(item, InputFile)]
    assert names == sorted(names, key=lambda n: n.split("/"))


def test_parallel_scan_matches_serial(kb: KnowledgeBase) -> None:
    cases = Path(__file__).parent / "cases"
    serial = run_scan([str(cases)], settings=ScanSettings(), kb=kb, cwd=cases.parent)
    parallel = run_scan([str(cases)], settings=ScanSettings(), kb=kb, cwd=cases.parent, jobs=2)
    assert serial.findings == parallel.findings
    assert serial.findings


def test_a_long_document_split_over_workers_gives_the_serial_findings(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ldncheck.scan as scan_module

    monkeypatch.setattr(scan_module, "SPLIT_MIN_PROSE", 2_000)
    lines = [
        "LDN cures cancer.",
        "Some small trials suggest LDN may help fibromyalgia pain.",
        "LDN has no side effects.",
        "Our clinic opens at nine on weekdays.",
        "> LDN reverses MS, one forum post claims.",
    ]
    text = "\n\n".join(f"{line} Note {i}." for i in range(40) for line in lines) + "\n"
    checker = kb_checker(kb)
    serial = scan_text(text, path="long.md", settings=ScanSettings(), checker=checker)
    pieces: list[int] = []
    spread = parallel.spread

    def counted(work: Any, count: int, **options: Any) -> Any:
        pieces.append(count)
        return spread(work, count, **options)

    monkeypatch.setattr(parallel, "spread", counted)
    beside = parallel.beside
    parsed: list[bool] = []

    def parse_beside(work: Any, meanwhile: Any) -> Any:
        parsed.append(True)
        return beside(work, meanwhile)

    monkeypatch.setattr(parallel, "beside", parse_beside)
    split = scan_text(text, path="long.md", settings=ScanSettings(), checker=checker, split=2)
    assert len(serial) >= 100  # the document is long enough to be split, with findings to keep
    assert parsed == [True]  # parsed in a child while this process warmed up
    assert pieces and pieces[0] > 100  # the units went to the workers
    assert split == serial


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_scans_without_raising(text: str) -> None:
    for path in ("a.md", "a.txt", "a.rst", "a.mdx"):
        for finding in scan_text(
            "LDN " + text, path=path, settings=ScanSettings(), checker=FakeChecker()
        ):
            assert finding.span.line >= 1
            assert finding.span.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        decoded = decode(data)
    except InputError as error:
        assert error.message
    else:
        assert isinstance(decoded, str)
