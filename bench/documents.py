"""Scan the labelled web-style documents and compare findings with the labels; prints figures.

    python bench/documents.py [--errors] [--dir tests/data/docs-holdout]

Each document in tests/data/docs has a <name>.labels.yaml listing the sentences that make a
checkable LDN claim, the line each starts on, the verdict it deserves and whether it is
reported speech. A flagged finding (error or warning) on a line with an overstated or false,
unreported label is a hit; on any other line it is a false flag. Reported labels should come
back as info findings or not at all.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ldncheck.api import scan_text  # noqa: E402
from ldncheck.kb import load_kb  # noqa: E402
from ldncheck.model import Severity  # noqa: E402

DOCS = ROOT / "tests" / "data" / "docs"
FLAG = {Severity.ERROR, Severity.WARNING}


@dataclass
class Tally:
    """Counts over all documents."""

    hits: int = 0
    misses: int = 0
    false_flags: int = 0
    reported_flagged: int = 0
    reported: int = 0
    labelled: int = 0


def evaluate(name: str, tally: Tally, *, show: bool, folder: Path = DOCS) -> None:
    """Scan one document and add its outcome to the tally."""
    text = (folder / f"{name}.md").read_text(encoding="utf-8")
    labels = yaml.safe_load((folder / f"{name}.labels.yaml").read_text(encoding="utf-8"))
    wanted = {
        s["line"]
        for s in labels["sentences"]
        if s["expected"] in ("overstated", "false") and not s.get("reported")
    }
    reported = {s["line"] for s in labels["sentences"] if s.get("reported")}
    flagged = {f.span.line: f for f in scan_text(text, path=f"{name}.md") if f.severity in FLAG}
    tally.labelled += len(labels["sentences"])
    tally.reported += len(reported)
    for line in sorted(wanted):
        if line in flagged:
            tally.hits += 1
        else:
            tally.misses += 1
            if show:
                print(f"  miss        {name}.md:{line}")
    for line, finding in sorted(flagged.items()):
        if line in wanted:
            continue
        if line in reported:
            tally.reported_flagged += 1
        else:
            tally.false_flags += 1
        if show:
            kind = "reported" if line in reported else "false flag"
            claim = finding.result.match.claim.id if finding.result.match else "-"
            print(f"  {kind:<11} {name}.md:{line} {claim}: {finding.result.text[:90]}")


def main() -> int:
    """Print precision and recall of flags over the labelled documents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false flags")
    parser.add_argument("--dir", type=Path, default=DOCS, help="folder of labelled documents")
    args = parser.parse_args()
    load_kb()
    tally = Tally()
    names = sorted(p.name.removesuffix(".labels.yaml") for p in args.dir.glob("*.labels.yaml"))
    for name in names:
        evaluate(name, tally, show=args.errors, folder=args.dir)
    flagged = tally.hits + tally.false_flags + tally.reported_flagged
    precision = tally.hits / flagged if flagged else 0.0
    recall = tally.hits / (tally.hits + tally.misses) if tally.hits + tally.misses else 0.0
    print(f"{len(names)} documents, {tally.labelled} labelled sentences")
    print(
        f"flag precision {precision:.3f}  recall {recall:.3f}  "
        f"(hits {tally.hits}, misses {tally.misses}, false flags {tally.false_flags}, "
        f"reported sentences flagged {tally.reported_flagged} of {tally.reported})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
