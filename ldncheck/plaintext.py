"""Plain text and reStructuredText: paragraphs by blank lines, bullets start new units.

reStructuredText gets just enough care to be useful: ``..`` directive and comment blocks and the
literal block after a ``::`` are masked, title underlines are dropped, inline markup is masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ldncheck.masking import INLINE_MASKS, URL_MASKS, Blocks, Masker
from ldncheck.sentences import Unit

_PLAIN_BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_PLAIN_RULE = re.compile(r"[ \t]*([=\-~^\"'`#*+_])\1{2,}[ \t]*$")
_RST_DIRECTIVE = re.compile(r"\.\.(?:[ \t]|$)")
_TEXT_DIRECTIVE = re.compile(r"[ \t]*(?:\.\.|#|//)?[ \t]*ldncheck-(?:disable|enable)")


class PlainReader:
    """Plain text and reStructuredText: paragraphs by blank lines, bullets start new units."""

    def __init__(self, text: str, *, rst: bool) -> None:
        self.masker = Masker(text)
        self.rst = rst
        self.code_lines: set[int] = set()

    def read(self) -> Blocks:
        masker = self.masker
        lines = masker.text.split("\n")
        if self.rst:
            self._mask_rst(lines)
        units = list(self._units(lines))
        patterns = INLINE_MASKS if self.rst else URL_MASKS
        for unit in units:
            masker.mask_inline(unit.start, unit.end, patterns)
        return Blocks.of(masker, units, self.code_lines)

    def _units(self, lines: list[str]) -> Iterator[Unit]:
        masker = self.masker
        begin: int | None = None
        for number, raw in enumerate(lines):
            start = masker.line_start(number)
            line = raw
            if _TEXT_DIRECTIVE.match(line) or _PLAIN_RULE.match(line):
                masker.mask_lines(number, number + 1)
                line = ""
            bullet = _PLAIN_BULLET.match(line)
            if (not line.strip() or bullet) and begin is not None:
                yield Unit(begin, start)
                begin = None
            if bullet:
                masker.mask(start, start + bullet.end())
            if line.strip() and begin is None:
                begin = start
        if begin is not None:
            yield Unit(begin, len(masker.text))

    def _mask_rst(self, lines: list[str]) -> None:
        """Mask ``..`` directive/comment blocks and the literal block after a ``::``."""
        masker = self.masker
        block_indent: int | None = None
        for number, line in enumerate(lines):
            stripped = line.lstrip()
            indent = len(line) - len(stripped)
            if block_indent is not None and (not stripped or indent > block_indent):
                masker.mask_lines(number, number + 1)
                self.code_lines.add(number + 1)
                continue
            block_indent = None
            if _RST_DIRECTIVE.match(stripped):
                masker.mask_lines(number, number + 1)
                block_indent = indent
                if "ldncheck-" not in stripped:
                    self.code_lines.add(number + 1)
            elif line.rstrip().endswith("::"):
                block_indent = indent
