"""Baselines: accept the findings already recorded, keyed on content rather than line numbers.

A key is (relative path, claim id, normalised sentence): editing text above a finding does not
invalidate it, editing the sentence itself does. Keys form a multiset, so a sentence repeated
three times needs three entries.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ldncheck.errors import ConfigError
from ldncheck.model import Finding
from ldncheck.rules import claim_id_of

BASELINE_VERSION = 1
Key = tuple[str, str, str]


def normalise_sentence(text: str) -> str:
    """Lowercase with whitespace folded: the form a baseline stores."""
    return " ".join(text.lower().split())


def key_of(finding: Finding) -> Key:
    """The baseline key of *finding*."""
    return (finding.path, claim_id_of(finding), normalise_sentence(finding.result.text))


def load_baseline(path: Path) -> Counter[Key]:
    """Read a baseline file; ConfigError if it is unreadable or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            f"cannot read baseline: {error.strerror or error}", path=str(path)
        ) from None
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"invalid baseline JSON: {error.msg}",
            path=str(path),
            line=error.lineno,
            column=error.colno,
        ) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError("baseline must be an object with a 'findings' list", path=str(path))
    keys: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        try:
            keys[(entry["path"], entry["claim"], entry["text"])] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"findings[{index}]: expected path, claim and text", path=str(path)
            ) from None
    return keys


def split_by_baseline(
    findings: Iterable[Finding], baseline: Counter[Key]
) -> tuple[list[Finding], int]:
    """The findings not covered by *baseline*, and how many were covered."""
    remaining = Counter(baseline)
    kept: list[Finding] = []
    covered = 0
    for finding in findings:
        key = key_of(finding)
        if finding.suppression is None and remaining[key] > 0:
            remaining[key] -= 1
            covered += 1
        else:
            kept.append(finding)
    return kept, covered


def baseline_document(findings: Iterable[Finding]) -> str:
    """The JSON text of a baseline recording *findings*: sorted and stable."""
    counts = Counter(key_of(f) for f in findings if f.suppression is None)
    entries = [
        {"path": p, "claim": c, "text": t, "count": n} for (p, c, t), n in sorted(counts.items())
    ]
    return json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2) + "\n"


def write_baseline(path: Path, findings: Iterable[Finding]) -> None:
    """Write the baseline atomically: a temporary file beside *path*, then os.replace."""
    text = baseline_document(findings)
    directory = path.parent if str(path.parent) else Path()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
