"""Rich consoles that respect --color, NO_COLOR, TERM=dumb and pipes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ldncheck.settings import ColorMode

if TYPE_CHECKING:
    from rich.console import Console


def colour_wanted(mode: ColorMode, *, stream_is_tty: bool) -> bool:
    """Colour policy: --color always/never win; otherwise a terminal without NO_COLOR/TERM=dumb."""
    if mode is ColorMode.ALWAYS:
        return True
    if mode is ColorMode.NEVER:
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream_is_tty


def make_console(mode: ColorMode, *, stderr: bool = False) -> Console:
    """A console for stdout (or stderr) with the colour policy applied."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    isatty = getattr(stream, "isatty", lambda: False)()
    colour = colour_wanted(mode, stream_is_tty=isatty)
    return Console(
        file=stream,
        force_terminal=colour if mode is ColorMode.ALWAYS else None,
        no_color=not colour,
        color_system="auto" if colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
