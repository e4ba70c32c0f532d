"""Document -> sentences with true source positions, by masking (never deleting) non-prose.

Everything that is not prose (code, front matter, comments, tags, URLs, Markdown markers) is
replaced by spaces of the same length with newlines kept, so that an offset in the masked text
is an offset in the original file and every sentence's line and column are the real ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from ldncheck.masking import Blocks, Document, Masker
from ldncheck.plaintext import PlainReader
from ldncheck.sentences import Unit


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


_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)??\1[ \t]*(?:\r?\n|\Z)", re.S)
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s.*$", re.M)
_BLOCKQUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)+")
_LIST_PREFIX = re.compile(
    r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]+"
)
_ATX_OPEN = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|[ \t]*$")
_SETEXT_RULE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:=+|-+)[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


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
    return read_blocks(text, kind).document()


def read_blocks(text: str, kind: DocumentKind) -> Blocks:
    """Mask *text* and find its units; sentences are split from them on demand."""
    if kind in (DocumentKind.MARKDOWN, DocumentKind.MDX):
        return _MarkdownReader(text, kind).read()
    return PlainReader(text, rst=kind is DocumentKind.RST).read()


class _MarkdownReader:
    """Walks markdown-it block tokens; their .map line ranges give the structure."""

    def __init__(self, text: str, kind: DocumentKind) -> None:
        self.masker = Masker(text)
        self.kind = kind
        self.units: list[Unit] = []
        self.code_lines: set[int] = set()
        self.front_matter = ""

    def read(self) -> Blocks:
        text = self.masker.text
        source = self._mask_preamble(text)
        from markdown_it import MarkdownIt  # imported here: parsing costs start-up time

        # Only block structure is needed; inline parsing is most of the cost and masking
        # handles inline markup itself.
        parser = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
        tokens = parser.parse(source)
        self._walk(tokens)
        return Blocks.of(self.masker, self.units, self.code_lines, self.front_matter)

    def _mask_preamble(self, text: str) -> str:
        front = _FRONT_MATTER.match(text)
        if front:
            self.front_matter = front.group()
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
        start, end = masker.line_start(first), masker.line_start(last)
        masker.mask_inline(start, end)
        self.units.append(Unit(start, end, in_blockquote=quote_depth > 0))

    def _heading_markers(self, first: int, last: int) -> None:
        masker = self.masker
        if last - first > 1:
            masker.mask_prefix(last - 1, _SETEXT_RULE)
            return
        masker.mask_prefix(first, _ATX_OPEN)
        line_end = masker.line_end(first)
        closing = _ATX_CLOSE.search(masker.text, masker.line_start(first), line_end)
        if closing:
            masker.mask(closing.start(), closing.end())

    def _row(self, line: int, *, quote_depth: int) -> None:
        masker = self.masker
        masker.mask_prefix(line, _BLOCKQUOTE_PREFIX)
        start, end = masker.line_start(line), masker.line_end(line)
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
