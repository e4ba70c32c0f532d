"""``check --format claimreview``: schema.org ClaimReview JSON-LD, one object per claim.

Verdicts map to a 1-5 rating (worst 1, best 5)::

    accurate   -> 5 "Accurate"
    overstated -> 2 "Overstated"
    false      -> 1 "False"
    unknown    -> no ratingValue, alternateName "Unknown" (the claim is not in the knowledge base)

The reviewing organisation is the ``LDNCHECK_ORGANISATION`` environment variable, else
``organisation`` in ``ldncheck.toml`` or ``[tool.ldncheck]`` (found upward from the current
directory), else "ldncheck".
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from ldncheck.config import discover, load_file
from ldncheck.kb import KnowledgeBase
from ldncheck.model import Result, Source, Verdict
from ldncheck.render.json import dumps

BEST_RATING = 5
WORST_RATING = 1
DEFAULT_ORGANISATION = "ldncheck"
RATINGS: dict[Verdict, tuple[int | None, str]] = {
    Verdict.ACCURATE: (5, "Accurate"),
    Verdict.OVERSTATED: (2, "Overstated"),
    Verdict.FALSE: (1, "False"),
    Verdict.UNKNOWN: (None, "Unknown"),
}


def organisation_name(cwd: Path | None = None) -> str:
    """Who signs the reviews: env LDNCHECK_ORGANISATION, then the config file, then 'ldncheck'."""
    env = os.environ.get("LDNCHECK_ORGANISATION", "").strip()
    if env:
        return env
    found = discover(cwd or Path.cwd())
    configured = load_file(found).organisation.strip() if found is not None else ""
    return configured or DEFAULT_ORGANISATION


def rating(verdict: Verdict) -> dict[str, Any]:
    """The schema.org Rating for *verdict*; no ratingValue when the verdict is unknown."""
    value, name = RATINGS[verdict]
    doc: dict[str, Any] = {"@type": "Rating"}
    if value is not None:
        doc["ratingValue"] = value
    doc |= {"bestRating": BEST_RATING, "worstRating": WORST_RATING, "alternateName": name}
    return doc


def _citation(source: Source) -> dict[str, Any]:
    return {"@type": "CreativeWork", "name": source.title, "url": source.link or None}


def claim_review(result: Result, *, organisation: str, today: dt.date) -> dict[str, Any]:
    """One ClaimReview object for *result*."""
    first_link = result.citations[0].link if result.citations else ""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": result.text,
        "reviewRating": rating(result.verdict),
        "itemReviewed": {"@type": "Claim"},
        "author": {"@type": "Organization", "name": organisation},
        "datePublished": today.isoformat(),
        "reviewBody": result.explanation,
        "citation": [_citation(s) for s in result.citations],
        "url": first_link or None,
    }


def render_claimreview(
    results: list[Result],
    kb: KnowledgeBase,
    *,
    many: bool,
    organisation: str | None = None,
    today: dt.date | None = None,
) -> str:
    """JSON-LD text: one ClaimReview object, or an array of them when *many*."""
    who = organisation if organisation is not None else organisation_name()
    day = today or dt.date.today()
    docs = [claim_review(r, organisation=who, today=day) for r in results]
    return dumps(docs if many else docs[0], indent=2) + "\n"
