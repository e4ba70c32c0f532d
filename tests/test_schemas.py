"""The shipped JSON Schemas describe exactly what the JSON renderers print."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from typer.testing import CliRunner

from ldncheck import __version__
from ldncheck.cli import app
from ldncheck.render.json import SCHEMA_VERSION

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
CASES = TESTS / "cases"
CHECK_ID = "urn:ldncheck:schema:check"
SCAN_ID = "urn:ldncheck:schema:scan"
FINDING_REF = f"{SCAN_ID}#/$defs/finding"
MASKED_VERSION = re.compile(r'("(?:version|ldncheck_version)": ?)"<masked>"')
MASKED_DATE = re.compile(r'("kb_reviewed": ?)"<masked>"')
SCAN_READY = importlib.util.find_spec("ldncheck.scan") is not None

CLAIMS = [
    "LDN treats MS",
    "LDN has no side effects",
    "Small trials suggest LDN may reduce fibromyalgia pain.",
    "LDN does not cure cancer.",
    "Does LDN help long COVID?",
    "Some websites claim LDN cures Crohn's disease.",
    "The weather is nice today.",
    "LDN is FDA approved for multiple sclerosis",
    "naltrexone 4.5 mg — “proven” to fix everything \u00e9\u00e8 \U0001f600",
]


def shipped(name: str) -> dict[str, Any]:
    """A schema as the installed package ships it."""
    text = (resources.files("ldncheck") / "schemas" / f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _close(node: Any, *, root: bool) -> Any:
    """A copy in which every non-root object schema rejects properties it does not declare."""
    if isinstance(node, list):
        return [_close(item, root=False) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {key: _close(value, root=False) for key, value in node.items()}
    if "properties" in node and not root:
        closed["unevaluatedProperties"] = False
    return closed


def _validator(ref: str, *, strict: bool) -> Draft202012Validator:
    schemas = {"check": shipped("check"), "scan": shipped("scan")}
    if strict:
        schemas = {name: _close(schema, root=True) for name, schema in schemas.items()}
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    top: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": ref}
    if strict:
        top["unevaluatedProperties"] = False
    return Draft202012Validator(top, registry=registry)


def assert_valid(instance: Any, ref: str) -> None:
    """Valid against the shipped schema, and with no field the schema does not declare."""
    _validator(ref, strict=False).validate(instance)
    _validator(ref, strict=True).validate(instance)


def _schema_for(doc: dict[str, Any]) -> str:
    if "tool" in doc and "results" in doc:
        return SCAN_ID
    return FINDING_REF if "path" in doc and "line" in doc else CHECK_ID


def _unmask(text: str) -> str:
    """Golden files hide release-dependent values; put back values of the right shape."""
    text = MASKED_VERSION.sub(rf'\1"{__version__}"', text)
    return MASKED_DATE.sub(r'\1"2000-01-01"', text)


def _documents(path: Path) -> list[dict[str, Any]]:
    text = _unmask(path.read_text(encoding="utf-8"))
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = json.loads(text)
    return data if isinstance(data, list) else [data]


def _invoke(args: list[str], stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, args, input=stdin, env={"NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


GOLDEN_FILES = (
    sorted([*GOLDEN.rglob("*.json"), *GOLDEN.rglob("*.jsonl")]) if GOLDEN.is_dir() else []
)


@pytest.mark.parametrize("name", ["check", "scan"])
def test_shipped_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = shipped(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", ["check", "scan"])
def test_schema_command_prints_the_shipped_file(name: str) -> None:
    assert json.loads(_invoke(["schema", name])) == shipped(name)


def test_schema_versions_match_the_renderers() -> None:
    assert shipped("check")["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    scan_json = pytest.importorskip("ldncheck.render.scan_json", reason="scan is not available")
    assert shipped("scan")["properties"]["schema_version"]["const"] == scan_json.SCAN_SCHEMA_VERSION


@pytest.mark.skipif(not GOLDEN_FILES, reason="no golden JSON files under tests/golden yet")
@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: str(p.relative_to(GOLDEN)))
def test_golden_json_validates(path: Path) -> None:
    documents = _documents(path)
    if path.suffix == ".json":
        assert documents, f"{path} holds no JSON document"
    for doc in documents:
        assert_valid(doc, _schema_for(doc))


@pytest.mark.parametrize("claim", CLAIMS)
def test_check_json_validates(claim: str) -> None:
    doc = json.loads(_invoke(["check", "--format", "json", claim]))
    assert doc["claim"] == claim
    assert_valid(doc, CHECK_ID)


def test_check_json_array_and_jsonl_validate() -> None:
    stdin = "\n".join(CLAIMS) + "\n"
    array = json.loads(_invoke(["check", "--format", "json", "-"], stdin))
    lines = [
        json.loads(x) for x in _invoke(["check", "--format", "jsonl", "-"], stdin).splitlines()
    ]
    assert [d["claim"] for d in array] == [d["claim"] for d in lines] == CLAIMS
    for doc in [*array, *lines]:
        assert_valid(doc, CHECK_ID)
    verdicts = {d["verdict"] for d in lines}
    assert {"accurate", "overstated", "false", "unknown"} <= verdicts, verdicts


@pytest.mark.skipif(not SCAN_READY, reason="ldncheck.scan is not available")
def test_scan_json_and_jsonl_validate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray config file changes the report
    report = json.loads(_invoke(["scan", "--format", "json", "--show-unknown", str(CASES)]))
    assert_valid(report, SCAN_ID)
    assert report["results"], "the test cases should produce findings"
    assert any(r["suppressed"] for r in report["results"])
    lines = _invoke(["scan", "--format", "jsonl", str(CASES)]).splitlines()
    assert lines
    for line in lines:
        assert_valid(json.loads(line), FINDING_REF)


def test_schema_rejects_a_renamed_or_retyped_field() -> None:
    doc = json.loads(_invoke(["check", "--format", "json", "LDN treats MS"]))
    renamed = copy.deepcopy(doc)
    renamed["result"] = renamed.pop("verdict")
    retyped = copy.deepcopy(doc)
    retyped["match"]["score"] = "100"
    extra_top = {**doc, "surprise": True}
    extra_nested = copy.deepcopy(doc)
    extra_nested["match"]["surprise"] = True
    for bad in (renamed, retyped):
        with pytest.raises(ValidationError):
            _validator(CHECK_ID, strict=False).validate(bad)
    for undeclared in (extra_top, extra_nested):
        with pytest.raises(ValidationError):
            _validator(CHECK_ID, strict=True).validate(undeclared)
        _validator(CHECK_ID, strict=False).validate(undeclared)  # consumers tolerate additions
    finding = {
        "path": "a.md",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 2,
        "severity": "warning",
        "code": "overstated-claim",
        "rule_id": "LDN002",
        "fingerprint": "0" * 32,
        "suppressed": False,
        "suppression": None,
        "note": "",
        **doc,
    }
    _validator(FINDING_REF, strict=True).validate(finding)
    with pytest.raises(ValidationError):
        _validator(FINDING_REF, strict=True).validate({**finding, "surprise": 1})
    with pytest.raises(ValidationError):
        _validator(FINDING_REF, strict=False).validate({**finding, "verdict": "maybe"})
