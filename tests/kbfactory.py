"""Tiny knowledge bases written to a directory, for loader and CLI tests."""

from __future__ import annotations

from pathlib import Path

SOURCES = """\
schema_version: 1
sources:
  - id: trial-one
    type: rct
    title: A first trial
    year: 2010
    doi: 10.1000/one
    pmid: '111'
  - id: trial-two
    type: cohort
    title: A second study
    year: 2012
    doi: 10.1000/two
    pmid: '222'
"""

CLAIMS = """\
schema_version: 1
reviewed: 2026-01-31
caveats:
  off-label: Low-dose use is off-label.
claims:
  - id: tiny-ms
    topic: multiple-sclerosis
    statement: LDN improves symptoms of multiple sclerosis
    aliases: [LDN helps MS, LDN treats MS, LDN works for MS, LDN is good for MS]
    evidence: mixed
    summary: Two small trials disagree.
    caveats: [off-label]
    sources: [trial-one]
    reviewed: 2026-01-31
  - id: tiny-dreams
    topic: side-effects
    statement: LDN can cause vivid dreams
    aliases: [LDN gives vivid dreams, LDN causes nightmares, LDN vivid dreams, dreams on LDN]
    evidence: established
    summary: Vivid dreams are the most often reported side effect.
    sources: [trial-two]
"""


def write_kb(directory: Path, *, claims: str = CLAIMS, sources: str = SOURCES) -> Path:
    """Write claims.yaml and sources.yaml into ``directory`` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "claims.yaml").write_text(claims, encoding="utf-8")
    (directory / "sources.yaml").write_text(sources, encoding="utf-8")
    return directory


def line_of(text: str, needle: str, *, occurrence: int = 1) -> int:
    """1-based number of the line of ``text`` holding the n-th occurrence of ``needle``."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    if len(numbers) < occurrence:
        raise AssertionError(f"{needle!r} is not in the text {occurrence} times")
    return numbers[occurrence - 1]
