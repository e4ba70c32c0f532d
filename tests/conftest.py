"""Shared fixtures."""

from __future__ import annotations

import pytest

from ldncheck.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once."""
    return load_kb()

# Golden-file option and fixture for the scan tests (kept in their own plugin module).
from golden_option import golden, pytest_addoption  # noqa: E402, F401
