"""Markdown corpora: ordinary prose that never mentions LDN, and LDN-dense writing."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from bench.inputs.claims import CONDITIONS, DRUGS

Sentence = Callable[[random.Random], str]

SUBJECTS = (
    "The allotment",
    "Our build system",
    "The river path",
    "This sourdough starter",
    "The new library wing",
    "A good pair of boots",
    "The council's bus plan",
    "The quarterly report",
    "Her violin teacher",
    "The old lighthouse",
    "The database migration",
    "A weekend in the hills",
    "The school choir",
)
PREDICATES = (
    "needs more attention than we expected",
    "was finished ahead of schedule",
    "looks different after the rain",
    "rewards a little patience",
    "has a long and tangled history",
    "surprised almost everyone who tried it",
    "will be reviewed again in March",
    "depends on the weather more than on planning",
    "costs less than the brochure suggests",
    "works best early in the morning",
)
CLAUSES = (
    "although nobody quite agrees why",
    "according to the volunteers",
    "which is worth remembering",
    "as the notes from last year show",
    "despite a slow start",
    "even in the middle of winter",
    "for reasons of cost",
)
HEADINGS = (
    "Background",
    "Notes from the field",
    "What went well",
    "Open questions",
    "Equipment",
    "Timeline",
    "Lessons",
    "Further reading",
    "Budget",
    "Next steps",
)
CODE = (
    "```python\nfor row in rows:\n    total += row.amount\n```",
    "```sh\nmake clean && make -j2\n```",
    "    indented code block\n    with two lines",
)


def _prose_sentence(rng: random.Random) -> str:
    clause = f", {rng.choice(CLAUSES)}" if rng.random() < 0.4 else ""
    return f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}{clause}."


def _block(rng: random.Random, sentence: Sentence) -> str:
    kind = rng.random()
    if kind < 0.08:
        return f"## {rng.choice(HEADINGS)} {rng.randint(1, 999)}"
    if kind < 0.18:
        return "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5)))
    if kind < 0.22:
        return rng.choice(CODE)
    if kind < 0.26:
        return f"> {sentence(rng)} See [the notes](https://example.org/n/{rng.randint(1, 99)})."
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 8)))


def _document(size: int, rng: random.Random, sentence: Sentence, title: str) -> str:
    parts = [f"# {title}"]
    total = len(parts[0])
    while total < size:
        block = _block(rng, sentence)
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts) + "\n"


def plain_markdown(size: int, *, seed: int = 1) -> str:
    """About ``size`` characters of varied Markdown that is not about LDN."""
    return _document(size, random.Random(seed), _prose_sentence, "Notes and field reports")


_LDN_TEMPLATES = (
    "{drug} {verb} {cond}.",
    "In a small trial, {drug} may improve {cond} symptoms for some patients.",
    "There is no good evidence that {drug} cures {cond}.",
    "Many people with {cond} say {drug} changed their lives.",
    "{drug} is not approved by the FDA for {cond}.",
    "Doctors sometimes prescribe {drug} off-label for {cond}.",
    "Is {drug} safe to take with {cond}?",
    "{drug} has no side effects at all, even in {cond}.",
    "A 2021 review found {drug} might reduce pain in {cond}.",
    "Some patients report vivid dreams when starting {drug}.",
)
_VERBS = ("treats", "cures", "helps with", "reverses", "prevents", "slows")


def _ldn_sentence(rng: random.Random) -> str:
    text = rng.choice(_LDN_TEMPLATES).format(
        drug=rng.choice(DRUGS), verb=rng.choice(_VERBS), cond=rng.choice(CONDITIONS)
    )
    return text[0].upper() + text[1:]


def ldn_markdown(size: int, *, seed: int = 2) -> str:
    """About ``size`` characters of Markdown where most sentences make an LDN claim."""
    return _document(size, random.Random(seed), _ldn_sentence, "Low-dose naltrexone: what we know")


def one_page(*, seed: int = 3) -> str:
    """About 4 KB of plain prose: the one-page file codespell checks for the start-up row."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(_prose_sentence(rng) for _ in range(6)) for _ in range(6)) + "\n"


def write_tree(root: Path, files: int, size: int, *, seed: int = 4) -> Path:
    """``files`` small Markdown files (one in ten about LDN) in nested folders under ``root``."""
    rng = random.Random(seed)
    for i in range(files):
        folder = root / f"part{i % 20:02d}" / f"sub{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        make = ldn_markdown if i % 10 == 0 else plain_markdown
        (folder / f"note{i:05d}.md").write_text(
            make(size, seed=rng.randint(0, 10**9)), encoding="utf-8"
        )
    return root
