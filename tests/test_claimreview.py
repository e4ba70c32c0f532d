"""``--format claimreview``: schema.org ClaimReview JSON-LD with a documented rating map."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ldncheck.cli import app
from ldncheck.kb import KnowledgeBase
from ldncheck.model import Reading, Result, Source, Stance, Verdict
from ldncheck.render.claimreview import organisation_name, render_claimreview

TODAY = dt.date(2025, 3, 14)
TRIAL = Source(id="trial", type="rct", title="A trial", doi="10.1000/xyz")
SITE = Source(id="site", type="web", title="A page", url="https://example.org/page")


def result(verdict: Verdict, *citations: Source) -> Result:
    return Result(
        text=f"a sentence judged {verdict.value}",
        verdict=verdict,
        stance=Stance.STRONG,
        reading=Reading(about_ldn=True),
        explanation="why",
        citations=citations,
    )


def review(verdict: Verdict, kb: KnowledgeBase, *citations: Source) -> dict[str, Any]:
    text = render_claimreview(
        [result(verdict, *citations)], kb, many=False, organisation="Desk", today=TODAY
    )
    doc: dict[str, Any] = json.loads(text)
    return doc


def test_required_fields(kb: KnowledgeBase) -> None:
    doc = review(Verdict.FALSE, kb, TRIAL, SITE)
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "a sentence judged false"
    assert doc["itemReviewed"]["@type"] == "Claim"
    assert doc["author"] == {"@type": "Organization", "name": "Desk"}
    assert doc["datePublished"] == "2025-03-14"
    assert doc["url"] == "https://doi.org/10.1000/xyz"  # the first citation's link
    assert [c["url"] for c in doc["citation"]] == [TRIAL.link, SITE.url]
    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating"
    assert (rating["worstRating"], rating["bestRating"]) == (1, 5)


@pytest.mark.parametrize(
    ("verdict", "value", "name"),
    [
        (Verdict.ACCURATE, 5, "Accurate"),
        (Verdict.OVERSTATED, 2, "Overstated"),
        (Verdict.FALSE, 1, "False"),
    ],
)
def test_verdict_to_rating(verdict: Verdict, value: int, name: str, kb: KnowledgeBase) -> None:
    rating = review(verdict, kb)["reviewRating"]
    assert rating["ratingValue"] == value
    assert rating["alternateName"] == name
    assert rating["worstRating"] <= value <= rating["bestRating"]


def test_unknown_has_no_rating_value_and_no_url(kb: KnowledgeBase) -> None:
    doc = review(Verdict.UNKNOWN, kb)
    assert "ratingValue" not in doc["reviewRating"]
    assert doc["reviewRating"]["alternateName"] == "Unknown"
    assert doc["url"] is None
    assert doc["citation"] == []


def test_many_gives_an_array_in_order(kb: KnowledgeBase) -> None:
    results = [result(Verdict.ACCURATE), result(Verdict.FALSE)]
    docs = json.loads(render_claimreview(results, kb, many=True, organisation="x", today=TODAY))
    assert [d["reviewRating"]["alternateName"] for d in docs] == ["Accurate", "False"]


def test_organisation_comes_from_env_then_config_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LDNCHECK_ORGANISATION", raising=False)
    assert organisation_name(tmp_path) == "ldncheck"
    (tmp_path / "pyproject.toml").write_text('[tool.ldncheck]\norganisation = "Health Desk"\n')
    nested = tmp_path / "drafts"
    nested.mkdir()
    assert organisation_name(nested) == "Health Desk"
    monkeypatch.setenv("LDNCHECK_ORGANISATION", "Newsroom")
    assert organisation_name(nested) == "Newsroom"


def test_cli_format_claimreview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LDNCHECK_ORGANISATION", raising=False)
    out = CliRunner().invoke(app, ["check", "--format", "claimreview", "LDN has no side effects"])
    assert out.exit_code == 1, out.output
    doc = json.loads(out.stdout)
    assert doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "LDN has no side effects"
    assert doc["reviewRating"]["alternateName"] == "False"
    assert doc["author"]["name"] == "ldncheck"
    assert dt.date.fromisoformat(doc["datePublished"]) == dt.date.today()
    assert doc["url"] and doc["url"].startswith("http")
