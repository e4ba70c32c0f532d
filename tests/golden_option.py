"""The --update-golden option: regenerate golden files instead of comparing with them."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/cases/*.expected and tests/golden/ from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """compare(path, text): assert equality with a golden file, or rewrite it (--update-golden)."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(path: Path, text: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"{path} is missing; run pytest --update-golden to create it")
        assert text == path.read_text(encoding="utf-8"), (
            f"{path} differs; rerun with --update-golden if intended"
        )

    return compare
