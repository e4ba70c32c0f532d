"""Settings for `check`, built from flags and environment; the core never sees Typer."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

# One claim is a sentence or two; a longer one is almost certainly a whole document given by
# mistake (`ldncheck scan` is for documents). Applies to arguments and to each stdin line.
MAX_CLAIM_CHARS = 100_000


class CheckFormat(StrEnum):
    """Output formats of `check`."""

    PANEL = "panel"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CLAIMREVIEW = "claimreview"


class ColorMode(StrEnum):
    """When to colour output."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """Everything `check` needs to know, decided once at the edge."""

    output: CheckFormat = CheckFormat.PANEL
    kb_dir: Path | None = None
    exit_zero: bool = False
    color: ColorMode = ColorMode.AUTO
    jobs: int = 0


def kb_dir_from(flag: Path | None) -> Path | None:
    """--kb wins over LDNCHECK_KB; neither means the bundled knowledge base."""
    if flag is not None:
        return flag
    env = os.environ.get("LDNCHECK_KB", "").strip()
    return Path(env) if env else None
