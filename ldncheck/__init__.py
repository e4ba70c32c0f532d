"""ldncheck: check claims about low-dose naltrexone against a sourced evidence base.

Public API (imported lazily so that `import ldncheck` stays cheap)::

    from ldncheck import check, load_kb, scan_text
    result = check("LDN treats MS")
    result.verdict  # Verdict.OVERSTATED
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeBase", "Result", "Verdict", "__version__", "check", "load_kb", "scan_text"]

if TYPE_CHECKING:
    from ldncheck.api import check, scan_text
    from ldncheck.kb import KnowledgeBase, load_kb
    from ldncheck.model import Result, Verdict

# Where each public name lives; modules are imported on first use.
_LAZY = {
    "check": "ldncheck.api",
    "scan_text": "ldncheck.api",
    "load_kb": "ldncheck.kb",
    "KnowledgeBase": "ldncheck.kb",
    "Result": "ldncheck.model",
    "Verdict": "ldncheck.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'ldncheck' has no attribute {name!r}")
