"""Fuzz the knowledge-base loader: any text gives a KnowledgeBase or a KnowledgeBaseError.

    python tests/fuzz/fuzz_kb.py              # quick (what CI runs through pytest)
    python tests/fuzz/fuzz_kb.py --seconds 300

Inputs are YAML-ish: mutations of the tiny test KB plus random YAML fragments, written as
claims.yaml, sources.yaml or lexicon.yaml of a temporary KB. A crash is printed with the
failing input; keep it as a case in tests/test_regressions.py.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kbfactory import CLAIMS, SOURCES, write_kb

from ldncheck.errors import KnowledgeBaseError
from ldncheck.kb import bundled_dir, load_kb

FILES = ("claims.yaml", "sources.yaml", "lexicon.yaml")
FRAGMENTS = [
    "",
    "\n",
    ":",
    "- ",
    "  ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/name:os.system",
    "!!binary AAAA",
    "? ",
    "|\n",
    ">\n",
    "'",
    '"',
    "#",
    "2026-13-45",
    "2026-02-30",
    "~",
    "null",
    "true",
    "0x1F",
    "1e999",
    "9" * 5000,
    "--- ",
    "...",
    "%YAML 1.1\n",
    "<<: *a",
    "\t",
    "\ufeff",
    "\x00",
    "\x85",
    "id: x",
    "claims:",
    "sources:",
    "topics:",
    "stance:",
    "equivalents:",
    "abbreviations:",
    "- pattern: '('",
    "- pattern: '(?P<'",
    "schema_version: 2",
]


def mutate(base: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply (position, delete, insert) edits to ``base``."""
    text = base
    for pos, delete, insert in edits:
        at = pos % (len(text) + 1)
        text = text[:at] + insert + text[at + delete :]
    return text


def _lexicon() -> str:
    return (bundled_dir() / "lexicon.yaml").read_text(encoding="utf-8")


EDITS = st.lists(
    st.tuples(
        st.integers(0, 1 << 16),
        st.integers(0, 40),
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)),
    ),
    max_size=6,
)


def check_one(directory: Path, which: str, text: str) -> None:
    """Write the KB with one file replaced by ``text`` and load it."""
    write_kb(directory)
    (directory / "lexicon.yaml").write_text(_lexicon(), encoding="utf-8")
    (directory / which).write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(KnowledgeBaseError):
        load_kb(directory)


def run(*, examples: int, seconds: float | None = None) -> None:
    """Run the fuzz loop for ``examples`` cases (or until ``seconds`` have passed)."""
    base = {"claims.yaml": CLAIMS, "sources.yaml": SOURCES, "lexicon.yaml": _lexicon()}
    deadline = time.monotonic() + seconds if seconds else None

    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(which=st.sampled_from(FILES), edits=EDITS)
    def one(which: str, edits: list[tuple[int, int, str]]) -> None:
        if deadline is not None and time.monotonic() > deadline:
            return
        with tempfile.TemporaryDirectory() as tmp:
            check_one(Path(tmp), which, mutate(base[which], edits))

    one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=None, help="run for this long")
    parser.add_argument("--quick", action="store_true", help="a short run (the default)")
    args = parser.parse_args()
    if args.seconds:
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:  # fresh random batches until time is up
            run(examples=500, seconds=deadline - time.monotonic())
    else:
        run(examples=150)
    print("fuzz_kb: no crash")


if __name__ == "__main__":
    main()
