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

from ldncheck.kb import KnowledgeBase, load_kb  # noqa: E402
from ldncheck.model import Evidence, Verdict  # noqa: E402
from ldncheck.pipeline import check_claim  # noqa: E402

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
    stance: str | None = None
    got_stance: str | None = None


def load_dev(path: Path) -> list[dict[str, object]]:
    """The labelled sentences."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["sentences"])


System = Callable[[str], tuple[str, str | None, str | None]]


def engine(kb: KnowledgeBase) -> System:
    """ldncheck's own pipeline."""

    def run(text: str) -> tuple[str, str | None, str | None]:
        result = check_claim(text, kb)
        topic = result.match.claim.topic if result.match else None
        return result.verdict.value, topic, result.stance.value

    return run


def baseline(kb: KnowledgeBase, threshold: float = 70.0) -> System:
    """WRatio over statements and aliases; verdict from evidence alone."""
    from rapidfuzz import fuzz, process

    choices: list[str] = []
    owners = []
    for claim in kb.claims:
        for text in (claim.statement, *claim.aliases):
            choices.append(text)
            owners.append(claim)
    by_evidence = {Evidence.ESTABLISHED: "accurate", Evidence.CONTRADICTED: "false"}

    def run(text: str) -> tuple[str, str | None, str | None]:
        hit = process.extractOne(text, choices, scorer=fuzz.WRatio)
        if hit is None or hit[1] < threshold:
            return "unknown", None, None
        claim = owners[hit[2]]
        return by_evidence.get(claim.evidence, "overstated"), claim.topic, "strong"

    return run


def evaluate(rows: list[dict[str, object]], system: System) -> list[Outcome]:
    """Run a system over the dev set."""
    out = []
    for row in rows:
        got, topic, stance = system(str(row["text"]))
        label = row.get("topic")
        out.append(
            Outcome(
                str(row["text"]),
                str(row["expected"]),
                label if isinstance(label, str) else None,
                got,
                topic,
                str(row.get("stance")),
                stance,
            )
        )
    return out


# Strong and factual sit in the same column of the verdict table.
_SAME_STANCE = {"factual": "strong"}


def _stance_agrees(o: Outcome) -> bool:
    def fold(s: str | None) -> str | None:
        return _SAME_STANCE.get(s or "", s)

    return fold(o.stance) == fold(o.got_stance)


def metrics(outcomes: list[Outcome]) -> dict[str, float]:
    """Verdict accuracy, flag precision/recall/F1, false flags, topic and stance accuracy."""
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
    judged = [
        o
        for o in outcomes
        if o.expected != "unknown" and o.stance in ("strong", "hedged", "negated", "factual")
    ]
    return {
        "verdict_accuracy": correct / n if n else 0.0,
        "flag_precision": precision,
        "flag_recall": recall,
        "flag_f1": f1,
        "false_flag_rate_on_accurate": (
            sum(o.got in FLAGGED for o in accurate) / len(accurate) if accurate else 0.0
        ),
        "topic_accuracy": (
            sum(o.got_topic == o.topic for o in claims) / len(claims) if claims else 0.0
        ),
        "distractor_flag_rate": (
            sum(o.got in FLAGGED for o in distractors) / len(distractors) if distractors else 0.0
        ),
        "stance_accuracy": (
            sum(_stance_agrees(o) for o in judged) / len(judged) if judged else 0.0
        ),
    }


TARGETS = {
    "verdict_accuracy": (">=", 0.95),
    "flag_f1": (">=", 0.93),
    "topic_accuracy": (">=", 0.97),
    "distractor_flag_rate": ("<=", 0.01),
}


def confusion(outcomes: list[Outcome]) -> str:
    """Expected (rows) x got (columns)."""
    counts = Counter((o.expected, o.got) for o in outcomes)
    head = "expected\\got  " + "".join(f"{v:>12}" for v in VERDICTS)
    rows = [head] + [
        f"{e:<14}" + "".join(f"{counts[(e, g)]:>12}" for g in VERDICTS) for e in VERDICTS
    ]
    return "\n".join(rows)


SETS = {
    "Dev 1": "dev_claims.yaml",
    "Dev 2": "dev2_claims.yaml",
    "Dev 3 (long web text)": "dev3_claims.yaml",
    "Held-out": "holdout_claims.yaml",
}
README_ROWS = {
    "Verdict accuracy": "verdict_accuracy",
    "Flag precision": "flag_precision",
    "Flag recall": "flag_recall",
    "Flag F1": "flag_f1",
    "False flags on accurate sentences": "false_flag_rate_on_accurate",
    "Topic accuracy": "topic_accuracy",
    "Stance accuracy": "stance_accuracy",
    "Flags on sentences not about LDN": "distractor_flag_rate",
}
START, END = "<!-- accuracy-figures -->", "<!-- /accuracy-figures -->"


def readme_table(kb: KnowledgeBase) -> str:
    """The README's accuracy table: ldncheck (and the WRatio baseline) on every labelled set."""
    data = ROOT / "tests" / "data"
    figures = {}
    for name, file in SETS.items():
        rows = load_dev(data / file)
        figures[name] = (
            len(rows),
            metrics(evaluate(rows, engine(kb))),
            metrics(evaluate(rows, baseline(kb))),
        )
    head = "| Measure | " + " | ".join(f"{n} ({figures[n][0]})" for n in SETS) + " |"
    lines = [head, "|---|" + "---|" * len(SETS)]
    for label, key in README_ROWS.items():
        cells = [f"{figures[n][1][key]:.3f} ({figures[n][2][key]:.3f})" for n in SETS]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_readme(kb: KnowledgeBase) -> None:
    """Replace the figures between the README's accuracy markers."""
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{readme_table(kb)}\n{END}{tail}", encoding="utf-8")


CALIBRATION_SETS = ("dev_claims.yaml", "dev2_claims.yaml", "dev3_claims.yaml")


def calibrate(kb: KnowledgeBase) -> None:
    """Verdict accuracy and flag F1 on the development sets at a range of match thresholds.

    The held-out set is left out on purpose: a threshold chosen on it would not be held out.
    """
    core = sys.modules["ldncheck.pipeline"]
    chosen = core.MATCH_THRESHOLD
    sets = {name: load_dev(ROOT / "tests" / "data" / name) for name in CALIBRATION_SETS}
    print(f"{'threshold':>9}  " + "  ".join(f"{n:<28}" for n in sets))
    try:
        for threshold in (35.0, 40.0, 45.0, 50.0, 55.0, 60.0, 65.0, 70.0):
            core.MATCH_THRESHOLD = threshold
            cells = []
            for rows in sets.values():
                m = metrics(evaluate(rows, engine(kb)))
                cells.append(f"acc {m['verdict_accuracy']:.3f}  F1 {m['flag_f1']:.3f}".ljust(28))
            mark = "  <- in use" if threshold == chosen else ""
            print(f"{threshold:>9.1f}  " + "  ".join(cells) + mark)
    finally:
        core.MATCH_THRESHOLD = chosen


def main() -> int:
    """Print the table; exit 0 always (figures, not a test)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "data" / "dev_claims.yaml")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--readme",
        action="store_true",
        help="rewrite the README's accuracy table from all labelled sets",
    )
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="sweep the match threshold over the development sets",
    )
    args = parser.parse_args()
    if args.readme:
        write_readme(load_kb())
        return 0
    if args.calibrate:
        calibrate(load_kb())
        return 0
    kb = load_kb()
    rows = load_dev(args.dev)
    ours, base = evaluate(rows, engine(kb)), evaluate(rows, baseline(kb))
    m_ours, m_base = metrics(ours), metrics(base)
    print(f"dev set: {args.dev.name}, {len(rows)} sentences; ", end="")
    print(f"knowledge base: {len(kb.claims)} claims\n")
    print(f"{'metric':<30}{'ldncheck':>10}{'baseline':>10}{'target':>10}  pass")
    for key, value in m_ours.items():
        op, goal = TARGETS.get(key, ("", None))
        ok = (
            ""
            if goal is None
            else ("yes" if (value >= goal if op == ">=" else value <= goal) else "NO")
        )
        target = f"{op}{goal}" if goal is not None else ""
        print(f"{key:<30}{value:>10.3f}{m_base[key]:>10.3f}{target:>10}  {ok}")
    print("\nconfusion (ldncheck):\n" + confusion(ours))
    errors = [o for o in ours if o.got != o.expected]
    print(f"\nerrors: {len(errors)}")
    if args.errors:
        for o in errors:
            print(
                f"  expected {o.expected:<10} got {o.got:<10} [{o.topic} / {o.got_topic}] {o.text}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
