"""Crashes found by fuzzing and review, kept as cases: each must now be a located error."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from kbfactory import CLAIMS, SOURCES, write_kb

from ldncheck.errors import KnowledgeBaseError
from ldncheck.kb import bundled_dir, load_kb

FUZZ = Path(__file__).parent / "fuzz" / "fuzz_kb.py"


def _lexicon_with(**patch: object) -> str:
    doc = yaml.safe_load((bundled_dir() / "lexicon.yaml").read_text(encoding="utf-8"))
    return yaml.safe_dump({**doc, **patch}, allow_unicode=True)


def _load_error(directory: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(directory)
    return str(info.value)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # ValueError from the date constructor escaped as a traceback.
        (
            CLAIMS.replace("reviewed: 2026-01-31\ncaveats", "reviewed: 2026-02-30\ncaveats"),
            ":2:11: YAML error: invalid timestamp '2026-02-30'",
        ),
        # Python refuses int() of more than 4,300 digits with a ValueError.
        (
            CLAIMS.replace("schema_version: 1", "schema_version: " + "9" * 5000),
            ":1:17: YAML error: invalid int",
        ),
    ],
)
def test_bad_scalars_are_located(tmp_path: Path, claims: str, expected: str) -> None:
    write_kb(tmp_path, claims=claims)
    assert expected in _load_error(tmp_path)


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"equivalents": ["cure"]}, "expected a mapping of canonical words"),  # AttributeError
        ({"stopwords": 5}, "expected a list of strings"),  # TypeError
        ({"topics": {"x": {"terms": ["x"], "label": ["X"]}}}, "label must be a string"),
    ],
)
def test_lexicon_shapes_are_errors(tmp_path: Path, patch: dict[str, object], expected: str) -> None:
    write_kb(tmp_path, claims=CLAIMS, sources=SOURCES)
    (tmp_path / "lexicon.yaml").write_text(_lexicon_with(**patch), encoding="utf-8")
    message = _load_error(tmp_path)
    assert message.startswith(f"{tmp_path / 'lexicon.yaml'}:")
    assert expected in message


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_kb", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fuzz_kb_quick() -> None:
    """A short run of tests/fuzz/fuzz_kb.py; run it with --seconds 300 for a longer search."""
    _fuzz_module().run(examples=60)


def test_fuzz_mutate_applies_edits() -> None:
    mutate = _fuzz_module().mutate
    assert mutate("abcdef", [(1, 2, "X")]) == "aXdef"
    assert mutate("ab", [(99, 0, "!")]) == "!ab"  # positions wrap
