"""Command-line options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

KbOption = Annotated[
    Path | None,
    typer.Option(
        "--kb",
        help="Directory holding claims.yaml and sources.yaml "
        "(default: the bundled knowledge base; env LDNCHECK_KB).",
        show_default=False,
    ),
]
