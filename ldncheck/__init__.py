"""ldncheck: check claims about low-dose naltrexone against a sourced evidence base.

Public API (imported lazily so that `import ldncheck` stays cheap)::

    from ldncheck import check, load_kb, scan_text
    result = check("LDN treats MS")
    result.verdict  # Verdict.OVERSTATED
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeBase", "Result", "Verdict", "__version__", "check", "load_kb", "scan_text"]

if TYPE_CHECKING:
    from ldncheck.api import check, scan_text
    from ldncheck.kb import KnowledgeBase, load_kb
    from ldncheck.model import Result, Verdict


class _Package(ModuleType):
    """The package object; `check` is the API function even though a submodule has that name.

    Importing the submodule `ldncheck.check` makes Python bind it as the package attribute
    `check`, which would shadow the function for `from ldncheck import check`. The property
    wins over that binding; the submodule stays reachable through `sys.modules`.
    """

    @property
    def check(self) -> Any:
        """The public `check()` function."""
        from ldncheck import api

        return api.check

    @check.setter
    def check(self, value: object) -> None:
        """Ignore the import system binding the `ldncheck.check` submodule here."""


def __getattr__(name: str) -> Any:
    if name == "scan_text":
        from ldncheck import api

        return api.scan_text
    if name in ("load_kb", "KnowledgeBase"):
        from ldncheck import kb

        return getattr(kb, name)
    if name in ("Result", "Verdict"):
        from ldncheck import model

        return getattr(model, name)
    raise AttributeError(f"module 'ldncheck' has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
