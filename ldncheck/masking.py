"""Masking: blank out non-prose with spaces of the same length, keeping every newline.

An offset in masked text is an offset in the original, so positions need no mapping table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ldncheck.sentences import LineIndex, Sentence, Unit, split_units


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: its sentences, the lines where directives are not honoured, and its
    front matter (not prose, but its title says what the document is about)."""

    sentences: tuple[Sentence, ...]
    code_lines: frozenset[int] = frozenset()
    front_matter: str = ""


@dataclass(frozen=True, slots=True)
class Blocks:
    """A document read up to its units (the blocks a sentence never crosses), not yet split.

    Splitting a megabyte into sentences takes a fifth of a second; a long document's units can
    be split by the workers that check them, a range each, instead of all in one process.
    """

    masked: str
    units: tuple[Unit, ...]  # in document order
    index: LineIndex
    code_lines: frozenset[int] = frozenset()
    front_matter: str = ""

    @classmethod
    def of(
        cls, masker: Masker, units: list[Unit], code_lines: set[int], front_matter: str = ""
    ) -> Blocks:
        """The blocks of a document whose masks and units are all collected."""
        ordered = tuple(sorted(units, key=lambda u: u.start))
        return cls(masker.masked(), ordered, masker.index, frozenset(code_lines), front_matter)

    def sentences(self, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
        """The sentences of units ``start`` to ``end`` (all by default), in document order."""
        return tuple(split_units(self.masked, self.units[start:end], self.index))

    def mentions(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` matches inside some unit, so inside some sentence.

        Splitting only cuts between words and folds whitespace, so a word is found in a
        unit exactly when it is found in one of the unit's sentences.
        """
        return any(pattern.search(self.masked[u.start : u.end]) for u in self.units)

    @property
    def prose_size(self) -> int:
        """How many characters the units span."""
        return sum(u.end - u.start for u in self.units)

    def document(self) -> Document:
        """Every sentence, split now."""
        return Document(self.sentences(), self.code_lines, self.front_matter)


INLINE_MASKS = (
    re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S),  # inline code
    re.compile(r"<!--.*?-->", re.S),  # HTML comments (suppress.py reads the original text)
    re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>"),  # autolinks
    re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>"),  # HTML and JSX tags
    re.compile(r"!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # images, alt text included
    re.compile(r"\[\^[^\]\s]+\]"),  # footnote references
    re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]"),  # bare URLs
    re.compile(r"\bwww\.[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]"),
    re.compile(r"\*+|~~|(?<!\w)_+|_+(?!\w)"),  # emphasis markers
)
URL_MASKS = INLINE_MASKS[6:8]  # the bare-URL and www. patterns above
# What each pattern above cannot match without. Most prose blocks hold no backtick, angle
# bracket, asterisk or URL, and skipping a pattern there halves the time to read a document.
_INLINE_NEEDS = (
    ("`",),
    ("<!--",),
    ("<",),
    ("<",),
    ("![",),
    ("[^",),
    ("://",),
    ("www.",),
    ("*", "~~", "_"),
)
# [text](destination "title") and [text][ref]: the text stays, the rest is masked.
LINK = re.compile(
    r"\[(?P<text>[^\[\]]*)\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])"
)


class Masker:
    """Collects ranges to blank out and applies them once, keeping newlines and lengths."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex.of(text)
        self.ranges: list[tuple[int, int]] = []

    def mask(self, start: int, end: int) -> None:
        if end > start:
            self.ranges.append((start, end))

    def mask_lines(self, first: int, last: int) -> None:
        """Mask 0-based lines first..last-1."""
        self.mask(self.line_start(first), self.line_start(last))

    def mask_prefix(self, line: int, pattern: re.Pattern[str]) -> None:
        start = self.line_start(line)
        found = pattern.match(self.text, start, self.line_end(line))
        if found:
            self.mask(start, found.end())

    def mask_inline(
        self, start: int, end: int, patterns: tuple[re.Pattern[str], ...] = INLINE_MASKS
    ) -> None:
        if patterns is not INLINE_MASKS:
            for pattern in patterns:
                self._mask_all(pattern, start, end)
            return
        block = self.text[start:end]
        for pattern, needs in zip(INLINE_MASKS, _INLINE_NEEDS, strict=True):
            if any(literal in block for literal in needs):
                self._mask_all(pattern, start, end)
        if "[" not in block:
            return
        for found in LINK.finditer(self.text, start, end):
            self.mask(found.start(), found.start("text"))
            self.mask(found.end("text"), found.end())

    def _mask_all(self, pattern: re.Pattern[str], start: int, end: int) -> None:
        for found in pattern.finditer(self.text, start, end):
            self.mask(found.start(), found.end())

    def line_start(self, line: int) -> int:
        starts = self.index.starts
        return starts[line] if line < len(starts) else len(self.text)

    def line_end(self, line: int) -> int:
        end = self.line_start(line + 1)
        return end - 1 if end > 0 and self.text[end - 1 : end] == "\n" else end

    def masked(self) -> str:
        pieces: list[str] = []
        position = 0
        for start, end in sorted(self.ranges):
            if end <= position:
                continue
            begin = max(start, position)
            pieces.append(self.text[position:begin])
            pieces.append(_blank(self.text[begin:end]))
            position = end
        pieces.append(self.text[position:])
        return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(chunk: str) -> str:
    return _NOT_NEWLINE.sub(" ", chunk)
