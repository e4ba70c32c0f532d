"""Shared fixtures."""

from __future__ import annotations

import pytest

from ldncheck.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once."""
    return load_kb()
