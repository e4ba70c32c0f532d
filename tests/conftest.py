"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile

import pytest

from ldncheck.kb import KnowledgeBase, load_kb


def pytest_configure(config: pytest.Config) -> None:
    """Keep the knowledge-base cache of the whole run (subprocesses too) out of the user's."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ldncheck-test-cache-")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once."""
    return load_kb()


# Golden-file option and fixture for the scan tests (kept in their own plugin module).
from golden_option import golden, pytest_addoption  # noqa: E402, F401
