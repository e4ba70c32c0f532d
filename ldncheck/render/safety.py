"""Make untrusted text safe to show in a terminal."""

from __future__ import annotations

import re

# C0/C1 controls (ESC starts ANSI sequences) and bidirectional overrides can rewrite or
# reorder what a terminal shows; they are shown as visible escapes instead.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def visible(text: str) -> str:
    """``text`` with every control or direction-override character shown as an escape."""
    return _UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    """Visible text on a single line."""
    return visible(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))
