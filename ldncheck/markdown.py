"""Document -> sentences with true source positions, by masking (never deleting) non-prose.

Everything that is not prose (code, front matter, comments, tags, URLs, Markdown markers) is
replaced by spaces of the same length with newlines kept, so that an offset in the masked text
is an offset in the original file and every sentence's line and column are the real ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ldncheck.sentences import LineIndex, Sentence, Unit, split_units


class DocumentKind(StrEnum):
    """How a file's text is structured."""

    MARKDOWN = "markdown"
    MDX = "mdx"
    RST = "rst"
    TEXT = "text"


_KIND_BY_SUFFIX = {
    ".md": DocumentKind.MARKDOWN,
    ".markdown": DocumentKind.MARKDOWN,
    ".qmd": DocumentKind.MARKDOWN,
    ".mdx": DocumentKind.MDX,
    ".rst": DocumentKind.RST,
}


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: its sentences and the lines where directives are not honoured."""

    sentences: tuple[Sentence, ...]
    code_lines: frozenset[int] = frozenset()


_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)??\1[ \t]*(?:\r?\n|\Z)", re.S)
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s.*$", re.M)
_INLINE_MASKS = (
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
_URL_MASKS = _INLINE_MASKS[6:8]
# [text](destination "title") and [text][ref]: the text stays, the rest is masked.
_LINK = re.compile(
    r"\[(?P<text>[^\[\]]*)\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])"
)
_BLOCKQUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)+")
_LIST_PREFIX = re.compile(
    r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]+"
)
_ATX_OPEN = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|[ \t]*$")
_SETEXT_RULE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:=+|-+)[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_PLAIN_BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_PLAIN_RULE = re.compile(r"[ \t]*([=\-~^\"'`#*+_])\1{2,}[ \t]*$")
_RST_DIRECTIVE = re.compile(r"\.\.(?:[ \t]|$)")
_TEXT_DIRECTIVE = re.compile(r"[ \t]*(?:\.\.|#|//)?[ \t]*ldncheck-(?:disable|enable)")


def kind_for_path(name: str) -> DocumentKind:
    """The document kind implied by a file name; anything unknown is plain text."""
    dot = name.rfind(".")
    return (
        _KIND_BY_SUFFIX.get(name[dot:].lower(), DocumentKind.TEXT)
        if dot >= 0
        else DocumentKind.TEXT
    )


def parse_document(text: str, kind: DocumentKind) -> Document:
    """Split *text* into sentences whose spans point into *text*."""
    if kind in (DocumentKind.MARKDOWN, DocumentKind.MDX):
        return _MarkdownReader(text, kind).read()
    return _PlainReader(text, kind).read()


class _Masker:
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
        self.mask(self._line_start(first), self._line_start(last))

    def mask_prefix(self, line: int, pattern: re.Pattern[str]) -> None:
        start = self._line_start(line)
        found = pattern.match(self.text, start, self._line_end(line))
        if found:
            self.mask(start, found.end())

    def mask_inline(
        self, start: int, end: int, patterns: tuple[re.Pattern[str], ...] = _INLINE_MASKS
    ) -> None:
        for pattern in patterns:
            for found in pattern.finditer(self.text, start, end):
                self.mask(found.start(), found.end())
        if patterns is not _INLINE_MASKS:
            return
        for found in _LINK.finditer(self.text, start, end):
            self.mask(found.start(), found.start("text"))
            self.mask(found.end("text"), found.end())

    def _line_start(self, line: int) -> int:
        starts = self.index.starts
        return starts[line] if line < len(starts) else len(self.text)

    def _line_end(self, line: int) -> int:
        end = self._line_start(line + 1)
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


class _MarkdownReader:
    """Walks markdown-it block tokens; their .map line ranges give the structure."""

    def __init__(self, text: str, kind: DocumentKind) -> None:
        self.masker = _Masker(text)
        self.kind = kind
        self.units: list[Unit] = []
        self.code_lines: set[int] = set()

    def read(self) -> Document:
        text = self.masker.text
        source = self._mask_preamble(text)
        from markdown_it import MarkdownIt  # imported here: parsing costs start-up time

        tokens = MarkdownIt("commonmark").enable("table").parse(source)
        self._walk(tokens)
        masked = self.masker.masked()
        sentences = tuple(split_units(masked, self.units, self.masker.index))
        return Document(sentences, frozenset(self.code_lines))

    def _mask_preamble(self, text: str) -> str:
        front = _FRONT_MATTER.match(text)
        if front:
            self.masker.mask(0, front.end())
            self._quiet(0, self.masker.index.position(front.end() - 1)[0])
        if self.kind is DocumentKind.MDX:
            for found in _MDX_STATEMENT.finditer(text):
                self.masker.mask(found.start(), found.end())
        return self.masker.masked() if self.masker.ranges else text

    def _quiet(self, first: int, last: int) -> None:
        self.code_lines.update(range(first + 1, last + 1))

    def _walk(self, tokens: Iterable[Any]) -> None:
        quote_depth = 0
        item_lines: list[int] = []
        for token in tokens:
            kind, span = token.type, token.map
            if kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind == "list_item_open":
                item_lines.append(span[0])
            elif kind == "list_item_close":
                item_lines.pop()
            elif kind in ("fence", "code_block"):
                self.masker.mask_lines(*span)
                self._quiet(*span)
            elif kind == "html_block":
                self.masker.mask_lines(*span)
            elif kind in ("paragraph_open", "heading_open"):
                starts_item = bool(item_lines) and item_lines[-1] == span[0]
                self._block(span, kind, quote_depth=quote_depth, starts_item=starts_item)
            elif kind == "tr_open":
                self._row(span[0], quote_depth=quote_depth)

    def _block(self, span: list[int], kind: str, *, quote_depth: int, starts_item: bool) -> None:
        first, last = span
        masker = self.masker
        for line in range(first, last):
            masker.mask_prefix(line, _BLOCKQUOTE_PREFIX)
        if starts_item:
            masker.mask_prefix(first, _LIST_PREFIX)
        if kind == "heading_open":
            self._heading_markers(first, last)
        start, end = masker._line_start(first), masker._line_start(last)
        masker.mask_inline(start, end)
        self.units.append(Unit(start, end, in_blockquote=quote_depth > 0))

    def _heading_markers(self, first: int, last: int) -> None:
        masker = self.masker
        if last - first > 1:
            masker.mask_prefix(last - 1, _SETEXT_RULE)
            return
        masker.mask_prefix(first, _ATX_OPEN)
        line_end = masker._line_end(first)
        closing = _ATX_CLOSE.search(masker.text, masker._line_start(first), line_end)
        if closing:
            masker.mask(closing.start(), closing.end())

    def _row(self, line: int, *, quote_depth: int) -> None:
        masker = self.masker
        masker.mask_prefix(line, _BLOCKQUOTE_PREFIX)
        start, end = masker._line_start(line), masker._line_end(line)
        masker.mask_inline(start, end)
        for cell_start, cell_end in _cells(masker.text, start, end):
            self.units.append(Unit(cell_start, cell_end, in_blockquote=quote_depth > 0))


def _cells(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the (start, end) of each cell of the table row text[start:end]."""
    begin = start
    for found in _CELL_SPLIT.finditer(text, start, end):
        yield begin, found.start()
        begin = found.end()
    yield begin, end


class _PlainReader:
    """Plain text and reStructuredText: paragraphs by blank lines, bullets start new units."""

    def __init__(self, text: str, kind: DocumentKind) -> None:
        self.masker = _Masker(text)
        self.kind = kind
        self.code_lines: set[int] = set()

    def read(self) -> Document:
        masker = self.masker
        lines = masker.text.split("\n")
        if self.kind is DocumentKind.RST:
            self._mask_rst(lines)
        units = list(self._units(lines))
        patterns = _INLINE_MASKS if self.kind is DocumentKind.RST else _URL_MASKS
        for unit in units:
            masker.mask_inline(unit.start, unit.end, patterns)
        masked = masker.masked()
        return Document(tuple(split_units(masked, units, masker.index)), frozenset(self.code_lines))

    def _units(self, lines: list[str]) -> Iterator[Unit]:
        masker = self.masker
        begin: int | None = None
        for number, raw in enumerate(lines):
            start = masker._line_start(number)
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
