"""Literal prefilters: skip a regular expression when text lacks every literal it needs.

Normalisation runs about sixty rewrite patterns over every sentence, and most of them find
nothing. Asking the regex engine costs a couple of microseconds each; asking whether the text
contains a word the pattern cannot match without costs a few dozen nanoseconds. This module
reads a compiled pattern's syntax tree once and works out a small set of literal strings of
which every match must contain at least one ("naltrexon" for ``\\bnaltrexon[ea]s?\\b``,
{"crohn", "chron"} for an alternation of spellings).

The test is conservative: where a pattern's needs cannot be read cheaply (character classes
only, lookarounds, back-references, or non-ASCII literals whose case folding is not plain
``str.lower``), it has no prefilter and always runs. Text that is not ASCII always runs every
pattern too, because Unicode case-insensitive matching (the Kelvin sign for 'k', the long s for 's')
is wider than ``str.lower``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

try:  # The parser is internal to ``re``; without it every pattern simply runs.
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without the 3.11 layout
    _sre_parse = None

# Literals shorter than this are in nearly every sentence, so testing them saves nothing.
_MIN_LITERAL = 2
# Zero-width nodes that leave the literals on either side adjacent in the text.
_TRANSPARENT = ("AT",)

Needs = frozenset[str] | None


def _branch_needs(branches: Iterable[Any]) -> Needs:
    found: set[str] = set()
    for branch in branches:
        needs = _sequence_needs(branch)
        if needs is None:
            return None
        found |= needs
    return frozenset(found)


def _node_needs(op: Any, value: Any) -> Needs:
    name = str(op)
    if name == "SUBPATTERN":
        return _sequence_needs(value[-1])
    if name == "BRANCH":
        return _branch_needs(value[1])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
        return _sequence_needs(value[2])
    return None


def _better(a: frozenset[str], b: Needs) -> bool:
    """Whether ``a`` is a stronger requirement than ``b``: fewer, longer literals."""
    if b is None:
        return True
    return (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b))


def _sequence_needs(items: Iterable[tuple[Any, Any]]) -> Needs:
    best: Needs = None
    run: list[str] = []

    def offer(candidate: Needs) -> None:
        nonlocal best
        if candidate and _better(candidate, best):
            best = candidate

    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(value))
            continue
        if name in _TRANSPARENT:
            continue
        if run:
            offer(frozenset({"".join(run)}))
            run = []
        offer(_node_needs(op, value))
    if run:
        offer(frozenset({"".join(run)}))
    return best


def needs(pattern: re.Pattern[str]) -> Needs:
    """Lower-case literals of which every match contains one, or None when unknown."""
    if _sre_parse is None or pattern.flags & re.VERBOSE:
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable tree only means "always run"
        return None
    found = _sequence_needs(tree)
    if not found or not all(s.isascii() for s in found) or min(map(len, found)) < _MIN_LITERAL:
        return None
    return frozenset(s.lower() for s in found)


def may_match(literals: Needs, lowered: str) -> bool:
    """Whether a pattern with these needs can match ``lowered`` (lower-cased ASCII text)."""
    return literals is None or any(s in lowered for s in literals)


def table_key(pattern: str, flags: int) -> str:
    """How a pattern's needs are filed in the knowledge-base cache."""
    return f"{flags}:{pattern}"


# The last text lower-cased, kept because a run of patterns usually tests the same string.
_last: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    global _last  # noqa: PLW0603 - a one-entry memo; a tuple swap is atomic
    last = _last
    if last[0] is text:
        return last[1]
    low = text.lower()
    _last = (text, low)
    return low


Replacement = str | Callable[[re.Match[str]], str]


class Guarded:
    """A regular expression compiled on first use and skipped when text lacks its literals.

    It answers ``search``, ``match``, ``sub``, ``finditer`` and ``findall`` exactly as the
    compiled pattern would: the prefilter only ever skips text the pattern cannot match.
    """

    __slots__ = ("_compiled", "flags", "needs", "pattern")

    def __init__(
        self, pattern: str, flags: int, needs: Needs, compiled: re.Pattern[str] | None = None
    ) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needs = needs
        self._compiled = compiled

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        """Whether some text has needed the pattern yet."""
        return self._compiled is not None

    def _absent(self, text: str) -> bool:
        literals = self.needs
        if literals is None or not text.isascii():
            return False
        last = _last
        low = last[1] if last[0] is text else _lowered(text)
        # A plain loop: this runs about a hundred times a sentence, and a generator costs more.
        for literal in literals:  # noqa: SIM110 - see above
            if literal in low:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        return None if self._absent(text) else self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return None if self._absent(text) else self.compiled.match(text)

    def sub(self, repl: Replacement, text: str) -> str:
        return text if self._absent(text) else self.compiled.sub(repl, text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(text) else self.compiled.finditer(text)

    def findall(self, text: str) -> list[Any]:
        return [] if self._absent(text) else self.compiled.findall(text)

    def __eq__(self, other: object) -> bool:
        # Equal as compiled patterns are: same source, same flags (and so the same needs).
        if not isinstance(other, Guarded):
            return NotImplemented
        return (self.pattern, self.flags, self.needs) == (other.pattern, other.flags, other.needs)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Guarded({self.pattern!r}, needs={sorted(self.needs or ())})"


def guard(source: str, flags: int) -> Guarded:
    """The pattern compiled now, with its needs read now: the path taken when YAML is parsed.

    Raises ``re.error`` when the pattern is invalid.
    """
    compiled = re.compile(source, flags)
    return Guarded(source, flags, needs(compiled), compiled)


class Screen:
    """Which of many patterns could match a text, found in one pass over their literals.

    Testing each pattern's literals separately costs a method call per pattern; a screen asks
    once per literal for the whole list, which is what normalisation's rewrite lists need.
    """

    __slots__ = ("_always", "_by_literal")

    def __init__(self, patterns: Iterable[Guarded]) -> None:
        always: set[int] = set()
        by_literal: dict[str, list[int]] = {}
        for i, pattern in enumerate(patterns):
            if pattern.needs is None:
                always.add(i)
            else:
                for literal in pattern.needs:
                    by_literal.setdefault(literal, []).append(i)
        self._always = frozenset(always)
        self._by_literal = tuple((lit, tuple(found)) for lit, found in by_literal.items())

    def could_match(self, text: str) -> set[int] | None:
        """Positions of the patterns that could match ``text``; None when every one could."""
        if not text.isascii():
            return None
        low = text.lower()
        found = set(self._always)
        for literal, positions in self._by_literal:
            if literal in low:
                found.update(positions)
        return found


def rewrite(text: str, rules: Sequence[tuple[Guarded, str]], screen: Screen) -> str:
    """Apply each rule's substitution in order, running only those the screen lets through.

    A substitution that changes the text can make a later rule match, so the screen looks
    again after every change.
    """
    maybe = screen.could_match(text)
    for i, (pattern, replacement) in enumerate(rules):
        if maybe is not None and i not in maybe:
            continue
        changed = pattern.compiled.sub(replacement, text)
        if changed != text:
            text = changed
            maybe = screen.could_match(text)
    return text
