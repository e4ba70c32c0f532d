"""Sentence splitting over masked text, with spans that point back into the original file.

The splitter never sees Markdown: callers hand it text in which everything that is not prose
has been replaced by spaces (same length, same newlines) and a list of units (paragraphs,
headings, list items, table cells) that a sentence never crosses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ldncheck.model import Span

# Lower-cased words that end with a full stop without ending the sentence. "ms" and "etc" are
# left out on purpose: "LDN for MS." and "… etc." usually do end a sentence.
ABBREVIATIONS = frozenset(
    {
        "e.g", "eg", "i.e", "ie", "dr", "drs", "prof", "mr", "mrs", "al", "vs", "approx",
        "fig", "figs", "cf", "ca", "viz", "resp", "st", "jr", "sr", "incl", "esp", "u.s",
        "dept", "univ", "min", "max", "avg", "est", "nr", "mt",
    }
)  # fmt: skip
# Abbreviations that only hold before a number: "No. 5", "p. 12" but "The answer was no."
BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp", "vol", "ref", "refs", "eq", "ch", "sec"})

_TERMINATOR = re.compile("[.!?\u2026]+[\"'\u201d\u2019)\\]]*(?=\\s|$)")
# A short line with no closing punctuation, followed by a capitalised line, is a lead-in
# ("**In brief**", "Key points") rather than the start of a wrapped sentence.
_LEAD_IN_LINE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:[^\s.!?:;,\n]+[ \t]+){0,3}[^\s.!?:;,\n]+[ \t]*(?=\n[ \t]*[A-Z])"
)
# In chat and forum text a line often ends in an emoji instead of a full stop.
_EMOJI_LINE_END = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]\ufe0f?[ \t]*(?=\n)")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_SENTENCE_OPENERS = frozenset("\"'\u201c\u2018([\u00bf\u00a1*_")
_QUOTES = frozenset('"“”')
_ALNUM = re.compile(r"[^\W_]")
_TRAILING_PUNCT = frozenset(".!?,;:…")


@dataclass(frozen=True, slots=True)
class Unit:
    """A block a sentence never crosses: paragraph, heading, list item or table cell."""

    start: int
    end: int
    in_blockquote: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, whitespace folded, with its span in the original file."""

    text: str
    span: Span
    in_blockquote: bool = False
    in_quotes: bool = False


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Maps a character offset to a 1-based (line, column)."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        """Index the line starts of *text*."""
        return cls((0, *(m.end() for m in re.finditer("\n", text))))

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of *offset*."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int) -> int:
        """The offset of the first character of 1-based *line*."""
        return self.starts[line - 1]


def split_units(masked: str, units: Iterable[Unit], index: LineIndex) -> Iterator[Sentence]:
    """Split every unit of *masked* into sentences, in document order."""
    for unit in sorted(units, key=lambda u: u.start):
        yield from _split_unit(masked, unit, index)


def _split_unit(masked: str, unit: Unit, index: LineIndex) -> Iterator[Sentence]:
    text = masked[unit.start : unit.end]
    if not text.strip():
        return
    open_before = _open_quote_states(text) if any(q in text for q in _QUOTES) else None
    for start, end in _segments(text):
        yield _sentence(text, start=start, end=end, unit=unit, index=index, open_before=open_before)


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Yield trimmed (start, end) ranges of the sentences in *text*."""
    begin = 0
    ends = sorted(
        [m.end() for m in _TERMINATOR.finditer(text) if _is_boundary(text, m)]
        + ([] if text.isascii() else [m.end() for m in _EMOJI_LINE_END.finditer(text)])
        + [m.end() for m in _LEAD_IN_LINE.finditer(text) if _lead_in(m.group(0), m.end(), text)]
    )
    for end in ends:
        if end > begin:
            yield from _trimmed(text, begin, end)
            begin = end
    yield from _trimmed(text, begin, len(text))


# A line that ends on one of these words is a sentence wrapped mid-phrase, not a lead-in.
_CONTINUES = frozenset(
    {"a", "an", "and", "or", "but", "of", "for", "with", "to", "in", "on", "at", "by", "from",
     "as", "that", "the", "is", "are", "was", "were"}
)  # fmt: skip


def _lead_in(line: str, end: int, text: str) -> bool:
    words = line.split()
    return end < len(text) and bool(words) and words[-1].lower() not in _CONTINUES


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _ALNUM.search(text, start, end):
        yield start, end


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Whether the terminator in *match* ends a sentence, judged by what comes next."""
    rest = text[match.end() : match.end() + 80].lstrip()
    if not rest:
        return True
    following = rest[0]
    if match.group().startswith(".") and _is_abbreviation(text, match.start(), following):
        return False
    if following.isupper() or following.isdigit() or following in _SENTENCE_OPENERS:
        return True
    # Casual writing starts sentences in lower case: "!" and "?" end one anyway, and so does
    # a full stop at the end of a line.
    gap = text[match.end() : match.end() + 80]
    return not match.group().startswith(".") or "\n" in gap[: len(gap) - len(gap.lstrip())]


def _is_abbreviation(text: str, dot: int, following: str) -> bool:
    found = _LAST_WORD.search(text, max(0, dot - 40), dot)
    if found is None:
        return False
    word = found.group(1)
    lowered = word.lower()
    if lowered in ABBREVIATIONS or (lowered in BEFORE_NUMBER and following.isdigit()):
        return True
    # Initials ("J. Smith") and dotted forms ("U.S.", "a.m.") do not end a sentence.
    return (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 6)


def _open_quote_states(text: str) -> list[bool]:
    """For each character, whether a double quotation is open just before it."""
    states: list[bool] = []
    inside = False
    for ch in text:
        states.append(inside)
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == '"':
            inside = not inside
    return states


def _in_quotes(text: str, start: int, end: int, open_before: list[bool] | None) -> bool:
    """True when every word character of text[start:end] sits inside quotation marks."""
    if open_before is None:
        return False
    last_quote = max((i for i in range(start, end) if text[i] in _QUOTES), default=-1)
    if last_quote < 0 and not open_before[start]:
        return False
    for i in range(start, end):
        ch = text[i]
        if ch.isspace() or ch in _QUOTES or (i > last_quote and ch in _TRAILING_PUNCT):
            continue
        if not open_before[i]:
            return False
    return True


_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[,.;:!?)])")


def _fold(chunk: str) -> str:
    """Fold line breaks and the runs of spaces masking leaves behind."""
    return _SPACE_BEFORE_PUNCT.sub("", " ".join(chunk.split()))


def _sentence(
    text: str,
    *,
    start: int,
    end: int,
    unit: Unit,
    index: LineIndex,
    open_before: list[bool] | None,
) -> Sentence:
    line, column = index.position(unit.start + start)
    end_line, end_column = index.position(unit.start + end - 1)
    return Sentence(
        text=_fold(text[start:end]),
        # end_column is exclusive (one past the last character), as in SARIF regions.
        span=Span(line, column, end_line, end_column + 1),
        in_blockquote=unit.in_blockquote,
        in_quotes=_in_quotes(text, start, end, open_before),
    )


def split_plain(text: str) -> list[str]:
    """Split a short piece of prose into sentence texts (no positions); for tests and tools."""
    index = LineIndex.of(text)
    return [s.text for s in split_units(text, [Unit(0, len(text))], index)]
