"""The Python API: the same frozen results the CLI renders, without shelling out."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ldncheck.kb import KnowledgeBase, load_kb
from ldncheck.model import Result
from ldncheck.pipeline import check_claim

if TYPE_CHECKING:
    from ldncheck.model import Finding


@lru_cache(maxsize=1)
def _bundled() -> KnowledgeBase:
    return load_kb()


def check(text: str, kb: KnowledgeBase | None = None, *, assume_ldn: bool = False) -> Result:
    """Check one sentence against ``kb`` (default: the bundled knowledge base)."""
    return check_claim(text, kb or _bundled(), assume_ldn=assume_ldn)


def scan_text(
    text: str, kb: KnowledgeBase | None = None, *, path: str = "<text>", markdown: bool = True
) -> list[Finding]:
    """The findings `ldncheck scan` would report for this text (suppressions applied)."""
    from ldncheck.scan import scan_document

    return scan_document(text, kb or _bundled(), path=path, markdown=markdown)
