"""SARIF 2.1.0 output: schema-valid, stable rule ids, locations, fingerprints, suppressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ldncheck.config import ScanSettings
from ldncheck.kb import KnowledgeBase
from ldncheck.render.github import escape_data, escape_property
from ldncheck.render.sarif import sarif_document
from ldncheck.scan import run_scan

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
DRAFT = (
    "Intro.\n\nLow-dose naltrexone cures multiple sclerosis.\n\n"
    "<!-- ldncheck-disable-next-line -- quoting the leaflet -->\nLDN cures cancer.\n\n"
    "> LDN cures cancer.\n\n"
    "<!-- ldncheck-disable-next-line -->\nNothing to see here.\n"
)


@pytest.fixture
def document(tmp_path: Path, kb: KnowledgeBase) -> dict:  # type: ignore[type-arg]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "draft.md").write_text(DRAFT)
    report = run_scan(["docs"], settings=ScanSettings(), kb=kb, cwd=tmp_path)
    return sarif_document(report)


def test_validates_against_the_sarif_schema(document: dict) -> None:  # type: ignore[type-arg]
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not available at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(document)), schema)


def test_rules_results_locations_and_suppressions(document: dict) -> None:  # type: ignore[type-arg]
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ldncheck"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids[:3] == ["LDN001", "LDN002", "LDN003"] and "LDN900" in rule_ids
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("LDN001", "error"),
        ("LDN002", "warning"),
        ("LDN003", "note"),
        ("LDN900", "warning"),
        ("LDN901", "note"),
    ]
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/draft.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 46}
    assert first["properties"]["claimId"] == "ms-cure"
    assert first["properties"]["evidence"] == "contradicted"
    assert first["properties"]["citations"]
    assert driver["rules"][first["ruleIndex"]]["id"] == "LDN001"
    suppressed = results[1]
    assert suppressed["suppressions"] == [
        {"kind": "inSource", "justification": "quoting the leaflet"}
    ]
    assert "suppressions" not in first


def test_fingerprints_survive_moving_lines(
    tmp_path: Path, kb: KnowledgeBase, document: dict
) -> None:  # type: ignore[type-arg]
    (tmp_path / "docs" / "draft.md").write_text("New intro.\n\n\n" + DRAFT)
    moved = sarif_document(run_scan(["docs"], settings=ScanSettings(), kb=kb, cwd=tmp_path))
    before = [r["partialFingerprints"] for r in document["runs"][0]["results"]]
    after = [r["partialFingerprints"] for r in moved["runs"][0]["results"]]
    assert before == after
    assert len(before) == 5
    assert (
        moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
        == 6
    )


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnow") == "50%25 off%0D%0Anow"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
