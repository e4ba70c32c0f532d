"""Golden JSON for `check`, compared field by field; rebuilt with `pytest --update-golden`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ldncheck.cli import app

GOLDEN = Path(__file__).parent / "golden" / "check"
MASKED = {"ldncheck_version": "<masked>", "kb_reviewed": "<masked>"}
CLAIMS = [
    "LDN treats MS",
    "LDN has no side effects",
    "LDN can cause vivid dreams",
    "LDN is FDA approved for MS",
    "The usual dose of LDN is 4.5 mg",
    "LDN is safe to take with opioid painkillers",
    "LDN cures cancer",
    "Small studies suggest LDN may help fibromyalgia pain",
    "Does LDN help Crohn's disease?",
    "LDN does not cure autism",
    "Naltrexone at 50 mg treats alcohol dependence",
    "The weather is nice today",
]


def _slug(claim: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", claim.lower()).strip("-")[:60]


def _masked(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, **{k: v for k, v in MASKED.items() if k in doc}}


def _invoke(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, list(args), input=stdin, env={"LDNCHECK_KB": ""})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _compare(path: Path, fresh: Any, *, update: bool) -> None:
    if update:
        path.write_text(json.dumps(fresh, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path.name} is missing; run pytest --update-golden")
    expected = json.loads(path.read_text(encoding="utf-8"))
    fresh_docs = fresh if isinstance(fresh, list) else [fresh]
    expected_docs = expected if isinstance(expected, list) else [expected]
    assert len(fresh_docs) == len(expected_docs), path.name
    for n, (got, want) in enumerate(zip(fresh_docs, expected_docs, strict=True)):
        assert set(got) == set(want), f"{path.name}[{n}]: fields differ"
        for key in want:
            assert got[key] == want[key], f"{path.name}[{n}].{key} differs"


@pytest.fixture
def update(request: pytest.FixtureRequest) -> bool:
    flag = bool(request.config.getoption("--update-golden"))
    if flag:
        GOLDEN.mkdir(parents=True, exist_ok=True)
    return flag


@pytest.mark.parametrize("claim", CLAIMS, ids=_slug)
def test_json_golden(claim: str, update: bool) -> None:
    fresh = _masked(json.loads(_invoke("check", "--format", "json", claim)))
    assert fresh["claim"] == claim
    _compare(GOLDEN / f"{_slug(claim)}.json", fresh, update=update)


def test_jsonl_golden(update: bool) -> None:
    out = _invoke("check", "--format", "jsonl", "-", stdin="\n".join(CLAIMS) + "\n")
    fresh = [_masked(json.loads(line)) for line in out.splitlines()]
    assert [d["claim"] for d in fresh] == CLAIMS
    _compare(GOLDEN / "all-claims.jsonl.json", fresh, update=update)


def test_json_and_jsonl_agree() -> None:
    """The single-claim object and the streamed line are the same document."""
    single = json.loads(_invoke("check", "--format", "json", CLAIMS[0]))
    line = json.loads(_invoke("check", "--format", "jsonl", "-", stdin=CLAIMS[0] + "\n"))
    assert single == line


def test_no_stale_golden_files() -> None:
    expected = {f"{_slug(c)}.json" for c in CLAIMS} | {"all-claims.jsonl.json"}
    present = {p.name for p in GOLDEN.glob("*.json")}
    assert present <= expected, f"stale golden files: {sorted(present - expected)}"
