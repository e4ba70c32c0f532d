"""Dev-set accuracy of the engine beside a naive baseline; prints figures, asserts nothing.

    python bench/accuracy.py [--errors] [--dev tests/data/dev_claims.yaml]

The baseline is what plain fuzzy matching gives: RapidFuzz WRatio over every statement and
alias, a fixed threshold, and the verdict read from the matched claim's evidence alone.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ldncheck.check import check_claim  # noqa: E402
from ldncheck.kb import KnowledgeBase, load_kb  # noqa: E402
from ldncheck.model import Evidence, Verdict  # noqa: E402

VERDICTS = [v.value for v in Verdict]
FLAGGED = {"overstated", "false"}


@dataclass(frozen=True)
class Outcome:
    """One labelled sentence and what a system said about it."""

    text: str
    expected: str
    topic: str | None
    got: str
    got_topic: str | None


def load_dev(path: Path) -> list[dict[str, object]]:
    """The labelled sentences."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["sentences"])


def engine(kb: KnowledgeBase) -> Callable[[str], tuple[str, str | None]]:
    """ldncheck's own pipeline."""
    def run(text: str) -> tuple[str, str | None]:
        result = check_claim(text, kb)
        return result.verdict.value, result.match.claim.topic if result.match else None
    return run


def baseline(kb: KnowledgeBase, threshold: float = 70.0) -> Callable[[str], tuple[str, str | None]]:
    """WRatio over statements and aliases; verdict from evidence alone."""
    from rapidfuzz import fuzz, process

    choices: list[str] = []
    owners = []
    for claim in kb.claims:
        for text in (claim.statement, *claim.aliases):
            choices.append(text)
            owners.append(claim)
    by_evidence = {Evidence.ESTABLISHED: "accurate", Evidence.CONTRADICTED: "false"}

    def run(text: str) -> tuple[str, str | None]:
        hit = process.extractOne(text, choices, scorer=fuzz.WRatio)
        if hit is None or hit[1] < threshold:
            return "unknown", None
        claim = owners[hit[2]]
        return by_evidence.get(claim.evidence, "overstated"), claim.topic
    return run


def evaluate(rows: list[dict[str, object]], system: Callable[[str], tuple[str, str | None]]) -> list[Outcome]:
    """Run a system over the dev set."""
    out = []
    for row in rows:
        got, topic = system(str(row["text"]))
        out.append(Outcome(str(row["text"]), str(row["expected"]),
                           row.get("topic") if isinstance(row.get("topic"), str) else None, got, topic))
    return out


def metrics(outcomes: list[Outcome]) -> dict[str, float]:
    """Verdict accuracy, flag precision/recall/F1, false-flag rate, topic accuracy, distractor flags."""
    n = len(outcomes)
    correct = sum(o.got == o.expected for o in outcomes)
    tp = sum(o.got in FLAGGED and o.expected in FLAGGED for o in outcomes)
    fp = sum(o.got in FLAGGED and o.expected not in FLAGGED for o in outcomes)
    fn = sum(o.got not in FLAGGED and o.expected in FLAGGED for o in outcomes)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accurate = [o for o in outcomes if o.expected == "accurate"]
    claims = [o for o in outcomes if o.expected != "unknown" and o.topic]
    distractors = [o for o in outcomes if o.expected == "unknown" and o.topic is None]
    return {
        "verdict_accuracy": correct / n if n else 0.0,
        "flag_precision": precision,
        "flag_recall": recall,
        "flag_f1": f1,
        "false_flag_rate_on_accurate": (sum(o.got in FLAGGED for o in accurate) / len(accurate)
                                        if accurate else 0.0),
        "topic_accuracy": (sum(o.got_topic == o.topic for o in claims) / len(claims)
                           if claims else 0.0),
        "distractor_flag_rate": (sum(o.got in FLAGGED for o in distractors) / len(distractors)
                                 if distractors else 0.0),
    }


TARGETS = {"verdict_accuracy": (">=", 0.95), "flag_f1": (">=", 0.93), "topic_accuracy": (">=", 0.97),
           "distractor_flag_rate": ("<=", 0.01)}


def confusion(outcomes: list[Outcome]) -> str:
    """Expected (rows) x got (columns)."""
    counts = Counter((o.expected, o.got) for o in outcomes)
    head = "expected\\got  " + "".join(f"{v:>12}" for v in VERDICTS)
    rows = [head] + [f"{e:<14}" + "".join(f"{counts[(e, g)]:>12}" for g in VERDICTS) for e in VERDICTS]
    return "\n".join(rows)


def main() -> int:
    """Print the table; exit 0 always (figures, not a test)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "data" / "dev_claims.yaml")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    kb = load_kb()
    rows = load_dev(args.dev)
    ours, base = evaluate(rows, engine(kb)), evaluate(rows, baseline(kb))
    m_ours, m_base = metrics(ours), metrics(base)
    print(f"dev set: {args.dev.name}, {len(rows)} sentences; knowledge base: {len(kb.claims)} claims\n")
    print(f"{'metric':<30}{'ldncheck':>10}{'baseline':>10}{'target':>10}  pass")
    for key, value in m_ours.items():
        op, goal = TARGETS.get(key, ("", None))
        ok = "" if goal is None else ("yes" if (value >= goal if op == ">=" else value <= goal) else "NO")
        target = f"{op}{goal}" if goal is not None else ""
        print(f"{key:<30}{value:>10.3f}{m_base[key]:>10.3f}{target:>10}  {ok}")
    print("\nconfusion (ldncheck):\n" + confusion(ours))
    errors = [o for o in ours if o.got != o.expected]
    print(f"\nerrors: {len(errors)}")
    if args.errors:
        for o in errors:
            print(f"  expected {o.expected:<10} got {o.got:<10} [{o.topic} / {o.got_topic}] {o.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
